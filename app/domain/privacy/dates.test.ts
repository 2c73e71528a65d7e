import { describe, expect, it } from "vitest";
import { addMonthsClamped, calendarDaysBetween, utcDayNumber } from "./dates";

const d = (iso: string) => new Date(iso);

describe("addMonthsClamped", () => {
  it.each([
    ["2026-01-15T00:00:00Z", 1, "2026-02-15T00:00:00.000Z"],
    ["2026-01-31T00:00:00Z", 1, "2026-02-28T00:00:00.000Z"],
    ["2028-01-31T00:00:00Z", 1, "2028-02-29T00:00:00.000Z"],
    ["2026-03-31T00:00:00Z", 1, "2026-04-30T00:00:00.000Z"],
    ["2026-12-31T00:00:00Z", 1, "2027-01-31T00:00:00.000Z"],
    ["2026-11-30T00:00:00Z", 3, "2027-02-28T00:00:00.000Z"],
    ["2026-01-31T00:00:00Z", 3, "2026-04-30T00:00:00.000Z"],
    ["2026-01-31T00:00:00Z", 13, "2027-02-28T00:00:00.000Z"],
    ["2026-01-31T00:00:00Z", 0, "2026-01-31T00:00:00.000Z"],
    ["2026-03-31T00:00:00Z", -1, "2026-02-28T00:00:00.000Z"],
    ["2026-01-15T00:00:00Z", -13, "2024-12-15T00:00:00.000Z"],
    ["2026-01-31T23:59:59.999Z", 1, "2026-02-28T23:59:59.999Z"],
    ["2026-02-28T08:30:00Z", 1, "2026-03-28T08:30:00.000Z"],
  ])("%s + %i months = %s", (from, months, expected) => {
    expect(addMonthsClamped(d(from), months).toISOString()).toBe(expected);
  });

  it("does not change its argument", () => {
    const date = d("2026-01-31T00:00:00Z");
    addMonthsClamped(date, 1);
    expect(date.toISOString()).toBe("2026-01-31T00:00:00.000Z");
  });

  it("throws on an invalid date or a fractional month (a bug, not an input error)", () => {
    expect(() => addMonthsClamped(new Date("nope"), 1)).toThrow(TypeError);
    expect(() => addMonthsClamped(d("2026-01-01T00:00:00Z"), 1.5)).toThrow(RangeError);
  });
});

describe("calendarDaysBetween", () => {
  it.each([
    ["2026-03-01T00:00:00Z", "2026-03-01T23:59:59Z", 0],
    ["2026-03-01T23:59:59Z", "2026-03-02T00:00:00Z", 1],
    ["2026-03-08T00:00:00Z", "2026-03-01T12:00:00Z", -7],
    ["2026-02-28T00:00:00Z", "2026-03-01T00:00:00Z", 1],
    ["2028-02-28T00:00:00Z", "2028-03-01T00:00:00Z", 2],
  ])("from %s to %s is %i days", (from, to, days) => {
    expect(calendarDaysBetween(d(from), d(to))).toBe(days);
  });

  it("numbers days from the epoch, before it too", () => {
    expect(utcDayNumber(d("1970-01-02T05:00:00Z"))).toBe(1);
    expect(utcDayNumber(d("1969-12-31T23:00:00Z"))).toBe(-1);
  });
});
