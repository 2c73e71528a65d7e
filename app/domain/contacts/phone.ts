/**
 * Phone numbers are stored in E.164 ("+32470123456") so duplicates match however they were typed.
 * The "max" metadata (~145 kB) validates the digits themselves, not just the length as the
 * default "min" set does; a CRM filled from trade-fair files needs that to catch typos. It is
 * plain data and works the same in Node and in the browser bundle.
 */
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

export type PhoneCheck = { ok: true; e164: string | null } | { ok: false; reason: "PHONE_INVALID" };

/** Blank input is not an error: the field is optional and stays empty (e164: null). */
export function normalisePhone(
  raw: string | null | undefined,
  defaultCountry: CountryCode = "BE",
): PhoneCheck {
  const input = (raw ?? "").trim();
  if (input === "") return { ok: true, e164: null };
  // "0032 …" is read through the default country's international prefix; "(0)" is dropped.
  const phone = parsePhoneNumberFromString(input, { defaultCountry });
  if (!phone || !phone.isValid()) return { ok: false, reason: "PHONE_INVALID" };
  // E.164 has no room for an extension ("ext. 3"); the switchboard number is kept.
  return { ok: true, e164: phone.number };
}

/** "+32470123456" → "+32 470 12 34 56"; anything unparseable is shown as stored. */
export function formatPhone(e164: string | null | undefined): string {
  if (!e164) return "";
  const phone = parsePhoneNumberFromString(e164);
  return phone ? phone.formatInternational() : e164;
}
