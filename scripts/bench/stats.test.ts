import { describe, expect, it } from "vitest";
import { percentile, summarize, table, verdict } from "./stats";

describe("percentile (nearest rank)", () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it.each([
    [ten, 50, 5],
    [ten, 95, 10],
    [ten, 90, 9],
    [ten, 10, 1],
    [ten, 0, 1],
    [ten, 100, 10],
    [[7], 95, 7],
    [[1, 2], 50, 1],
    [[1, 2], 51, 2],
    [Array.from({ length: 200 }, (_, i) => i + 1), 95, 190],
  ])("of %j at p%d is %d", (sorted, p, expected) => {
    expect(percentile(sorted, p)).toBe(expected);
  });

  it("is NaN without samples", () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("summarize", () => {
  it("sorts the samples itself and leaves them as they were", () => {
    const samples = [30, 10, 20, 50, 40];
    expect(summarize(samples)).toEqual({ n: 5, p50: 30, p95: 50, max: 50 });
    expect(samples).toEqual([30, 10, 20, 50, 40]);
  });
});

describe("verdict", () => {
  it.each([
    [9.9, 10, "PASS"],
    [10, 10, "PASS"],
    [10.1, 10, "MISS"],
    [Number.NaN, 10, "MISS"],
    [3, null, ""],
  ])("p95 %d against %s is %j", (p95, target, expected) => {
    expect(verdict(p95, target)).toBe(expected);
  });
});

describe("table", () => {
  it("aligns the first column left and the others right", () => {
    expect(table(["case", "p95"], [["list", "1.5"], ["search name", "12.0"]]).split("\n")).toEqual([
      "case          p95",
      "-----------  ----",
      "list          1.5",
      "search name  12.0",
    ]);
  });
});
