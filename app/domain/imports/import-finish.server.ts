/**
 * The end of an import. Consent events are appended only once every row is written, because the
 * consent ledger is append-only: a rollback could not take them back. From "finishing" on, a crash
 * is completed rather than rolled back (ADR 010).
 */
import fs from "node:fs/promises";
import type Database from "better-sqlite3";
import type { Actor } from "~/domain/staff/roles";
import { importPurposes, loadBatch, obtainedAtOf } from "./import-settings.server";
import { statements } from "./import-sql.server";
import { type LockStats, sqlDate, withWriteLock, yieldToOthers } from "~/lib/write-lock.server";

const CONSENT_CHUNK = 1000;

type Counts = { rowsTotal: number; created: number; merged: number; duplicate: number; suppressed: number; rejected: number; tradeFairId: number | null };

/** One audit entry per batch operation: counts and ids only, never a person's data. */
export function auditBatch(raw: Database.Database, actor: Actor | null, action: string, batchId: number, summary: Record<string, unknown>, now: string): void {
  statements(raw).audit.run(now, actor?.id ?? null, actor?.ip ?? null, action, String(batchId), JSON.stringify(summary));
}

/**
 * Appends a "given" consent event for each contact that got the newsletter purpose from the batch.
 * The import passes the contacts it wrote (`contactIds`); crash recovery, which has no such list,
 * finds them from the batch's rows, skipping events already appended before the crash.
 */
export async function appendConsents(
  batchId: number,
  lock: LockStats,
  { markFinishing, contactIds }: { markFinishing: boolean; contactIds?: readonly number[] },
): Promise<void> {
  if (markFinishing) {
    await withWriteLock((raw) => {
      raw.prepare(`UPDATE "ImportBatch" SET status = 'finishing', rowsTotal = rowsDone, heartbeatAt = ? WHERE id = ? AND status = 'running'`)
        .run(sqlDate(new Date()), batchId);
    }, lock);
  }
  const batch = await loadBatch(batchId);
  if (!batch || !batch.optInWording) return;
  const newsletterId = (await importPurposes()).newsletter.id;
  const at = sqlDate(obtainedAtOf(batch));
  const append = (raw: Database.Database, ids: readonly number[]) => {
    const insert = raw.prepare(
      `INSERT INTO "ConsentEvent" (contactId, purposeId, kind, at, channel, wording, recordedById, createdAt) VALUES (?, ?, 'given', ?, 'import', ?, ?, ?)`,
    );
    const now = sqlDate(new Date());
    for (const contactId of ids) insert.run(contactId, newsletterId, at, batch.optInWording, batch.staffId, now);
    statements(raw).heartbeat.run(now, batchId);
  };
  if (contactIds) {
    for (let from = 0; from < contactIds.length; from += CONSENT_CHUNK) {
      await withWriteLock((raw) => append(raw, contactIds.slice(from, from + CONSENT_CHUNK)), lock);
      await yieldToOthers();
    }
    return;
  }
  let after = 0;
  for (;;) {
    const done = await withWriteLock((raw) => {
      // Rows whose contact got the newsletter purpose from this batch and has no matching "given" event yet.
      const rows = raw
        .prepare<[number, number, number, string, number], { id: number; contactId: number }>(
          `SELECT r.id, r.contactId FROM "ImportRow" r
           WHERE r.batchId = ? AND r.id > ? AND r.outcome IN ('created', 'merged') AND r.filled LIKE '%"newsletter"%'
             AND NOT EXISTS (SELECT 1 FROM "ConsentEvent" e WHERE e.contactId = r.contactId AND e.purposeId = ? AND e.at = ?
                             AND e.kind = 'given' AND e.channel = 'import')
           ORDER BY r.id LIMIT ?`,
        )
        .all(batchId, after, newsletterId, at, CONSENT_CHUNK);
      append(raw, rows.map((row) => row.contactId));
      if (rows.length) after = rows[rows.length - 1].id;
      return rows.length;
    }, lock);
    if (done < CONSENT_CHUNK) return;
    await yieldToOthers();
  }
}

/** "done" is set last, in one small transaction with the batch's audit entry. */
export async function finishBatch(batchId: number, actor: Actor | null, lock: LockStats): Promise<void> {
  const batch = await loadBatch(batchId);
  await withWriteLock((raw) => {
    const now = sqlDate(new Date());
    const changed = raw
      .prepare(`UPDATE "ImportBatch" SET status = 'done', finishedAt = ?, heartbeatAt = ?, storedFile = NULL WHERE id = ? AND status = 'finishing'`)
      .run(now, now, batchId).changes;
    if (changed === 0) return;
    const counts = raw
      .prepare<[number], Counts>(`SELECT rowsTotal, created, merged, duplicate, suppressed, rejected, tradeFairId FROM "ImportBatch" WHERE id = ?`)
      .get(batchId)!;
    auditBatch(raw, actor, "import.completed", batchId, counts, now);
  }, lock);
  if (batch?.storedFile) await fs.rm(batch.storedFile, { force: true });
}
