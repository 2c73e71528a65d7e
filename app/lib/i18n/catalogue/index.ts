import { admin } from "./admin";
import { auth } from "./auth";
import { common } from "./common";
import type { Texts } from "./types";

/** The one catalogue of UI texts, in en, nl and fr. Keys are flat: "area.text". */
export const catalogue: Record<string, Texts> = { ...common, ...auth, ...admin };
