/**
 * Taking a batch back, in short transactions that can each be repeated after a crash:
 * - rollback (cancel, failure, crash during the run): everything the batch wrote goes;
 * - undo (a finished batch, on request): created contacts go unless staff worked on them since,
 *   filled fields are emptied unless staff changed them since; what is kept is listed for review.
 * Suppression entries are never touched. ImportRow.filled says exactly what each row added.
 */
import fs from "node:fs/promises";
import type Database from "better-sqlite3";
import { contactSortName } from "~/domain/contacts/contact-rules";
import type { Actor } from "~/domain/staff/roles";
import type { PurposeCode } from "./import-classify.server";
import { auditBatch } from "./import-finish.server";
import { encodeReasons, type StoredReason } from "./import-reasons";
import { clearColumns, type FillableColumn } from "./import-sql.server";
import { importPurposes, loadBatch } from "./import-settings.server";
import { type FilledRecord, valueHash } from "./import-write.server";
import { scheduleSearchCompaction } from "~/domain/contacts/contact-search-upkeep.server";
import { type LockStats, newLockStats, sqlDate, useImportSession, withWriteLock, yieldToOthers } from "~/lib/write-lock.server";

const CHUNK = 500;
type Mode = "rollback" | "undo";
type Tally = { removed: number; reverted: number; kept: number };
type Ctx = { batchId: number; mode: Mode; since: string | null; purposeIds: Record<PurposeCode, number>; actor: Actor | null; now: string };

type RowToRevert = { id: number; outcome: string; contactId: number | null; filled: string | null };
type ContactNow = Record<FillableColumn, string | number | null> & { updatedAt: string; erasedAt: string | null; otherInteractions: number };

function prepareRevert(raw: Database.Database) {
  return {
    contactNow: raw.prepare<[number, number], ContactNow>(
      `SELECT firstName, lastName, email, phone, mobile, jobTitle, street, postalCode, city, country, language, organisationId, updatedAt, erasedAt,
         (SELECT COUNT(*) FROM "Interaction" i WHERE i.contactId = c.id AND i.id != ?) AS otherInteractions
       FROM "Contact" c WHERE id = ?`,
    ),
    deleteContact: raw.prepare<[number]>(`DELETE FROM "Contact" WHERE id = ?`),
    dropOrganisation: raw.prepare<[number, number]>(`DELETE FROM "Organisation" WHERE id = ? AND NOT EXISTS (SELECT 1 FROM "Contact" WHERE organisationId = ?)`),
    names: raw.prepare<[number], { firstName: string; lastName: string }>(`SELECT firstName, lastName FROM "Contact" WHERE id = ?`),
    setSortName: raw.prepare<[string, number]>(`UPDATE "Contact" SET sortName = ? WHERE id = ?`),
    deleteRecord: raw.prepare<[number, number]>(`DELETE FROM "ProcessingRecord" WHERE contactId = ? AND purposeId = ?`),
    withdrawn: raw.prepare<[number, number, string, number | null, string]>(
      `INSERT INTO "ConsentEvent" (contactId, purposeId, kind, at, channel, wording, recordedById, createdAt) VALUES (?, ?, 'withdrawn', ?, 'import', NULL, ?, ?)`,
    ),
    deleteNote: raw.prepare<[number]>(`DELETE FROM "Interaction" WHERE id = ?`),
    restoreUpdatedAt: raw.prepare<[string, number]>(`UPDATE "Contact" SET updatedAt = ? WHERE id = ?`),
    rows: raw.prepare<[number, number, number], RowToRevert>(
      `SELECT id, outcome, contactId, filled FROM "ImportRow"
       WHERE batchId = ? AND id < ? AND outcome IN ('created', 'merged') AND (reason IS NULL OR reason NOT LIKE 'UNDO_KEPT%')
       ORDER BY id DESC LIMIT ?`,
    ),
    markKept: raw.prepare<[string | null, number]>(`UPDATE "ImportRow" SET reason = ?, resolvedAt = NULL WHERE id = ?`),
    deleteRow: raw.prepare<[number]>(`DELETE FROM "ImportRow" WHERE id = ?`),
    deleteRest: raw.prepare<[number]>(
      `DELETE FROM "ImportRow" WHERE id IN (SELECT id FROM "ImportRow" WHERE batchId = ? AND (reason IS NULL OR reason NOT LIKE 'UNDO_KEPT%') LIMIT 2000)`,
    ),
    heartbeat: raw.prepare<[string, number]>(`UPDATE "ImportBatch" SET heartbeatAt = ? WHERE id = ?`),
  };
}

