import { describe, expect, it } from "vitest";
import { dayInstant, isoDaySchema, pastDaySchema } from "./days";

describe("dayInstant", () => {
  const now = new Date("2026-11-26T13:14:15.500Z");
  it.each([
    ["2026-11-26", "2026-11-26T13:14:15.500Z"], // today: the moment itself
    ["2026-11-25", "2026-11-25T12:00:00.000Z"], // an earlier day: its noon
    ["2026-01-01", "2026-01-01T12:00:00.000Z"],
  ])("%s → %s", (day, expected) => {
    expect(dayInstant(day, now).toISOString()).toBe(expected);
  });
});

describe("day schemas", () => {
  it.each([
    ["2026-02-28", true],
    ["2026-02-30", false],
    ["26-02-01", false],
    ["", false],
    ["2026-13-01", false],
  ])("%j valid: %s", (value, ok) => {
    expect(isoDaySchema.safeParse(value).success).toBe(ok);
  });

  it("refuses a day in the future", () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(pastDaySchema.safeParse(tomorrow).error?.issues[0].message).toBe("privacy.dateInFuture");
    expect(pastDaySchema.safeParse("2020-01-01").success).toBe(true);
  });
});
