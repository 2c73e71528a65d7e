/**
 * VAT numbers of organisations. Belgian numbers (our home market) are checked down to their
 * check digits; other EU member states only against their published format, because their
 * check-digit algorithms differ per country and VIES is the authority on whether one exists.
 */

export type VatCheck =
  | { ok: true; vat: string }
  | { ok: false; reason: "VAT_FORMAT" | "VAT_CHECK_DIGITS" | "VAT_COUNTRY" };

/** Format after the two-letter prefix, as published by the European Commission (VIES). */
const EU_PATTERNS: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^[1-9]\d{1,9}$/,
  SE: /^\d{10}01$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  // Northern Ireland (goods) keeps an EU VAT identifier under the Windsor Framework.
  XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

export const VAT_COUNTRIES: readonly string[] = Object.keys(EU_PATTERNS);

/**
 * Canonical form: no spaces, dots, dashes or slashes; upper case. A bare Belgian enterprise
 * number (10 digits, or the 9 digits used before 2005 which gained a leading 0) gets "BE".
 * "GR" is rewritten to "EL", the prefix Greece uses for VAT.
 */
export function normaliseVat(raw: string): string {
  let vat = raw.normalize("NFKC").replace(/[\s.\-/]/g, "").toUpperCase();
  if (/^\d{10}$/.test(vat)) vat = `BE${vat}`;
  else if (/^\d{9}$/.test(vat)) vat = `BE0${vat}`;
  else if (/^BE\d{9}$/.test(vat)) vat = `BE0${vat.slice(2)}`;
  if (vat.startsWith("GR")) vat = `EL${vat.slice(2)}`;
  return vat;
}

/** Belgian check: the last two digits are 97 − (the first eight mod 97). */
export function hasValidBelgianCheckDigits(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  const base = Number(digits.slice(0, 8));
  return 97 - (base % 97) === Number(digits.slice(8));
}

export function checkVat(raw: string): VatCheck {
  const vat = normaliseVat(raw);
  const match = /^([A-Z]{2})([0-9A-Z+*]+)$/.exec(vat);
  if (!match) return { ok: false, reason: "VAT_FORMAT" };
  const [, country, rest] = match;
  const pattern = EU_PATTERNS[country];
  if (!pattern) return { ok: false, reason: "VAT_COUNTRY" };
  if (!pattern.test(rest)) return { ok: false, reason: "VAT_FORMAT" };
  if (country === "BE" && !hasValidBelgianCheckDigits(rest)) {
    return { ok: false, reason: "VAT_CHECK_DIGITS" };
  }
  return { ok: true, vat };
}

/** For display: "BE 0123.456.749" for Belgium, "NL 123456789B01" elsewhere. */
export function formatVat(vat: string): string {
  const canonical = normaliseVat(vat);
  const belgian = /^BE(\d{4})(\d{3})(\d{3})$/.exec(canonical);
  if (belgian) return `BE ${belgian[1]}.${belgian[2]}.${belgian[3]}`;
  if (!/^[A-Z]{2}[0-9A-Z+*]+$/.test(canonical)) return vat;
  return `${canonical.slice(0, 2)} ${canonical.slice(2)}`;
}
