import crypto from "node:crypto";
import { secret } from "~/lib/config.server";

// TOTP keys are encrypted at rest (AES-256-GCM, key from TOTP_KEY) so that a copy of the database
// or of a backup alone does not let anyone produce codes. The staff id is bound in as associated
// data: a ciphertext copied onto another account does not decrypt.
const VERSION = "v1";

function aesKey(): Buffer {
  return crypto.createHash("sha256").update(`crm-totp:${secret("TOTP_KEY")}`).digest();
}

export function encryptTotpKey(key: Uint8Array, staffId: number): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", aesKey(), iv);
  cipher.setAAD(Buffer.from(`staff:${staffId}`));
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(":");
}

/** Throws when the value was not written by encryptTotpKey for this staff member with this key (a bug or a lost TOTP_KEY). */
export function decryptTotpKey(stored: string, staffId: number): Uint8Array {
  const [version, iv, tag, body] = stored.split(":");
  if (version !== VERSION || !iv || !tag || !body) throw new Error("Unreadable TOTP secret");
  const decipher = crypto.createDecipheriv("aes-256-gcm", aesKey(), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(`staff:${staffId}`));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]));
}
