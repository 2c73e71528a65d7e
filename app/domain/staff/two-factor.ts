import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { createTOTPKeyURI, verifyHOTP } from "@oslojs/otp";

/** Pure rules of two-step sign-in (TOTP, RFC 6238; ASVS 6.3.3, 6.5.x). */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now still accepted, for clocks that drift (RFC 6238 §5.2). */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
export const TOTP_ISSUER = "Contact register";

/** The RFC 6238 time step of a moment. */
export function timeStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** A new 160-bit key, the size RFC 4226 recommends for HMAC-SHA-1. */
export function generateTotpKey(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

/** The key as an authenticator app asks for it when typed in: base32, in groups of four. */
export function totpKeyText(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, "$1 ");
}

export function totpKeyUri(key: Uint8Array, accountName: string): string {
  return createTOTPKeyURI(TOTP_ISSUER, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** Six digits, spaces allowed ("123 456"); null when the input is not shaped like a TOTP code. */
export function normaliseTotpCode(input: string): string | null {
  const code = input.replace(/\s+/g, "");
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * The time step whose code `code` is, within ±TOTP_WINDOW of now, or null. A step at or before
 * `lastStep` (the last one accepted) never matches: a code works once.
 */
export function matchingStep(key: Uint8Array, code: string, nowMs: number, lastStep: number | null): number | null {
  const now = timeStep(nowMs);
  for (const step of [now, now - 1, now + 1]) {
    if (Math.abs(step - now) > TOTP_WINDOW) continue;
    if (lastStep !== null && step <= lastStep) continue;
    if (verifyHOTP(key, BigInt(step), TOTP_DIGITS, code)) return step;
  }
  return null;
}

/** Ten codes of 80 random bits each, written "abcd-efgh-ijkl-mnop" in base32. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = new Uint8Array(10);
    crypto.getRandomValues(bytes);
    return encodeBase32LowerCaseNoPadding(bytes).replace(/(.{4})(?=.)/g, "$1-");
  });
}

/** A recovery code as typed (any case, with or without dashes and spaces), or null when it cannot be one. */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]+/g, "");
  return /^[a-z2-7]{16}$/.test(code) ? code : null;
}

/** Plain SHA-256 is enough for 80-bit random codes: they cannot be guessed from the hash. */
export function hashRecoveryCode(normalised: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(normalised)));
}
