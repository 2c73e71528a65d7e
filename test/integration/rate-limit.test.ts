import { describe, expect, it } from "vitest";
import { rawDb } from "~/lib/db.server";
import { RateLimiter } from "~/lib/rate-limit.server";

const windows = () => rawDb().prepare(`SELECT "key", "count", "expiresAt" FROM "RateLimitWindow" ORDER BY "key"`).all() as { key: string; count: number; expiresAt: number }[];

describe("RateLimiter (kept in the database)", () => {
  it("counts the attempts of every server process together: two limiters of the same name share one window", async () => {
    // Two instances stand for the same limiter in two server processes.
    const first = new RateLimiter("test-shared", () => 3, 60_000);
    const second = new RateLimiter("test-shared", () => 3, 60_000);
    const now = 1_800_000_000_000;
    expect(await first.take("10.1.1.1", now)).toBe(true);
    expect(await second.take("10.1.1.1", now + 1)).toBe(true);
    expect(await first.take("10.1.1.1", now + 2)).toBe(true);
    expect(await second.take("10.1.1.1", now + 3)).toBe(false);
    expect(await first.take("10.1.1.1", now + 4)).toBe(false);
    // Another key and another limiter name are counted apart.
    expect(await first.take("10.1.1.2", now + 5)).toBe(true);
    expect(await new RateLimiter("test-other", () => 3, 60_000).take("10.1.1.1", now + 6)).toBe(true);
    // A new window once the old one has run out.
    expect(await second.take("10.1.1.1", now + 60_000)).toBe(true);
    expect(await first.take("10.1.1.1", now + 60_001)).toBe(true);
  });

  it("stores what it limits only as a hash, and deletes windows that ended when a new one opens", async () => {
    const limiter = new RateLimiter("test-hash", () => 5, 1_000);
    const now = 1_900_000_000_000;
    await limiter.take("192.0.2.44", now);
    await limiter.take("198.51.100.7", now + 10);
    const stored = windows().filter((w) => w.key.startsWith("test-hash:"));
    expect(stored).toHaveLength(2);
    for (const w of stored) {
      expect(w.key).toMatch(/^test-hash:[0-9a-f]{64}$/);
      expect(w.key).not.toContain("192.0.2");
    }
    // Both windows have ended; the next new window removes them.
    await limiter.take("203.0.113.9", now + 5_000);
    expect(windows().filter((w) => w.key.startsWith("test-hash:")).map((w) => w.count)).toEqual([1]);
  });

  it("reset forgets only its own windows", async () => {
    const now = Date.now();
    const mine = new RateLimiter("test-reset", () => 1, 60_000);
    const other = new RateLimiter("test-keep", () => 1, 60_000);
    await mine.take("a", now);
    await other.take("a", now);
    expect(await mine.take("a", now)).toBe(false);
    await mine.reset();
    expect(await mine.take("a", now)).toBe(true);
    expect(await other.take("a", now)).toBe(false);
  });

  it("refuses a name that could overlap another limiter's keys", () => {
    expect(() => new RateLimiter("Sign In:", () => 1, 1_000)).toThrow(/lower-case/);
  });
});
