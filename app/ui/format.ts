const locales: Record<string, string> = { en: "en-GB", nl: "nl-BE", fr: "fr-BE" };

/** Dates shown in the staff member's language, in Belgian time. */
export function formatDateTime(value: Date | string | null | undefined, language: string): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat(locales[language] ?? "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Brussels" }).format(new Date(value));
}

export function formatDate(value: Date | string | null | undefined, language: string): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat(locales[language] ?? "en-GB", { dateStyle: "medium", timeZone: "Europe/Brussels" }).format(new Date(value));
}
