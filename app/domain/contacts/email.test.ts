import { describe, expect, it } from "vitest";
import { EMAIL_MAX_LENGTH, isValidEmail, normaliseEmail } from "./email";

describe("normaliseEmail", () => {
  it.each([
    ["jan.peeters@example.be", "jan.peeters@example.be"],
    ["  Jan.Peeters@Example.BE ", "jan.peeters@example.be"],
    ["\tmarie@exemple.fr\n", "marie@exemple.fr"],
    // "é" typed as e + combining acute (NFD) becomes the single NFC character
    ["Rene\u0301@voorbeeld.nl", "ren\u00e9@voorbeeld.nl"],
    ["REN\u00c9@VOORBEELD.NL", "ren\u00e9@voorbeeld.nl"],
    ["", ""],
  ])("%j → %j", (raw, expected) => {
    expect(normaliseEmail(raw)).toBe(expected);
  });

  it("gives the same result for both Unicode forms", () => {
    expect(normaliseEmail("Ren\u00e9@x.be")).toBe(normaliseEmail("Rene\u0301@X.be"));
  });
});

describe("isValidEmail", () => {
  it.each([
    ["jan.peeters@example.be"],
    ["Jan.Peeters@Example.BE"],
    ["  marie@exemple.fr  "],
    ["first+tag@sub.example.co.uk"],
    ["o'brien@example.ie"],
    ["x@y.z"],
    ["ren\u00e9@voorbeeld.nl"],
    ["info@b\u00fccher.de"],
    [`${"a".repeat(64)}@${"d".repeat(63)}.${"e".repeat(63)}.be`],
  ])("accepts %j", (raw) => {
    expect(isValidEmail(raw)).toBe(true);
  });

  it.each([
    [""],
    ["   "],
    ["plainaddress"],
    ["@example.be"],
    ["jan@"],
    ["jan@example"],
    ["jan@@example.be"],
    ["jan@peeters@example.be"],
    ["jan peeters@example.be"],
    ["jan@exam ple.be"],
    ["jan@example.be\u00a0x"],
    ["jan@.example.be"],
    ["jan@example.be."],
    ["jan@example..be"],
    [`${"a".repeat(EMAIL_MAX_LENGTH - 6)}@ex.com`],
  ])("refuses %j", (raw) => {
    expect(isValidEmail(raw)).toBe(false);
  });

  it("allows exactly 254 characters and not one more", () => {
    const at254 = `${"a".repeat(EMAIL_MAX_LENGTH - 7)}@ex.com`;
    expect(at254).toHaveLength(254);
    expect(isValidEmail(at254)).toBe(true);
    expect(isValidEmail(`a${at254}`)).toBe(false);
  });
});
