import { createHash } from "node:crypto";
import { db } from "~/lib/db.server";

/**
 * Fixed-window counter per key, kept in the database (`RateLimitWindow`) so that every server
 * process (one per core, scripts/start.ts) counts the same attempts, and a restart does not hand
 * an attacker a fresh window. Used for sign-in per address *before* any password hashing, so a
 * flood costs one small write per attempt and no hashing.
 *
 * What is limited (an IP address, an account id) is stored only as a SHA-256 hash.
 */
export class RateLimiter {
  constructor(
    private readonly name: string,
    private readonly limit: () => number,
    private readonly windowMs: number,
  ) {
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`rate limiter name "${name}": lower-case letters, digits and dashes only`);
  }

  /** Counts one attempt; false when the key is over its limit for the current window. */
  async take(key: string, now = Date.now()): Promise<boolean> {
    const prisma = await db();
    const stored = `${this.name}:${createHash("sha256").update(key).digest("hex")}`;
    // One statement: the window is opened, restarted once expired, or counted, atomically.
    const rows = await prisma.$queryRawUnsafe<{ count: number | bigint }[]>(
      `INSERT INTO "RateLimitWindow" ("key", "count", "expiresAt") VALUES (?, 1, ?)
       ON CONFLICT ("key") DO UPDATE SET
         "count" = CASE WHEN "expiresAt" <= ? THEN 1 ELSE "count" + 1 END,
         "expiresAt" = CASE WHEN "expiresAt" <= ? THEN ? ELSE "expiresAt" END
       RETURNING "count"`,
      stored,
      now + this.windowMs,
      now,
      now,
      now + this.windowMs,
    );
    const count = Number(rows[0].count);
    // A new window: windows that ended (this limiter's and others') are no longer needed.
    if (count === 1) await prisma.$executeRawUnsafe(`DELETE FROM "RateLimitWindow" WHERE "expiresAt" <= ?`, now);
    return count <= this.limit();
  }

  /** Forgets this limiter's windows (tests, and an administrator's reset). */
  async reset(): Promise<void> {
    const prisma = await db();
    await prisma.$executeRawUnsafe(`DELETE FROM "RateLimitWindow" WHERE "key" >= ? AND "key" < ?`, `${this.name}:`, `${this.name};`);
  }
}
