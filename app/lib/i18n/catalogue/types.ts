import type { Language } from "~/domain/staff/roles";

/** One text in every language the product speaks. */
export type Texts = Record<Language, string>;
