import { describe, expect, it } from "vitest";
import {
  checkVat,
  formatVat,
  hasValidBelgianCheckDigits,
  normaliseVat,
  VAT_COUNTRIES,
} from "./vat";

// Belgian numbers below have check digits computed as 97 − (first eight digits mod 97).
describe("normaliseVat", () => {
  it.each([
    ["BE 0123.456.749", "BE0123456749"],
    ["be0123456749", "BE0123456749"],
    ["BE-0403-170-701", "BE0403170701"],
    ["  BE 0403 170 701 ", "BE0403170701"],
    ["BE\u00a00403.170.701", "BE0403170701"],
    ["0123.456.749", "BE0123456749"],
    ["0123456749", "BE0123456749"],
    ["123.456.749", "BE0123456749"],
    ["123456749", "BE0123456749"],
    ["BE 123.456.749", "BE0123456749"],
    ["1000.123.448", "BE1000123448"],
    ["nl 8123.45.678.b01", "NL812345678B01"],
    ["GR 094014201", "EL094014201"],
    ["FR 40 303 265 045", "FR40303265045"],
    ["", ""],
  ])("%j → %j", (raw, expected) => {
    expect(normaliseVat(raw)).toBe(expected);
  });
});

describe("hasValidBelgianCheckDigits", () => {
  it.each([
    ["0123456749", true],
    ["0403170701", true],
    ["0202023977", true],
    ["0876543270", true],
    ["1000123448", true],
    ["0777777771", true],
    ["0123456748", false],
    ["0123456750", false],
    ["123456749", false],
    ["01234567ab", false],
  ])("%s → %s", (digits, expected) => {
    expect(hasValidBelgianCheckDigits(digits)).toBe(expected);
  });
});

describe("checkVat", () => {
  it.each([
    // Belgium, every way people type it
    ["BE0123456749", "BE0123456749"],
    ["BE 0123.456.749", "BE0123456749"],
    ["be 0403.170.701", "BE0403170701"],
    ["0876.543.270", "BE0876543270"],
    ["876543270", "BE0876543270"],
    ["BE 1000.123.448", "BE1000123448"],
    ["BE0777-777-771", "BE0777777771"],
    // other member states, by pattern only
    ["ATU12345678", "ATU12345678"],
    ["BG123456789", "BG123456789"],
    ["BG1234567890", "BG1234567890"],
    ["CY12345678L", "CY12345678L"],
    ["CZ12345678", "CZ12345678"],
    ["CZ1234567890", "CZ1234567890"],
    ["DE 123 456 789", "DE123456789"],
    ["DK12345678", "DK12345678"],
    ["EE123456789", "EE123456789"],
    ["EL123456789", "EL123456789"],
    ["GR123456789", "EL123456789"],
    ["ESA12345678", "ESA12345678"],
    ["ES12345678Z", "ES12345678Z"],
    ["ESX1234567L", "ESX1234567L"],
    ["FI12345678", "FI12345678"],
    ["FR40303265045", "FR40303265045"],
    ["FRK7399859412", "FRK7399859412"],
    ["HR12345678901", "HR12345678901"],
    ["HU12345678", "HU12345678"],
    ["IE1234567T", "IE1234567T"],
    ["IE1234567WA", "IE1234567WA"],
    ["IE1A23456T", "IE1A23456T"],
    ["IT12345678901", "IT12345678901"],
    ["LT123456789", "LT123456789"],
    ["LT123456789012", "LT123456789012"],
    ["LU12345678", "LU12345678"],
    ["LV12345678901", "LV12345678901"],
    ["MT12345678", "MT12345678"],
    ["NL123456789B01", "NL123456789B01"],
    ["PL1234567890", "PL1234567890"],
    ["PT123456789", "PT123456789"],
    ["RO18547290", "RO18547290"],
    ["RO12", "RO12"],
    ["SE123456789001", "SE123456789001"],
    ["SI12345678", "SI12345678"],
    ["SK1234567890", "SK1234567890"],
    ["XI123456789", "XI123456789"],
    ["XIGD123", "XIGD123"],
  ])("accepts %j as %s", (raw, vat) => {
    expect(checkVat(raw)).toEqual({ ok: true, vat });
  });

  it.each([
    // Belgian check digits wrong
    ["BE0123456748", "VAT_CHECK_DIGITS"],
    ["BE 0403.170.702", "VAT_CHECK_DIGITS"],
    ["0123456700", "VAT_CHECK_DIGITS"],
    // Belgian shape wrong
    ["BE2123456749", "VAT_FORMAT"],
    ["BE012345674", "VAT_CHECK_DIGITS"], // 9 digits after BE gains a leading 0 (BE0012345674)
    ["BE01234567490", "VAT_FORMAT"],
    ["BE01234567AB", "VAT_FORMAT"],
    ["12345", "VAT_FORMAT"],
    ["", "VAT_FORMAT"],
    ["   ", "VAT_FORMAT"],
    ["BE", "VAT_FORMAT"],
    ["0123 456 749 x", "VAT_FORMAT"],
    ["BE 0123,456,749", "VAT_FORMAT"],
    // other member states with the wrong shape
    ["AT12345678", "VAT_FORMAT"],
    ["DE12345678", "VAT_FORMAT"],
    ["NL123456789", "VAT_FORMAT"],
    ["NL123456789C01", "VAT_FORMAT"],
    ["FRI0303265045", "VAT_FORMAT"],
    ["SE123456789012", "VAT_FORMAT"],
    ["RO0123", "VAT_FORMAT"],
    ["ESA1234567", "VAT_FORMAT"],
    // not an EU VAT prefix
    ["GB123456789", "VAT_COUNTRY"],
    ["CH123456789", "VAT_COUNTRY"],
    ["US123456789", "VAT_COUNTRY"],
    ["XX123", "VAT_COUNTRY"],
  ])("refuses %j with %s", (raw, reason) => {
    expect(checkVat(raw)).toEqual({ ok: false, reason });
  });

  it("knows the 27 member states plus Northern Ireland", () => {
    expect(VAT_COUNTRIES).toHaveLength(28);
    expect(VAT_COUNTRIES).toContain("XI");
    expect(VAT_COUNTRIES).not.toContain("GR");
    expect(VAT_COUNTRIES).not.toContain("GB");
  });
});

describe("formatVat", () => {
  it.each([
    ["BE0123456749", "BE 0123.456.749"],
    ["be 0403 170 701", "BE 0403.170.701"],
    ["BE1000123448", "BE 1000.123.448"],
    ["NL123456789B01", "NL 123456789B01"],
    ["ATU12345678", "AT U12345678"],
    ["", ""],
    ["n/a", "n/a"],
  ])("%j → %j", (vat, expected) => {
    expect(formatVat(vat)).toBe(expected);
  });
});
