import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { describe, expect, it } from "vitest";
import {
  generateRecoveryCodes, hashRecoveryCode, matchingStep, normaliseRecoveryCode, normaliseTotpCode, timeStep, totpKeyText, totpKeyUri,
} from "./two-factor";

// RFC 6238 appendix B: the SHA-1 test key and the code at T = 59 s (step 1) is 94287082 (8 digits) → 287082 in 6.
const RFC_KEY = new TextEncoder().encode("12345678901234567890");
const code = (step: number) => generateHOTP(RFC_KEY, BigInt(step), 6);
const NOW = 1_111_111_109_000; // RFC 6238 test time, step 37037036
const STEP = timeStep(NOW);

describe("TOTP codes", () => {
  it("follow the RFC 6238 test vectors", () => {
    expect(timeStep(59_000)).toBe(1);
    expect(code(1)).toBe("287082");
    expect(STEP).toBe(37037036);
    expect(code(STEP)).toBe("081804");
  });

  it.each([
    ["the current step", 0, null, 0],
    ["one step back (slow clock)", -1, null, -1],
    ["one step ahead (fast clock)", 1, null, 1],
    ["two steps back", -2, null, null],
    ["two steps ahead", 2, null, null],
    ["the current step, already used", 0, 0, null],
    ["a step before the last used one", -1, 0, null],
    ["a step after the last used one", 1, 0, 1],
  ] as const)("accepts or refuses %s", (_name, offset, lastOffset, expected) => {
    const last = lastOffset === null ? null : STEP + lastOffset;
    const result = matchingStep(RFC_KEY, code(STEP + offset), NOW, last);
    expect(result === null ? null : result - STEP).toBe(expected);
  });

  it("refuses a wrong code and another key's code", () => {
    const wrong = String((Number(code(STEP)) + 1) % 1_000_000).padStart(6, "0");
    expect(matchingStep(RFC_KEY, wrong, NOW, null)).toBeNull();
    const other = new TextEncoder().encode("abcdefghijabcdefghij");
    expect(matchingStep(other, code(STEP), NOW, null)).toBeNull();
  });

  it.each([
    ["123456", "123456"],
    [" 123 456 ", "123456"],
    ["12345", null],
    ["1234567", null],
    ["12a456", null],
    ["abcd-efgh-ijkl-mnop", null],
  ])("reads %j as a TOTP code: %j", (input, expected) => {
    expect(normaliseTotpCode(input)).toBe(expected);
  });

  it("shows the key as grouped base32 that decodes back, and puts it in the otpauth URI", () => {
    const text = totpKeyText(RFC_KEY);
    expect(text).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(decodeBase32IgnorePadding(text.replace(/ /g, ""))).toEqual(RFC_KEY);
    const uri = new URL(totpKeyUri(RFC_KEY, "ada@example.com"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(text.replace(/ /g, ""));
    expect(uri.searchParams.get("period")).toBe("30");
    expect(uri.searchParams.get("digits")).toBe("6");
  });
});

describe("recovery codes", () => {
  it("are ten distinct 80-bit codes written in four groups", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
  });

  it.each([
    ["abcd-efgh-ijkl-mnop", "abcdefghijklmnop"],
    ["ABCD EFGH IJKL MNOP", "abcdefghijklmnop"],
    ["abcdefghijklmnop", "abcdefghijklmnop"],
    ["abcd-efgh-ijkl-mno", null], // too short
    ["abcd-efgh-ijkl-mno1", null], // 1 is not base32
    ["123456", null],
  ])("reads %j as %j", (input, expected) => {
    expect(normaliseRecoveryCode(input)).toBe(expected);
  });

  it("are stored as a SHA-256 that does not contain the code", () => {
    const hash = hashRecoveryCode("abcdefghijklmnop");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashRecoveryCode(normaliseRecoveryCode("ABCD-EFGH-IJKL-MNOP")!));
    expect(hash).not.toBe(hashRecoveryCode("abcdefghijklmnoq"));
  });
});
