import { describe, expect, it } from "vitest";
import type { TotalsLine } from "./totals";
import { computeLineTotals, computeTotals, formatCents, negateTotals } from "./totals";

const line = (quantity: number, unitPriceCents: number, vatRate: 0 | 6 | 12 | 21, discountPercent?: number): TotalsLine => ({
  quantity,
  unitPriceCents,
  vatRate,
  discountPercent,
});

describe("computeLineTotals", () => {
  it.each([
    // [case, line, net, vat]
    ["0.335 kg × €3.00 at 21 %: net 100.5 → 101, VAT 21.21 → 21", line(0.335, 300, 21), 101, 21],
    ["1.5 × €99.99 less 12.5 % at 21 %: 13 123.6875 → 13 124", line(1.5, 9999, 21, 12.5), 13124, 2756],
    ["1.005 × €1.00 (float gives 100.499…) → 101", line(1.005, 100, 0), 101, 0],
    ["8.675 × €1.00 (float gives 867.499…) → 868", line(8.675, 100, 0), 868, 0],
    ["half a cent of net rounds up", line(0.5, 1, 0), 1, 0],
    ["just under half a cent rounds down", line(0.499, 1, 0), 0, 0],
    ["VAT 10.5 → 11 at 21 %", line(1, 50, 21), 50, 11],
    ["VAT 31.5 → 32 at 21 %", line(1, 150, 21), 150, 32],
    ["VAT 1.5 → 2 at 6 %", line(1, 25, 6), 25, 2],
    ["VAT 4.5 → 5 at 6 %", line(1, 75, 6), 75, 5],
    ["VAT 0.48 → 0 at 12 %", line(1, 4, 12), 4, 0],
    ["VAT 0.6 → 1 at 12 %", line(1, 5, 12), 5, 1],
    ["VAT 0 at 0 %", line(3, 12345, 0), 37035, 0],
    ["33.33 % off €9.99: 666.03 → 666, VAT 139.86 → 140", line(1, 999, 21, 33.33), 666, 140],
    ["100 % discount is free", line(4, 12500, 21, 100), 0, 0],
    ["0 % discount equals none", line(2, 12500, 21, 0), 25000, 5250],
    ["price zero", line(7, 0, 21), 0, 0],
    ["largest line the schema allows stays exact", line(1_000_000, 100_000_000, 21), 100_000_000_000_000, 21_000_000_000_000],
    ["smallest quantity", line(0.001, 100_000_000, 6), 100_000, 6_000],
  ])("%s", (_case, input, net, vat) => {
    expect(computeLineTotals(input)).toEqual({ netCents: net, vatCents: vat, totalCents: net + vat });
  });

  it.each([
    ["zero quantity", line(0, 100, 21)],
    ["negative quantity (credit notes negate totals instead)", line(-1, 100, 21)],
    ["four decimals of quantity", line(1.0005, 100, 21)],
    ["fractional cents", line(1, 1.5, 21)],
    ["negative price", line(1, -100, 21)],
    ["unknown VAT rate", line(1, 100, 7 as 6)],
    ["discount over 100", line(1, 100, 21, 100.01)],
    ["negative discount", line(1, 100, 21, -5)],
    ["three decimals of discount", line(1, 100, 21, 1.005)],
    ["NaN quantity", line(Number.NaN, 100, 21)],
  ])("throws on %s: unvalidated input is a bug", (_case, input) => {
    expect(() => computeLineTotals(input)).toThrow(RangeError);
  });
});

