/**
 * The import of one batch, run in short transactions: the same function in the server (in the
 * background, started by the batch page) and in the CLI. Phases and statuses (ADR 010):
 * preview → running → finishing → done; a cancel, failure or crash → rolling-back → cancelled | failed.
 */
import type { Actor } from "~/domain/staff/roles";
import { rawDb } from "~/lib/db.server";
import { toSavedMapping } from "./header-mapping";
import { type RunState, countDecisions, decideRows, newRunState, prepareRows } from "./import-classify.server";
import type { LeadFileReason } from "./import-reasons";
import { rollBackBatch } from "./import-revert.server";
import { statements } from "./import-sql.server";
import { batchFacts, importSettings, loadBatch, MAX_IMPORT_ROWS, parseStoredMapping } from "./import-settings.server";
import { writeChunk } from "./import-write.server";
import { appendConsents, finishBatch } from "./import-finish.server";
import { type RawRow, readCsv } from "./read-csv.server";
import { scheduleSearchCompaction } from "~/domain/contacts/contact-search-upkeep.server";
import { type LockStats, newLockStats, sqlDate, useImportSession, withWriteLock, yieldToOthers } from "~/lib/write-lock.server";

export const ACTIVE_STATUSES = ["running", "finishing", "rolling-back", "undoing"] as const;

export type RunOptions = {
  /** Rows per transaction to start with; adapted to keep each transaction near `targetLockMs`. */
  chunkRows?: number;
  /** Fixed rows per transaction (tests: tiny chunks). */
  fixedChunkRows?: number;
  targetLockMs?: number;
  onProgress?: (state: RunState) => void;
};

export type RunResult = {
  status: "done" | "cancelled" | "failed";
  state: RunState;
  lock: LockStats;
  elapsedMs: number;
  /**
   * Where the time went (ms): validation, database look-ups and rules, writes, the end (consents,
   * "done"), and between chunks (reading the file, letting others write, checkpoints catching up).
   */
  phases: ImportPhases;
  error?: string;
};

export type ImportPhases = { prepareMs: number; decideMs: number; writeMs: number; finishMs: number; betweenMs: number };

export type ClaimResult = { ok: true } | { ok: false; reason: "BATCH_NOT_PREVIEW" | "IMPORT_ALREADY_RUNNING" | "MAPPING_NEEDS_NAME_OR_EMAIL" | LeadFileReason };

/**
 * Moves a previewed batch to "running" and remembers its mapping for the organiser's next file,
 * in one transaction. One import at a time: two would fight over the same duplicates.
 */
export async function claimBatch(batchId: number): Promise<ClaimResult> {
  const batch = await loadBatch(batchId);
  if (!batch || batch.status !== "preview") return { ok: false, reason: "BATCH_NOT_PREVIEW" };
  const mapping = parseStoredMapping(batch.mapping);
  if (!mapping) return { ok: false, reason: "MAPPING_NEEDS_NAME_OR_EMAIL" };
  if (!batch.storedFile) return { ok: false, reason: "FILE_MISSING" };
  const headers = await headersOf(batch.storedFile);
  if (!headers.ok) return headers;
  const now = sqlDate(new Date());
  return withWriteLock((raw) => {
    const busy = raw.prepare(`SELECT 1 FROM "ImportBatch" WHERE status IN (${ACTIVE_STATUSES.map((s) => `'${s}'`).join(",")}) LIMIT 1`).get();
    if (busy) return { ok: false as const, reason: "IMPORT_ALREADY_RUNNING" as const };
    const claimed = raw
      .prepare(
        `UPDATE "ImportBatch" SET status = 'running', startedAt = @now, heartbeatAt = @now, rowsDone = 0, created = 0, merged = 0,
           duplicate = 0, suppressed = 0, rejected = 0, cancelRequested = 0, error = NULL WHERE id = @id AND status = 'preview'`,
      )
      .run({ id: batchId, now }).changes;
    if (claimed === 0) return { ok: false as const, reason: "BATCH_NOT_PREVIEW" as const };
    // The file is deleted once the batch settles; its header row stays, for the rejected rows' download.
    raw.prepare(`INSERT INTO "ImportRow" (batchId, rowNumber, outcome, cells) VALUES (?, 1, 'header', ?)`).run(batchId, JSON.stringify(headers.headers));
    if (batch.organiser) {
      raw.prepare(
        `INSERT INTO "ImportMapping" (organiser, mapping, updatedAt) VALUES (?, ?, ?)
         ON CONFLICT (organiser) DO UPDATE SET mapping = excluded.mapping, updatedAt = excluded.updatedAt`,
      ).run(batch.organiser, JSON.stringify(toSavedMapping(headers.headers, mapping)), now);
    }
    return { ok: true as const };
  });
}

