/**
 * Fixed-window counter per key, in memory (one server process per installation).
 * Used for sign-in per IP *before* any password hashing, so a flood costs us nothing.
 */
export class RateLimiter {
  private hits = new Map<string, { count: number; windowStart: number }>();
  constructor(
    private readonly limit: () => number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt; false when the key is over its limit for the current window. */
  take(key: string, now = Date.now()): boolean {
    const entry = this.hits.get(key);
    if (!entry || now - entry.windowStart >= this.windowMs) {
      this.hits.set(key, { count: 1, windowStart: now });
      this.prune(now);
      return true;
    }
    entry.count += 1;
    return entry.count <= this.limit();
  }

  reset(): void {
    this.hits.clear();
  }

  private prune(now: number) {
    if (this.hits.size < 10_000) return;
    for (const [key, entry] of this.hits) if (now - entry.windowStart >= this.windowMs) this.hits.delete(key);
  }
}
