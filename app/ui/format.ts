const locales: Record<string, string> = { en: "en-GB", nl: "nl-BE", fr: "fr-BE" };

// Building an Intl.DateTimeFormat costs ~50× a format call (a list page formats 50–100 dates):
// one formatter per language and style, made on first use.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: string, withTime: boolean): Intl.DateTimeFormat {
  const locale = locales[language] ?? "en-GB";
  const key = `${locale}|${withTime}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, withTime ? { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Brussels" } : { dateStyle: "medium", timeZone: "Europe/Brussels" });
    formatters.set(key, format);
  }
  return format;
}

/** Dates shown in the staff member's language, in Belgian time. */
export function formatDateTime(value: Date | string | null | undefined, language: string): string {
  if (!value) return "—";
  return formatter(language, true).format(new Date(value));
}

export function formatDate(value: Date | string | null | undefined, language: string): string {
  if (!value) return "—";
  return formatter(language, false).format(new Date(value));
}