async function headersOf(file: string): Promise<{ ok: true; headers: string[] } | { ok: false; reason: LeadFileReason }> {
  const summary = await readCsv(file, { maxRows: 0, onRows: () => undefined });
  return summary.ok ? { ok: true, headers: summary.headers } : { ok: false, reason: summary.reason };
}

class Cancelled extends Error {}

/** Imports a claimed batch to the end, or rolls it back; never throws for a bad row or a bad file. */
export async function runClaimedBatch(batchId: number, actor: Actor, options: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  const lock = newLockStats();
  const state = newRunState();
  const phases: ImportPhases = { prepareMs: 0, decideMs: 0, writeMs: 0, finishMs: 0, betweenMs: 0 };
  const result = (status: RunResult["status"], error?: string): RunResult => ({ status, state, lock, elapsedMs: performance.now() - started, phases, error });
  const releaseSession = useImportSession();
  try {
    const batch = await loadBatch(batchId);
    const mapping = parseStoredMapping(batch?.mapping ?? null);
    if (!batch || batch.status !== "running" || !mapping || !batch.storedFile) throw new Error("batch is not claimed");
    const settings = await importSettings(mapping);
    const facts = batchFacts(batch, actor, settings.purposes);
    const sql = statements(rawDb());
    // Well under the 250 ms budget: a chunk that meets a busy CPU or a large COMMIT can take twice as long.
    const target = options.targetLockMs ?? 75;
    // Start small (cold cache), then grow towards the target.
    let chunkRows = options.fixedChunkRows ?? options.chunkRows ?? 250;
    let pending: RawRow[] = [];

    let chunkEnded = performance.now();
    const flush = async () => {
      const flushing = performance.now();
      phases.betweenMs += flushing - chunkEnded;
      const rows = pending;
      pending = [];
      if (rows.length === 0) return;
      if (sql.batchFlags.get(batchId)?.cancelRequested) throw new Cancelled();
      // Validation (phone numbers, e-mail shape) costs CPU: done before taking the lock.
      const validating = performance.now();
      const prepared = prepareRows(rows, settings);
      phases.prepareMs += performance.now() - validating;
      const before = lock.totalMs;
      await withWriteLock((raw) => {
        const t1 = performance.now();
        const decisions = decideRows(raw, prepared, settings, state);
        const t2 = performance.now();
        writeChunk(raw, decisions, facts, state, new Date());
        phases.decideMs += t2 - t1;
        phases.writeMs += performance.now() - t2;
        countDecisions(state, decisions);
        sql.progress.run({ id: batchId, rowsDone: state.rowsDone, ...state.counts, now: sqlDate(new Date()) });
      }, lock);
      if (!options.fixedChunkRows) {
        const ms = lock.totalMs - before;
        chunkRows = Math.max(100, Math.min(5000, Math.round(chunkRows * Math.min(2, Math.max(0.5, target / Math.max(ms, 1))))));
      }
      options.onProgress?.(state);
      await yieldToOthers();
      chunkEnded = performance.now();
    };

    const summary = await readCsv(batch.storedFile, {
      batchSize: 100,
      maxRows: MAX_IMPORT_ROWS,
      onRows: async (rows) => {
        pending.push(...rows);
        if (pending.length >= chunkRows) await flush();
      },
    });
    if (!summary.ok) throw new Error(summary.reason);
    if (summary.truncated) throw new Error("FILE_TOO_MANY_ROWS");
    await flush();

    const finishing = performance.now();
    await appendConsents(batchId, lock, { markFinishing: true, contactIds: state.newsletterContacts });
    await finishBatch(batchId, actor, lock);
    phases.finishMs = performance.now() - finishing;
    // The batch's contacts went into the search index as many small segments: merge them.
    scheduleSearchCompaction();
    return result("done");
  } catch (error) {
    const cancelled = error instanceof Cancelled;
    const message = cancelled ? "CANCELLED" : error instanceof Error ? error.message.slice(0, 500) : "FAILED";
    await rollBackBatch(batchId, actor, cancelled ? "cancelled" : "failed", message, lock);
    return result(cancelled ? "cancelled" : "failed", message);
  } finally {
    releaseSession();
  }
}

// Jobs of this process, so crash recovery never takes over a batch that is alive here.
const registry = globalThis as unknown as { __crmImportJobs?: Map<number, Promise<unknown>> };
export const runningJobs: Map<number, Promise<unknown>> = (registry.__crmImportJobs ??= new Map());

/** Runs a claimed batch's work (import or undo) in the background of this process. */
export function inBackground<T>(batchId: number, work: () => Promise<T>): Promise<T> {
  const job = work().finally(() => runningJobs.delete(batchId));
  runningJobs.set(batchId, job);
  // The page polls the batch for the outcome; a failure is already recorded on it.
  job.catch((error: unknown) => console.error(`Import job ${batchId} failed`, error));
  return job;
}
