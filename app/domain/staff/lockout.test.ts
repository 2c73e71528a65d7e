import { describe, expect, it } from "vitest";
import { afterFailedAttempt, isLocked } from "./lockout";

const policy = { threshold: 5, minutes: 15 };
const now = new Date("2026-03-01T10:00:00Z");

describe("afterFailedAttempt", () => {
  it.each([
    [0, 1, false],
    [3, 4, false],
    [4, 5, true],
    [7, 8, true],
  ])("from %i failures goes to %i (locked: %s)", (before, after, locked) => {
    const result = afterFailedAttempt(before, now, policy);
    expect(result.failedLogins).toBe(after);
    expect(result.lockedUntil !== null).toBe(locked);
    if (locked) expect(result.lockedUntil!.toISOString()).toBe("2026-03-01T10:15:00.000Z");
  });
});

describe("isLocked", () => {
  it("is locked until the moment passes", () => {
    const until = new Date("2026-03-01T10:15:00Z");
    expect(isLocked(until, now)).toBe(true);
    expect(isLocked(until, new Date("2026-03-01T10:15:00Z"))).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });
});
