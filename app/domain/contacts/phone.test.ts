import { describe, expect, it } from "vitest";
import { formatPhone, normalisePhone } from "./phone";

describe("normalisePhone", () => {
  it.each([
    // Belgian mobile, national and international notation
    ["0470 12 34 56", "+32470123456"],
    ["0470/12.34.56", "+32470123456"],
    ["0470-123456", "+32470123456"],
    ["+32 470 12 34 56", "+32470123456"],
    ["+32 (0)470 12 34 56", "+32470123456"],
    ["0032 470 12 34 56", "+32470123456"],
    ["+32470123456", "+32470123456"],
    ["  0470 12 34 56  ", "+32470123456"],
    // Belgian landlines (Brussels, Antwerp, Ghent) and a free number
    ["02 555 12 34", "+3225551234"],
    ["+32 2 502 12 34", "+3225021234"],
    ["03 234 56 78", "+3232345678"],
    ["09 234 56 78", "+3292345678"],
    ["0800 12 345", "+3280012345"],
    // French and Dutch numbers written internationally
    ["+33 6 12 34 56 78", "+33612345678"],
    ["+33 1 42 68 53 00", "+33142685300"],
    ["0033 1 42 68 53 00", "+33142685300"],
    ["+31 6 12345678", "+31612345678"],
    ["+31 20 123 4567", "+31201234567"],
    ["+31 10 123 4567", "+31101234567"],
  ])("%j → %s", (raw, e164) => {
    expect(normalisePhone(raw)).toEqual({ ok: true, e164 });
  });

  it.each([
    ["01 42 68 53 00", "FR", "+33142685300"],
    ["06 12 34 56 78", "FR", "+33612345678"],
    ["020 123 4567", "NL", "+31201234567"],
    ["06 12345678", "NL", "+31612345678"],
    ["+32 470 12 34 56", "FR", "+32470123456"],
  ] as const)("%j read as %s → %s", (raw, country, e164) => {
    expect(normalisePhone(raw, country)).toEqual({ ok: true, e164 });
  });

  it.each([
    [""],
    ["   "],
    [null],
    [undefined],
  ])("blank %j is no number, not an error", (raw) => {
    expect(normalisePhone(raw)).toEqual({ ok: true, e164: null });
  });

  it.each([
    ["abc"],
    ["call me"],
    ["12"],
    ["0470"],
    ["++32"],
    ["+32 470 12 34 56 78"],
    ["+32 999 99 99 99"],
    ["0470123456789012345"],
    // a French number typed nationally is not Belgian
    ["01 42 68 53 00"],
    ["06 12 34 56 78"],
  ])("refuses %j", (raw) => {
    expect(normalisePhone(raw)).toEqual({ ok: false, reason: "PHONE_INVALID" });
  });
});

describe("formatPhone", () => {
  it.each([
    ["+32470123456", "+32 470 12 34 56"],
    ["+3225551234", "+32 2 555 12 34"],
    ["+3292345678", "+32 9 234 56 78"],
    ["+33612345678", "+33 6 12 34 56 78"],
    ["+31201234567", "+31 20 123 4567"],
    ["", ""],
    [null, ""],
    ["not a phone", "not a phone"],
  ])("%j → %j", (e164, expected) => {
    expect(formatPhone(e164)).toBe(expected);
  });
});
