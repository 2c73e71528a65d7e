import type Database from "better-sqlite3";
import { recordAudit } from "~/domain/audit/audit.server";
import type { Actor } from "~/domain/staff/roles";
import { newLockStats, withWriteLock } from "~/lib/write-lock.server";
import { db, rawDb, preparedStatements } from "~/lib/db.server";
import { letCheckpointCatchUp, requestCheckpoint } from "~/lib/wal-checkpointer.server";
import { endOfUtcDay, isoDb } from "./db-dates";

/**
 * The retention sweep (Art. 5(1)(e)): marks processing records whose retention has run out, and
 * their contacts, for a manager's review. It never deletes or changes personal data: erasing,
 * extending or holding is a person's decision (retention-review.server.ts), never an automated one.
 *
 * Raw SQL over id ranges, one short write transaction per range, so sign-in and forms are not
 * kept waiting at a million contacts (SQLite has one writer at a time).
 */

export type SweepResult = {
  flaggedRecords: number;
  clearedRecords: number;
  flaggedContacts: number;
  clearedContacts: number;
  batches: number;
  longestBatchMs: number;
  /** Write lock held in all, and the part of it spent in COMMIT (ms). */
  lockMs: number;
  commitMs: number;
  elapsedMs: number;
};

export type SweepOptions = { today?: Date; batchSize?: number; actor?: Actor | null };

// Same semantics as retentionReview (retention-flags.ts), day-based: a record ending on 15 June has
// run out on 15 June; an extension pushes that later; a legal hold (no end date) keeps it; an ended
// record no longer counts, and an erased contact is done with.
const DUE = `pr."endedAt" IS NULL AND pr."legalHoldReason" IS NULL
  AND pr."retentionEndsAt" IS NOT NULL AND pr."retentionEndsAt" < @cutoff
  AND (pr."extendedUntil" IS NULL OR pr."extendedUntil" < @cutoff)
  AND EXISTS (SELECT 1 FROM "Contact" c WHERE c.id = pr."contactId" AND c."erasedAt" IS NULL)`;

// Flags are rows of their own (ADR 021): flagging adds a small row instead of rewriting the
// contact's and the record's, so even a first sweep over a million contacts writes little.
const SQL = {
  bounds: `SELECT min(id) AS lo, max(id) AS hi FROM "ProcessingRecord"`,
  // A flag whose reason went away (new interaction, changed rule, decision) is lifted. Reads the
  // flags of the id range only, each checked against its record.
  clearRecords: `DELETE FROM "RetentionFlag" AS f
    WHERE f."recordId" BETWEEN @lo AND @hi
      AND NOT EXISTS (SELECT 1 FROM "ProcessingRecord" pr WHERE pr.id = f."recordId" AND ${DUE}) RETURNING "contactId"`,
  // NOT INDEXED: read the id range of the table itself, never an index in another order.
  flagRecords: `INSERT OR IGNORE INTO "RetentionFlag" ("recordId", "contactId", "purposeId", "flaggedAt")
    SELECT pr.id, pr."contactId", pr."purposeId", @now FROM "ProcessingRecord" AS pr NOT INDEXED
    WHERE pr.id BETWEEN @lo AND @hi AND NOT EXISTS (SELECT 1 FROM "RetentionFlag" x WHERE x."recordId" = pr.id) AND ${DUE}`,
  flagContacts: `INSERT OR IGNORE INTO "ContactRetentionFlag" ("contactId", "ownerId", "flaggedAt")
    SELECT c.id, c."ownerId", @now FROM "Contact" c
    WHERE c.id IN (SELECT f."contactId" FROM "RetentionFlag" f WHERE f."recordId" BETWEEN @lo AND @hi)
      AND NOT EXISTS (SELECT 1 FROM "ContactRetentionFlag" x WHERE x."contactId" = c.id) AND c."erasedAt" IS NULL`,
  // A contact leaves the queue once none of its records is flagged (checked for the contacts of lifted flags only).
  clearContact: `DELETE FROM "ContactRetentionFlag"
    WHERE "contactId" = @id AND NOT EXISTS (SELECT 1 FROM "RetentionFlag" f WHERE f."contactId" = @id)`,
};

