import { createInstance, type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { LANGUAGES, type Language } from "~/domain/staff/roles";
import { getStaff } from "../auth.server";
import { FALLBACK_LANGUAGE, i18nOptions, isLanguage } from "./i18n";

/** The staff member's language when signed in; otherwise the browser's Accept-Language; otherwise English. */
export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...LANGUAGES],
    fallbackLanguage: FALLBACK_LANGUAGE,
    order: ["custom", "header"],
    async findLocale(request) {
      const staff = await getStaff(request);
      return staff && isLanguage(staff.language) ? staff.language : null;
    },
  },
  i18next: i18nOptions,
});

export async function localeOf(request: Request): Promise<Language> {
  const locale = await i18next.getLocale(request);
  return isLanguage(locale) ? locale : FALLBACK_LANGUAGE;
}

const instances = new Map<Language, TFunction>();

/** A translate function for one language (mail texts, CSV headers, server-side messages). */
export async function translator(language: string): Promise<TFunction> {
  const lng = isLanguage(language) ? language : FALLBACK_LANGUAGE;
  let t = instances.get(lng);
  if (!t) {
    const instance = createInstance();
    await instance.init({ ...i18nOptions, lng });
    t = instance.t;
    instances.set(lng, t);
  }
  return t;
}
