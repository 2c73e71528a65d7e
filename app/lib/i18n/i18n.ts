import type { InitOptions } from "i18next";
import { LANGUAGES, type Language } from "~/domain/staff/roles";
import { catalogue } from "./catalogue";

export const FALLBACK_LANGUAGE: Language = "en";

/** i18next resources built from the one catalogue: { en: { translation: { key: text } }, nl: …, fr: … }. */
export const resources = Object.fromEntries(
  LANGUAGES.map((lng) => [
    lng,
    { translation: Object.fromEntries(Object.entries(catalogue).map(([key, texts]) => [key, texts[lng]])) },
  ]),
);

export const i18nOptions = {
  supportedLngs: [...LANGUAGES],
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: "translation",
  // Keys are flat strings such as "nav.contacts".
  keySeparator: false,
  nsSeparator: false,
  // React escapes output already.
  interpolation: { escapeValue: false },
  resources,
} satisfies InitOptions;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}