const prepared = new WeakMap<Database.Database, ReturnType<typeof prepareRevert>>();
function revertSql(raw: Database.Database) {
  let sql = prepared.get(raw);
  if (!sql) prepared.set(raw, (sql = prepareRevert(raw)));
  return sql;
}

function dropOrganisation(raw: Database.Database, organisationId: number | undefined): void {
  if (!organisationId) return;
  try {
    revertSql(raw).dropOrganisation.run(organisationId, organisationId);
  } catch {
    // Referenced from elsewhere by now (a quote…): it stays, it is a company, not a person.
  }
}

/** Reverts one row; returns what had to be kept because staff changed it since. */
function revertRow(raw: Database.Database, row: RowToRevert, ctx: Ctx, tally: Tally): StoredReason[] {
  const sql = revertSql(raw);
  const filled = (row.filled ? JSON.parse(row.filled) : {}) as FilledRecord;
  if (!row.contactId) return [];
  const contact = sql.contactNow.get(filled.noteId ?? 0, row.contactId);
  if (!contact) return [];
  if (row.outcome === "created") {
    const changed = contact.erasedAt !== null || (ctx.since !== null && (contact.updatedAt > ctx.since || contact.otherInteractions > 0));
    if (ctx.mode === "undo" && changed) {
      tally.kept++;
      return [{ code: "UNDO_KEPT_CHANGED" }];
    }
    // Processing records, tags and interactions go with the contact (ON DELETE CASCADE).
    sql.deleteContact.run(row.contactId);
    dropOrganisation(raw, filled.organisationCreated);
    tally.removed++;
    return [];
  }
  const kept: StoredReason[] = [];
  const clear: FillableColumn[] = [];
  for (const [column, hash] of Object.entries(filled.fields ?? {}) as [FillableColumn, string][]) {
    const current = contact[column];
    if (current === null || current === "") continue;
    if (valueHash(current) === hash) clear.push(column);
    else kept.push({ code: "UNDO_KEPT_CHANGED", field: column === "organisationId" ? "organisation" : column });
  }
  clearColumns(raw, row.contactId, clear, ctx.now);
  if (clear.includes("firstName") || clear.includes("lastName")) {
    const names = sql.names.get(row.contactId)!;
    sql.setSortName.run(contactSortName(names.firstName, names.lastName), row.contactId);
  }
  if (clear.includes("organisationId")) dropOrganisation(raw, filled.organisationCreated);
  for (const code of filled.purposes ?? []) {
    try {
      const gone = sql.deleteRecord.run(row.contactId, ctx.purposeIds[code]).changes;
      // The ledger is append-only: undoing the file's consent is recorded as a withdrawal through the import channel.
      if (gone && code === "newsletter" && ctx.mode === "undo") {
        sql.withdrawn.run(row.contactId, ctx.purposeIds.newsletter, ctx.now, ctx.actor?.id ?? null, ctx.now);
      }
    } catch {
      kept.push({ code: "UNDO_KEPT_CHANGED", field: `purpose.${code}` });
    }
  }
  if (filled.noteId) sql.deleteNote.run(filled.noteId);
  // A rolled-back import leaves no trace, not even a newer "last changed" time, unless someone else changed the contact since.
  if (ctx.mode === "rollback" && filled.updatedAt && kept.length === 0 && contact.updatedAt === filled.updatedAt[1]) {
    sql.restoreUpdatedAt.run(filled.updatedAt[0], row.contactId);
  }
  if (kept.length) tally.kept++;
  else tally.reverted++;
  return kept;
}

async function revertRows(ctx: Ctx, lock: LockStats): Promise<Tally> {
  const releaseSession = useImportSession();
  try {
    return await revertInChunks(ctx, lock);
  } finally {
    releaseSession();
    // The removed contacts left deletion markers in the search index: merge them away.
    scheduleSearchCompaction();
  }
}

