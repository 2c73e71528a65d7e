/**
 * Short raw write transactions for bulk writers (the importer and its undo, the retention sweep,
 * a retention rule's recompute) that never trip up the rest of the app.
 *
 * Every Prisma transaction begins IMMEDIATE (app/lib/db.server.ts), so a staff member's save takes
 * the write lock before it reads and waits for the importer instead of failing. Each importer
 * transaction runs synchronously on the raw handle with BEGIN IMMEDIATE: nothing else runs in this
 * process until it commits, and when a Prisma transaction is half-way (holding the lock) the
 * attempt answers BUSY at once and is retried asynchronously, so the event loop keeps serving.
 */
import type Database from "better-sqlite3";
import { rawDb } from "~/lib/db.server";
import { letCheckpointCatchUp, requestCheckpoint } from "~/lib/wal-checkpointer.server";
import { announceWaitingWriter, giveWayToWaitingWriters } from "~/lib/writer-courtesy.server";
import { dbDateTime } from "~/lib/db-datetime";

const BUSY = Symbol("busy");
const RESTORE_BUSY_TIMEOUT_MS = 10_000;
/** How long the importer waits for another writer (a CLI import, a backup) before giving up. */
const GIVE_UP_MS = 60_000;

/**
 * What the importer's transactions cost everyone else: how long each held the write lock (and how
 * much of that was COMMIT: writing the chunk's pages to the WAL).
 */
export type LockStats = { transactions: number; longestMs: number; totalMs: number; commitMs: number };

export function newLockStats(): LockStats {
  return { transactions: 0, longestMs: 0, totalMs: 0, commitMs: 0 };
}

type Attempt<T> = typeof BUSY | { ok: true; value: T; ms: number; commitMs: number } | { ok: false; error: unknown };

function attempt<T>(raw: Database.Database, work: (raw: Database.Database) => T): Attempt<T> {
  // Never sleep inside SQLite here: a synchronous busy wait would freeze the whole server.
  raw.pragma("busy_timeout = 0");
  try {
    raw.exec("BEGIN IMMEDIATE");
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) return BUSY;
    throw error;
  } finally {
    raw.pragma(`busy_timeout = ${RESTORE_BUSY_TIMEOUT_MS}`);
  }
  const started = performance.now();
  try {
    const value = work(raw);
    const committing = performance.now();
    raw.exec("COMMIT");
    const ended = performance.now();
    return { ok: true, value, ms: ended - started, commitMs: ended - committing };
  } catch (error) {
    if (raw.inTransaction) raw.exec("ROLLBACK");
    return { ok: false, error };
  }
}

/**
 * Runs `work` in one raw IMMEDIATE transaction and returns its value; retries (asynchronously,
 * so the event loop keeps serving) while another connection holds the write lock.
 * `work` must be synchronous and short: it is the write lock everyone else waits for.
 */
export async function withWriteLock<T>(work: (raw: Database.Database) => T, stats?: LockStats): Promise<T> {
  const deadline = Date.now() + GIVE_UP_MS;
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    const result = attempt(rawDb(), work);
    if (result !== BUSY) {
      if (!result.ok) throw result.error;
      checkpointAfterCommit();
      if (stats) {
        stats.transactions += 1;
        stats.totalMs += result.ms;
        stats.commitMs += result.commitMs;
        stats.longestMs = Math.max(stats.longestMs, result.ms);
      }
      await letCheckpointCatchUp();
      await giveWayToWaitingWriters();
      return result.value;
    }
    if (Date.now() > deadline) throw new Error("the database stayed locked by another writer");
    announceWaitingWriter();
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** Page cache of the raw handle while an import or undo runs (KiB). */
const IMPORT_CACHE_KIB = 32 * 1024;
let sessionUsers = 0;
let saved: { cacheSize: number; autocheckpoint: number } | null = null;

/**
 * Settings of the raw handle while an import, rollback or undo runs. A chunk touches a leaf of
 * each of the contact table's dozen indexes per row: with SQLite's default 2 MB cache those pages
 * spill to the WAL mid-transaction and are read again, so the cache is bigger. The automatic
 * checkpoint would run inside COMMIT; the checkpoint thread runs it after each transaction instead
 * (checkpointAfterCommit), so it neither lengthens the write lock nor stops this event loop.
 * Returns the function that puts the settings back.
 */
export function useImportSession(): () => void {
  const raw = rawDb();
  if (sessionUsers++ === 0) {
    saved = { cacheSize: Number(raw.pragma("cache_size", { simple: true })), autocheckpoint: Number(raw.pragma("wal_autocheckpoint", { simple: true })) };
    raw.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
    raw.pragma("wal_autocheckpoint = 0");
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--sessionUsers === 0 && saved) {
      raw.pragma(`cache_size = ${saved.cacheSize}`);
      raw.pragma(`wal_autocheckpoint = ${saved.autocheckpoint}`);
    }
  };
}

/**
 * While a session runs, each commit asks the checkpoint thread (app/lib/wal-checkpointer.server.ts)
 * to copy the WAL into the database file: it works on the other core, needs no write lock and
 * never blocks this event loop.
 */
function checkpointAfterCommit(): void {
  if (sessionUsers > 0) requestCheckpoint();
}

/** Lets pending requests run between two importer transactions. */
export function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** DateTime in the stored text form, for raw SQL (see app/lib/db-datetime.ts). */
export const sqlDate = dbDateTime;