describe("computeTotals", () => {
  it("sums mixed VAT rates and lists each used rate once, ordered 21, 12, 6, 0", () => {
    const totals = computeTotals([
      line(10, 1999, 6), // books: 19 990, VAT 1 199.4 → 1 199
      line(1, 3000, 0), // exempt exam fee
      line(2, 125000, 21), // training days: 250 000, VAT 52 500
      line(1, 5000, 12, 10), // 4 500, VAT 540
      line(3, 100, 21), // 300, VAT 63
    ]);
    expect(totals.byRate).toEqual([
      { rate: 21, netCents: 250300, vatCents: 52563 },
      { rate: 12, netCents: 4500, vatCents: 540 },
      { rate: 6, netCents: 19990, vatCents: 1199 },
      { rate: 0, netCents: 3000, vatCents: 0 },
    ]);
    expect(totals.netCents).toBe(277790);
    expect(totals.vatCents).toBe(54302);
    expect(totals.totalCents).toBe(332092);
    expect(totals.lines.map((l) => l.totalCents)).toEqual([21189, 3000, 302500, 5040, 363]);
  });

  it("rounds per line, so the totals are the sum of the printed lines", () => {
    // Three lines of 0.335 × €3.00: each 100.5 → 101 net; one line of 1.005 would have been 301.5 → 302.
    const totals = computeTotals([line(0.335, 300, 21), line(0.335, 300, 21), line(0.335, 300, 21)]);
    expect(totals.netCents).toBe(303);
    expect(totals.vatCents).toBe(63); // 3 × 21, not round(303 × 0.21) = 64
    expect(totals.byRate).toEqual([{ rate: 21, netCents: 303, vatCents: 63 }]);
  });

  it("leaves out rates that no line uses", () => {
    expect(computeTotals([line(1, 100, 6)]).byRate.map((r) => r.rate)).toEqual([6]);
  });

  it("gives zeros for no lines", () => {
    expect(computeTotals([])).toEqual({ lines: [], byRate: [], netCents: 0, vatCents: 0, totalCents: 0 });
  });

  it("keeps every sum consistent over many lines", () => {
    let seed = 42; // deterministic pseudo-random lines
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const rates = [0, 6, 12, 21] as const;
    const lines = Array.from({ length: 2000 }, () =>
      line(1 + next(100_000) / 1000, next(10_000_000), rates[next(4)], next(10_001) / 100),
    );
    const totals = computeTotals(lines);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(totals.lines).toHaveLength(2000);
    expect(totals.netCents).toBe(sum(totals.lines.map((l) => l.netCents)));
    expect(totals.vatCents).toBe(sum(totals.lines.map((l) => l.vatCents)));
    expect(totals.totalCents).toBe(totals.netCents + totals.vatCents);
    expect(sum(totals.byRate.map((r) => r.netCents))).toBe(totals.netCents);
    expect(sum(totals.byRate.map((r) => r.vatCents))).toBe(totals.vatCents);
    lines.forEach((l, i) => {
      const exact = l.quantity * l.unitPriceCents * (1 - (l.discountPercent ?? 0) / 100);
      expect(Math.abs(totals.lines[i].netCents - exact)).toBeLessThanOrEqual(0.5 + 1e-6);
      expect(Number.isInteger(totals.lines[i].netCents)).toBe(true);
    });
  });

  it("a thousand half-cent lines each round up", () => {
    const totals = computeTotals(Array.from({ length: 1000 }, () => line(0.5, 1, 21)));
    expect(totals.netCents).toBe(1000);
    expect(totals.vatCents).toBe(0);
  });
});

describe("negateTotals", () => {
  it("turns an invoice's totals into its credit note's, zero staying zero", () => {
    const invoice = computeTotals([line(2, 125000, 21), line(1, 3000, 0)]);
    const credit = negateTotals(invoice);
    expect(credit.netCents).toBe(-253000);
    expect(credit.vatCents).toBe(-52500);
    expect(credit.totalCents).toBe(-305500);
    expect(credit.byRate).toEqual([
      { rate: 21, netCents: -250000, vatCents: -52500 },
      { rate: 0, netCents: -3000, vatCents: 0 },
    ]);
    expect(Object.is(credit.byRate[1].vatCents, 0)).toBe(true);
    expect(negateTotals(credit)).toEqual(invoice);
  });
});

describe("formatCents", () => {
  // Intl separates with no-break spaces; compare with plain ones.
  const fmt = (cents: number, language: "en" | "nl" | "fr") => formatCents(cents, language).replace(/\s/g, " ");
  it.each([
    [123456, "nl", "€ 1.234,56"],
    [123456, "fr", "1 234,56 €"],
    [123456, "en", "€1,234.56"],
    [5, "nl", "€ 0,05"],
    [0, "fr", "0,00 €"],
    [100_000_000_000_000, "nl", "€ 1.000.000.000.000,00"],
    [-305500, "nl", "€ -3.055,00"],
    [-305500, "en", "-€3,055.00"],
  ] as const)("%i cents in %s is %s", (cents, language, expected) => {
    expect(fmt(cents, language)).toBe(expected);
  });

  it("throws on fractional cents", () => {
    expect(() => formatCents(1.5, "nl")).toThrow(RangeError);
  });
});
