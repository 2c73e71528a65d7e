import type Database from "better-sqlite3";
import { type LockStats, newLockStats, useImportSession, withWriteLock, yieldToOthers } from "~/lib/write-lock.server";
import { dbDateTime, fromDbDateTime } from "~/lib/db-datetime";
import { preparedStatements, rawDb } from "~/lib/db.server";
import { commerceFactColumns } from "~/domain/quotes/retention-facts.server";
import type { RetentionRule } from "./retention";
import { retentionEndAfterRuleChange } from "./rule-change";

/**
 * After an admin changes a purpose's retention rule, every open record of that purpose gets its new
 * date. The records are walked in keyset order on the (purposeId, contactId) index — a purpose has
 * one record per contact — and each batch reads, computes and writes inside one short write
 * transaction (so no concurrent interaction is overwritten with a stale date and no write holds the
 * database long). Records created after the change (id above `lastRecordId`) already follow the new
 * rule and are left alone: moving them again would shift their date twice.
 */

const SQL = {
  lastRecordId: `SELECT coalesce(max(id), 0) AS n FROM "ProcessingRecord"`,
  lastContactId: `SELECT coalesce(max("contactId"), 0) AS n FROM "ProcessingRecord" WHERE "purposeId" = @purposeId`,
  countSlice: `SELECT count(*) AS n FROM "ProcessingRecord" INDEXED BY "ProcessingRecord_purposeId_contactId_idx"
    WHERE "purposeId" = @purposeId AND "contactId" > @from AND "contactId" <= @to AND id <= @lastRecordId`,
  page: `SELECT pr.id, pr."contactId", pr."since", pr."retentionEndsAt", pr."endedAt", c."lastInteractionAt", c."erasedAt",
    ${commerceFactColumns('pr."contactId"')}
    FROM "ProcessingRecord" pr INDEXED BY "ProcessingRecord_purposeId_contactId_idx" JOIN "Contact" c ON c.id = pr."contactId"
    WHERE pr."purposeId" = @purposeId AND pr."contactId" > @after AND pr.id <= @lastRecordId
    ORDER BY pr."contactId" LIMIT @limit`,
  update: `UPDATE "ProcessingRecord" SET "retentionEndsAt" = @end WHERE id = @id`,
};

type Row = {
  id: number; contactId: number; since: string; retentionEndsAt: string | null; endedAt: string | null; lastInteractionAt: string | null; erasedAt: string | null;
  invoiceIssuedAt: string | null; trainingDate: string | null;
};

const prepared = (handle: Database.Database) => preparedStatements(SQL, handle);
const iso = (date: Date | null) => (date === null ? null : dbDateTime(date));

/** Where a walk stands: after which contact it goes on, and the last record that existed when the rule changed. */
export type RecomputeCursor = { afterContactId: number; lastRecordId: number };
export type BatchOutcome = { walked: number; moved: number; afterContactId: number };

/** The highest processing record id now: the bound of a walk for a rule changed now. */
export function lastProcessingRecordId(handle: Database.Database = rawDb()): number {
  return (prepared(handle).lastRecordId.get() as { n: number }).n;
}

/**
 * How many records a walk will visit (ended ones and erased contacts' included), counted in slices
 * of contact ids on the index with a pause between them, so a million entries never hold up the server.
 */
export async function countRecordsToRecompute(purposeId: number, lastRecordId: number, slice = 100_000): Promise<number> {
  const s = prepared(rawDb());
  const top = (s.lastContactId.get({ purposeId }) as { n: number }).n;
  let total = 0;
  for (let from = 0; from < top; from += slice) {
    total += (s.countSlice.get({ purposeId, from, to: from + slice, lastRecordId }) as { n: number }).n;
    await yieldToOthers();
  }
  return total;
}

/** One batch, inside the caller's write transaction: the next `limit` records after the cursor get their new date. */
export function recomputeBatch(raw: Database.Database, purposeId: number, before: RetentionRule, after: RetentionRule, cursor: RecomputeCursor, limit: number): BatchOutcome {
  const s = prepared(raw);
  const rows = s.page.all({ purposeId, after: cursor.afterContactId, lastRecordId: cursor.lastRecordId, limit }) as Row[];
  let moved = 0;
  for (const row of rows) {
    // An ended record or an erased contact keeps what it has: nothing counts from it any more.
    if (row.endedAt !== null || row.erasedAt !== null) continue;
    const end = retentionEndAfterRuleChange(before, after, {
      since: fromDbDateTime(row.since),
      lastInteractionAt: fromDbDateTime(row.lastInteractionAt),
      retentionEndsAt: fromDbDateTime(row.retentionEndsAt),
      invoiceIssuedAt: fromDbDateTime(row.invoiceIssuedAt),
      trainingDate: fromDbDateTime(row.trainingDate),
    });
    const text = iso(end);
    if (text !== row.retentionEndsAt) {
      s.update.run({ id: row.id, end: text });
      moved += 1;
    }
  }
  return { walked: rows.length, moved, afterContactId: rows.at(-1)?.contactId ?? cursor.afterContactId };
}

export type WalkOptions = {
  /** Where to start (a resumed job); by default from the first record, up to the last one that exists now. */
  cursor?: RecomputeCursor;
  /** Fixed records per batch (tests: tiny batches); by default adapted to stay near TARGET_MS. */
  batchSize?: number;
  /** Stop after this many batches as if the process had stopped (tests: an interrupted job). */
  stopAfterBatches?: number;
  /** Runs inside each batch's transaction, after its writes (a job's progress row). */
  onBatch?: (raw: Database.Database, outcome: BatchOutcome) => void;
};

export type WalkResult = { moved: number; walked: number; batches: number; longestBatchMs: number; finished: boolean; cursor: RecomputeCursor };

/** Each batch aims at this long; the write lock is never held much longer (250 ms is the limit). */
const TARGET_MS = 75;
const FIRST_BATCH = 500;

export async function recomputePurposeRetention(purposeId: number, before: RetentionRule, after: RetentionRule, options: WalkOptions = {}): Promise<WalkResult> {
  const release = useImportSession();
  const lock: LockStats = newLockStats();
  let cursor = options.cursor ?? { afterContactId: 0, lastRecordId: lastProcessingRecordId() };
  let size = options.batchSize ?? FIRST_BATCH;
  const result: WalkResult = { moved: 0, walked: 0, batches: 0, longestBatchMs: 0, finished: false, cursor };
  try {
    for (;;) {
      if (options.stopAfterBatches !== undefined && result.batches >= options.stopAfterBatches) return result;
      const limit = size;
      const spentBefore = lock.totalMs;
      const outcome = await withWriteLock((raw) => {
        const batch = recomputeBatch(raw, purposeId, before, after, cursor, limit);
        options.onBatch?.(raw, batch);
        return batch;
      }, lock);
      const ms = lock.totalMs - spentBefore;
      cursor = { ...cursor, afterContactId: outcome.afterContactId };
      result.cursor = cursor;
      result.batches += 1;
      result.walked += outcome.walked;
      result.moved += outcome.moved;
      if (outcome.walked < limit) {
        result.finished = true;
        return result;
      }
      if (options.batchSize === undefined) size = ms > TARGET_MS ? Math.max(100, Math.floor(size / 2)) : ms < TARGET_MS / 3 ? Math.min(20_000, size * 2) : size;
      await yieldToOthers();
    }
  } finally {
    result.longestBatchMs = Math.round(lock.longestMs * 10) / 10;
    release();
  }
}
