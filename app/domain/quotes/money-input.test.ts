import { describe, expect, it } from "vitest";
import { centsToInput, parseEuroInput } from "./money-input";

describe("parseEuroInput", () => {
  it.each([
    ["12", 1200],
    ["12,5", 1250],
    ["12.5", 1250],
    ["12,50", 1250],
    ["0,01", 1],
    [",99", 99],
    [".5", 50],
    ["12,", 1200],
    ["€ 1250", 125000],
    ["  99,990 ", 9999],
    ["1.10", 110],
    ["0", 0],
    ["1000000", 100000000],
    // 1.005 × 100 is 100.4999… in floating point; the string route keeps it exact (and refuses it).
    ["0,29", 29],
    ["4.35", 435],
  ])("reads %j as %i cents", (raw, cents) => {
    expect(parseEuroInput(raw)).toEqual({ ok: true, cents });
  });

  it.each([
    ["", "EMPTY"],
    ["   ", "EMPTY"],
    ["€", "EMPTY"],
    ["abc", "INVALID"],
    ["-5", "INVALID"],
    ["1.234,50", "INVALID"],
    ["1,234.50", "INVALID"],
    ["1 234", "INVALID"],
    ["12,5,0", "INVALID"],
    ["1e3", "INVALID"],
    ["1.005", "TOO_MANY_DECIMALS"],
    ["0,001", "TOO_MANY_DECIMALS"],
    ["99999999999999", "TOO_LARGE"],
  ])("refuses %j (%s)", (raw, reason) => {
    expect(parseEuroInput(raw)).toEqual({ ok: false, reason });
  });
});

describe("centsToInput", () => {
  it.each([
    [0, ",", "0,00"],
    [1, ",", "0,01"],
    [1250, ",", "12,50"],
    [125000, ".", "1250.00"],
  ] as const)("shows %i cents as %j", (cents, sep, text) => {
    expect(centsToInput(cents, sep)).toBe(text);
  });

  it("round-trips through the parser", () => {
    for (const cents of [0, 7, 99, 100, 123456, 99_999_999]) {
      expect(parseEuroInput(centsToInput(cents))).toEqual({ ok: true, cents });
    }
  });

  it("refuses what cannot be cents", () => {
    expect(() => centsToInput(1.5)).toThrow(RangeError);
    expect(() => centsToInput(-1)).toThrow(RangeError);
  });
});
