/**
 * CSV writing for every export (data-subject access/portability, lists, Art. 30 record).
 * Exported data comes from contacts and trade-fair files, i.e. from outside; opened in Excel
 * or LibreOffice, a cell such as =HYPERLINK(…) would run as a formula (OWASP "CSV injection").
 */

/** Lets Excel detect UTF-8, so accents in Dutch and French names survive. */
export const UTF8_BOM = "\uFEFF";

export type CsvDelimiter = ";" | ",";
export type CsvValue = string | number | null | undefined;

// OWASP's list of characters that make a spreadsheet treat a cell as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell. Text starting with a formula character gets a leading ' inside a quoted field:
 * the spreadsheet shows it as text, at the cost of a visible ' on values such as "+32 470…"
 * (safety wins over looks). Numbers passed as numbers are ours, not user input, and stay
 * unguarded so a negative amount remains -12.5.
 */
export function csvCell(value: CsvValue, delimiter: CsvDelimiter): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const guarded = FORMULA_START.test(value);
  const text = guarded ? `'${value}` : value;
  const needsQuotes =
    guarded || text.includes(delimiter) || text.includes('"') || /[\r\n]/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 and Excel expect. */
export function csvLine(cells: readonly CsvValue[], delimiter: CsvDelimiter): string {
  return cells.map((cell) => csvCell(cell, delimiter)).join(delimiter) + "\r\n";
}
