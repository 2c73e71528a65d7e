/**
 * Exact decimal helpers for money. Amounts are integer cents; quantities and percentages are
 * scaled to integers before multiplying, so binary floating point never touches a cent
 * (1.005 × 100 is 100.49999… in floating point, and rounds the wrong way).
 */

/** `value` × 10^places as an exact integer, or null when `value` has more than `places` decimals. */
export function toScaledInteger(value: number, places: number): number | null {
  if (!Number.isFinite(value)) return null;
  const exact = value * 10 ** places;
  const scaled = Math.round(exact);
  // The product carries binary noise (1.005 × 1000 = 1004.999…); the noise is far below 1e-6 for
  // the bounded values we scale, while a real extra decimal is off by at least 0.1.
  if (Math.abs(exact - scaled) >= 1e-6 || !Number.isSafeInteger(scaled)) return null;
  return scaled === 0 ? 0 : scaled; // no -0
}

export function hasAtMostDecimals(value: number, places: number): boolean {
  return toScaledInteger(value, places) !== null;
}

/** numerator / denominator rounded half away from zero ("half up" as accountants mean it). */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError("denominator must be positive");
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return negative ? -rounded : rounded;
}
