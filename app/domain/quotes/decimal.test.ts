import { describe, expect, it } from "vitest";
import { divideRoundHalfUp, hasAtMostDecimals, toScaledInteger } from "./decimal";

describe("toScaledInteger", () => {
  it.each([
    [1.005, 3, 1005],
    [8.675, 3, 8675],
    [0.1 + 0.2, 1, 3],
    [1_000_000, 3, 1_000_000_000],
    [0.001, 3, 1],
    [12.5, 2, 1250],
    [-0.0, 2, 0],
    [1.0005, 3, null],
    [33.333, 2, null],
    [Number.NaN, 2, null],
    [Number.POSITIVE_INFINITY, 2, null],
  ])("%s with %i decimals → %s", (value, places, expected) => {
    expect(toScaledInteger(value, places)).toBe(expected);
    expect(hasAtMostDecimals(value, places)).toBe(expected !== null);
  });
});

describe("divideRoundHalfUp", () => {
  it.each([
    [5n, 10n, 1n],
    [4n, 10n, 0n],
    [15n, 10n, 2n],
    [25n, 10n, 3n],
    [-5n, 10n, -1n],
    [-4n, 10n, 0n],
    [0n, 7n, 0n],
    [10n ** 21n + 5n * 10n ** 6n, 10n ** 7n, 10n ** 14n + 1n],
  ])("%s / %s → %s", (n, d, expected) => {
    expect(divideRoundHalfUp(n, d)).toBe(expected);
  });

  it("throws on a zero or negative denominator", () => {
    expect(() => divideRoundHalfUp(1n, 0n)).toThrow(RangeError);
  });
});
