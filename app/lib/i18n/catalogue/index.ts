import { admin } from "./admin";
import { auth } from "./auth";
import { common } from "./common";
import { commerce } from "./commerce";
import { contactList } from "./contact-list";
import { contacts } from "./contacts";
import { imports } from "./imports";
import { organisations } from "./organisations";
import { privacyAdmin } from "./privacy-admin";
import { privacyRequests } from "./privacy-requests";
import { security } from "./security";
import type { Texts } from "./types";

/** The one catalogue of UI texts, in en, nl and fr. Keys are flat: "area.text". */
export const catalogue: Record<string, Texts> = { ...common, ...auth, ...admin, ...contacts, ...contactList, ...organisations, ...imports, ...security, ...privacyRequests, ...privacyAdmin, ...commerce };