const prepared = (handle: Database.Database) => preparedStatements(SQL, handle);

/** Batches grow or shrink to stay well under the 250 ms a write may hold the database. */
const TARGET_MS = 100;
const DEFAULT_BATCH = 5_000;
const MAX_BATCH = 100_000;
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Between batches: have the checkpoint thread fold the WAL back into the database (so no batch's
 * commit pays for a large automatic checkpoint), then let the server answer requests.
 */
async function pause() {
  requestCheckpoint();
  await letCheckpointCatchUp();
  await nextTick();
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs one sweep after any sweep already running (the schedule and a manager's button may meet). */
export function sweepRetention(options: SweepOptions = {}): Promise<SweepResult> {
  const run = queue.then(() => sweep(options));
  queue = run.catch(() => undefined);
  return run;
}

async function sweep(options: SweepOptions): Promise<SweepResult> {
  const started = performance.now();
  const handle = rawDb();
  const s = prepared(handle);
  const today = options.today ?? new Date();
  const params = { cutoff: isoDb(endOfUtcDay(today)), now: isoDb(today) };
  const adaptive = options.batchSize === undefined;
  let size = options.batchSize ?? DEFAULT_BATCH;
  const liftedContacts = new Set<number>();
  const result: SweepResult = { flaggedRecords: 0, clearedRecords: 0, flaggedContacts: 0, clearedContacts: 0, batches: 0, longestBatchMs: 0, lockMs: 0, commitMs: 0, elapsedMs: 0 };

  // withWriteLock: a Prisma transaction of this process holding the lock makes the batch wait
  // asynchronously, never in a synchronous busy wait that would stall the server.
  const lock = newLockStats();
  const timed = async (work: () => void) => {
    const before = lock.totalMs;
    await withWriteLock(work, lock);
    const ms = lock.totalMs - before;
    result.batches += 1;
    result.longestBatchMs = Math.max(result.longestBatchMs, ms);
    if (adaptive) size = ms > TARGET_MS ? Math.max(500, Math.floor(size / 2)) : ms < TARGET_MS / 4 ? Math.min(MAX_BATCH, size * 2) : size;
  };

  const bounds = s.bounds.get() as { lo: number | null; hi: number | null };
  for (let lo = bounds.lo ?? 1; bounds.hi !== null && lo <= bounds.hi; ) {
    const range = { ...params, lo, hi: lo + size - 1 };
    await timed(() => {
      const lifted = s.clearRecords.all(range) as { contactId: number }[];
      result.clearedRecords += lifted.length;
      result.flaggedRecords += s.flagRecords.run(range).changes;
      result.flaggedContacts += s.flagContacts.run(range).changes;
      for (const contactId of new Set(lifted.map((r) => r.contactId))) liftedContacts.add(contactId);
    });
    lo = range.hi + 1;
    await pause();
  }

  // Contacts whose records lost their flag leave the queue when no flagged record is left.
  const pending = [...liftedContacts];
  for (let i = 0; i < pending.length; i += 1000) {
    await timed(() => {
      for (const id of pending.slice(i, i + 1000)) result.clearedContacts += s.clearContact.run({ id }).changes;
    });
    await pause();
  }

  result.longestBatchMs = Math.round(result.longestBatchMs * 10) / 10;
  result.lockMs = Math.round(lock.totalMs);
  result.commitMs = Math.round(lock.commitMs);
  result.elapsedMs = Math.round(performance.now() - started);
  if (result.flaggedRecords + result.clearedRecords + result.flaggedContacts + result.clearedContacts > 0) {
    const { elapsedMs: _e, longestBatchMs: _l, lockMs: _h, commitMs: _c, ...counts } = result;
    await recordAudit(await db(), { actor: options.actor ?? null, action: "retention.swept", recordType: "retention", summary: counts });
  }
  return result;
}
