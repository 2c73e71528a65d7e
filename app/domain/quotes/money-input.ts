/**
 * Amounts typed by staff, in euros, to integer cents. Belgian staff type a decimal comma ("12,50"),
 * others a dot ("12.50"); both are read. A euro sign and surrounding spaces are ignored. Thousands
 * separators ("1.234,50") are refused rather than guessed: "1.234" could mean either, and a
 * misread price is worse than asking again (same rule as quantities in quote-line.schema.ts).
 */

export type EuroInput = { ok: true; cents: number } | { ok: false; reason: "EMPTY" | "INVALID" | "TOO_MANY_DECIMALS" | "TOO_LARGE" };

const AMOUNT = /^(\d+)(?:[.,](\d*))?$|^[.,](\d+)$/;

export function parseEuroInput(raw: string): EuroInput {
  const text = raw.replace(/€/g, "").trim();
  if (text === "") return { ok: false, reason: "EMPTY" };
  const match = AMOUNT.exec(text);
  if (!match) return { ok: false, reason: "INVALID" };
  const whole = match[1] ?? "0";
  const fraction = (match[2] ?? match[3] ?? "").replace(/0+$/, "");
  if (fraction.length > 2) return { ok: false, reason: "TOO_MANY_DECIMALS" };
  // String arithmetic: no binary floating point between what was typed and the stored cents.
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  if (!Number.isSafeInteger(cents) || whole.length > 13) return { ok: false, reason: "TOO_LARGE" };
  return { ok: true, cents };
}

/** Cents back to what the input showed: "12,50" with a comma (nl, fr) or "12.50" (en). */
export function centsToInput(cents: number, decimalSeparator: "," | "." = ","): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`invalid cents ${cents}`);
  const whole = Math.floor(cents / 100);
  const rest = String(cents % 100).padStart(2, "0");
  return `${whole}${decimalSeparator}${rest}`;
}
