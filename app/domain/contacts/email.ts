/**
 * E-mail addresses are the key for duplicates, merges and the suppression list, so every path
 * (form, import, CLI) must reduce them to the same form before comparing or hashing.
 */

/** RFC 5321 path limit; anything longer cannot be delivered. */
export const EMAIL_MAX_LENGTH = 254;

/**
 * Trimmed, NFC, lower-case. Lower-casing the local part is technically lossy (RFC 5321 lets it
 * be case-sensitive) but no mainstream provider treats it so, and a suppressed "Jan@x.be" must
 * also block "jan@x.be".
 */
export function normaliseEmail(raw: string): string {
  return raw.trim().normalize("NFC").toLowerCase();
}

/**
 * Pragmatic, not RFC 5322: exactly one @, a non-empty local part, a domain of non-empty labels
 * with at least one dot, no whitespace, at most 254 characters. Checked on the normalised
 * form, so surrounding spaces from a paste are not an error. The zod schema uses this too.
 */
export function isValidEmail(raw: string): boolean {
  const email = normaliseEmail(raw);
  if (email.length === 0 || email.length > EMAIL_MAX_LENGTH) return false;
  if (/\s/.test(email)) return false;
  const parts = email.split("@");
  if (parts.length !== 2) return false;
  const [local, domain] = parts;
  if (local.length === 0) return false;
  const labels = domain.split(".");
  return labels.length >= 2 && labels.every((label) => label.length > 0);
}
