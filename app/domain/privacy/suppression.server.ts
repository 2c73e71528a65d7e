import { createHmac } from "node:crypto";

/**
 * The suppression list keeps a keyed hash of an e-mail address, never the address: an erased or
 * objecting person must not be re-added by the next import, yet the list itself must not become a
 * readable copy of their data. A plain hash of an address can be reversed by hashing guesses;
 * the server-side HMAC key stops that.
 */

/**
 * Trim, Unicode NFC and lower case. Case is folded because every mail provider we meet treats it
 * so, and contacts are stored lower-cased. Dots and "+tags" are NOT removed: only some providers
 * ignore them, elsewhere "a.b@x" and "ab@x" are different people, and a hash cannot be
 * re-normalised later if we guessed wrong.
 */
export function normaliseEmailForSuppression(raw: string): string {
  return raw.trim().normalize("NFC").toLowerCase().normalize("NFC");
}

/** HMAC-SHA-256 of the normalised address, hex. An empty address or key is a bug, not input to hash. */
export function suppressionHash(email: string, key: string): string {
  const normalised = normaliseEmailForSuppression(email);
  if (normalised === "") throw new RangeError("cannot hash an empty e-mail address");
  if (key === "") throw new RangeError("suppression key is empty");
  return createHmac("sha256", key).update(normalised, "utf8").digest("hex");
}