async function revertInChunks(ctx: Ctx, lock: LockStats): Promise<Tally> {
  const tally: Tally = { removed: 0, reverted: 0, kept: 0 };
  // Newest first: an organisation the batch created is used only by rows after the one that created it,
  // so by the time that row is reverted nothing of the batch refers to it any more.
  let before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const handled = await withWriteLock((raw) => {
      const sql = revertSql(raw);
      const rows = sql.rows.all(ctx.batchId, before, CHUNK);
      for (const row of rows) {
        const kept = revertRow(raw, row, ctx, tally);
        if (kept.length) sql.markKept.run(encodeReasons(kept), row.id);
        else sql.deleteRow.run(row.id);
      }
      sql.heartbeat.run(sqlDate(new Date()), ctx.batchId);
      if (rows.length) before = rows[rows.length - 1].id;
      return rows.length;
    }, lock);
    if (handled < CHUNK) break;
    await yieldToOthers();
  }
  // The rows that wrote nothing (duplicates, suppressed, rejected with their cells) go too; kept ones stay for review.
  for (;;) {
    const gone = await withWriteLock((raw) => revertSql(raw).deleteRest.run(ctx.batchId).changes, lock);
    if (gone < 2000) break;
    await yieldToOthers();
  }
  return tally;
}

async function context(batchId: number, mode: Mode, actor: Actor | null, since: Date | null): Promise<Ctx> {
  const purposes = await importPurposes();
  return { batchId, mode, since: since ? sqlDate(since) : null, actor, now: sqlDate(new Date()), purposeIds: { prospecting: purposes.prospecting.id, newsletter: purposes.newsletter.id } };
}

/**
 * Rolls a running batch back to nothing. Safe to call again after a crash half-way: the status
 * "rolling-back" tells recovery to finish the job, and every step only removes what is still there.
 */
export async function rollBackBatch(batchId: number, actor: Actor | null, outcome: "cancelled" | "failed", reason: string, lock = newLockStats()): Promise<void> {
  const batch = await loadBatch(batchId);
  if (!batch) return;
  const counts = await withWriteLock((raw) => {
    raw.prepare(`UPDATE "ImportBatch" SET status = 'rolling-back', error = COALESCE(error, ?), heartbeatAt = ? WHERE id = ?`).run(reason, sqlDate(new Date()), batchId);
    return raw.prepare(`SELECT rowsDone, created, merged, error FROM "ImportBatch" WHERE id = ?`).get(batchId) as Record<string, unknown>;
  }, lock);
  const tally = await revertRows(await context(batchId, "rollback", actor, null), lock);
  await withWriteLock((raw) => {
    const now = sqlDate(new Date());
    raw.prepare(
      `UPDATE "ImportBatch" SET status = ?, finishedAt = ?, heartbeatAt = ?, storedFile = NULL, created = 0, merged = 0, duplicate = 0,
         suppressed = 0, rejected = 0 WHERE id = ?`,
    ).run(outcome, now, now, batchId);
    auditBatch(raw, actor, "import.rolled-back", batchId, { ...counts, removed: tally.removed, reverted: tally.reverted, outcome }, now);
  }, lock);
  if (batch.storedFile) await fs.rm(batch.storedFile, { force: true });
}

/** Undoes a finished batch (the caller checked who may). Returns what was kept for review. */
export async function undoClaimedBatch(batchId: number, actor: Actor | null, lock = newLockStats()): Promise<Tally> {
  const batch = await loadBatch(batchId);
  if (!batch) return { removed: 0, reverted: 0, kept: 0 };
  const tally = await revertRows(await context(batchId, "undo", actor, batch.finishedAt), lock);
  await withWriteLock((raw) => {
    const now = sqlDate(new Date());
    const kept = (raw.prepare(`SELECT COUNT(*) AS n FROM "ImportRow" WHERE batchId = ?`).get(batchId) as { n: number }).n;
    raw.prepare(`UPDATE "ImportBatch" SET status = 'undone', heartbeatAt = ? WHERE id = ?`).run(now, batchId);
    auditBatch(raw, actor, "import.undone", batchId, { removed: tally.removed, reverted: tally.reverted, keptForReview: kept }, now);
  }, lock);
  return tally;
}
