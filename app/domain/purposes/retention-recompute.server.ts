import { dbDateTime } from "~/lib/db-datetime";
import type Database from "better-sqlite3";
import { rawDb, preparedStatements } from "~/lib/db.server";
import type { RetentionRule } from "./retention";
import { retentionEndAfterRuleChange } from "./rule-change";

/**
 * After an admin changes a purpose's retention rule, every open record of that purpose gets its new
 * date. Raw SQL over id ranges, read-compute-write inside one short transaction per range (so no
 * concurrent interaction is overwritten with a stale date and no write holds the database long).
 */

const SQL = {
  bounds: `SELECT min(id) AS lo, max(id) AS hi FROM "ProcessingRecord"`,
  // The unary + keeps the planner on the rowid range instead of the purpose index.
  rows: `SELECT pr.id, pr."since", pr."retentionEndsAt", c."lastInteractionAt"
    FROM "ProcessingRecord" pr JOIN "Contact" c ON c.id = pr."contactId"
    WHERE pr.id BETWEEN @lo AND @hi AND +pr."purposeId" = @purposeId AND pr."endedAt" IS NULL AND c."erasedAt" IS NULL`,
  update: `UPDATE "ProcessingRecord" SET "retentionEndsAt" = @end WHERE id = @id`,
};

type Row = { id: number; since: string; retentionEndsAt: string | null; lastInteractionAt: string | null };

const prepared = (handle: Database.Database) => preparedStatements(SQL, handle);

const iso = (date: Date | null) => (date === null ? null : dbDateTime(date));
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Each batch aims at this long; the write lock is never held much longer (250 ms is the limit). */
const TARGET_MS = 100;

export async function recomputePurposeRetention(
  purposeId: number, before: RetentionRule, after: RetentionRule, options: { batchSize?: number } = {},
): Promise<{ moved: number; batches: number; longestBatchMs: number }> {
  const handle = rawDb();
  const s = prepared(handle);
  let size = options.batchSize ?? 2_000;
  const adaptive = options.batchSize === undefined;
  const bounds = s.bounds.get() as { lo: number | null; hi: number | null };
  // Every record moves inside the retention-date index: a larger page cache for the run saves
  // most of the random reads (given back afterwards).
  const cacheSize = handle.pragma("cache_size", { simple: true }) as number;
  handle.pragma("cache_size = -131072");
  let moved = 0;
  let batches = 0;
  let longestBatchMs = 0;
  for (let lo = bounds.lo ?? 1; bounds.hi !== null && lo <= bounds.hi; ) {
    const hi = lo + size - 1;
    const t0 = performance.now();
    handle.transaction(() => {
      for (const row of s.rows.all({ lo, hi, purposeId }) as Row[]) {
        const end = retentionEndAfterRuleChange(before, after, {
          since: new Date(row.since),
          lastInteractionAt: row.lastInteractionAt ? new Date(row.lastInteractionAt) : null,
          retentionEndsAt: row.retentionEndsAt ? new Date(row.retentionEndsAt) : null,
        });
        const text = iso(end);
        if (text !== row.retentionEndsAt) {
          s.update.run({ id: row.id, end: text });
          moved += 1;
        }
      }
    }).immediate();
    const ms = performance.now() - t0;
    batches += 1;
    longestBatchMs = Math.max(longestBatchMs, ms);
    if (adaptive) size = ms > TARGET_MS ? Math.max(200, Math.floor(size / 2)) : ms < TARGET_MS / 4 ? Math.min(50_000, size * 2) : size;
    lo = hi + 1;
    // Fold the WAL back outside the transaction (PASSIVE blocks nobody), then let requests through.
    handle.pragma("wal_checkpoint(PASSIVE)");
    await nextTick();
  }
  handle.pragma(`cache_size = ${cacheSize}`);
  return { moved, batches, longestBatchMs: Math.round(longestBatchMs * 10) / 10 };
}
