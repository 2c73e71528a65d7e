/** What the import pages show: batches, one batch's progress and result, its rows by outcome, its rejected rows as CSV. */
import type { Actor } from "~/domain/staff/roles";
import { csvLine, UTF8_BOM } from "~/lib/csv";
import { db } from "~/lib/db.server";
import { forbidden } from "~/lib/permissions.server";
import { canManageBatch } from "./import-batches.server";
import { runningJobs } from "./import-job.server";
import { decodeReasons, type StoredReason } from "./import-reasons";
import type { Outcome } from "./import.schema";
import type { FieldConflict } from "./row-outcome";

export const BATCH_PAGE_SIZE = 50;
export const REPORT_PAGE_SIZE = 50;
export const CONFLICT_PAGE_SIZE = 20;

async function staffNames(ids: number[]): Promise<Map<number, string>> {
  const prisma = await db();
  const staff = await prisma.staff.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(staff.map((s) => [s.id, s.name]));
}

/** Newest first, by keyset. */
export async function listBatches(before?: number) {
  const prisma = await db();
  const rows = await prisma.importBatch.findMany({
    where: before ? { id: { lt: before } } : undefined,
    orderBy: { id: "desc" },
    take: BATCH_PAGE_SIZE + 1,
    select: {
      id: true, fileName: true, status: true, createdAt: true, staffId: true, rowsTotal: true, created: true, merged: true,
      duplicate: true, suppressed: true, rejected: true, tradeFair: { select: { id: true, name: true } },
    },
  });
  const page = rows.slice(0, BATCH_PAGE_SIZE);
  const names = await staffNames(page.map((r) => r.staffId));
  return {
    batches: page.map((r) => ({ ...r, staffName: names.get(r.staffId) ?? "—" })),
    nextCursor: rows.length > BATCH_PAGE_SIZE ? page[page.length - 1].id : null,
  };
}

export async function batchSummary(batchId: number) {
  const prisma = await db();
  const batch = await prisma.importBatch.findUnique({
    where: { id: batchId },
    select: {
      id: true, fileName: true, status: true, organiser: true, obtainedOn: true, optInWording: true, mapping: true, storedFile: true,
      staffId: true, createdAt: true, startedAt: true, finishedAt: true, heartbeatAt: true, cancelRequested: true, error: true,
      rowsTotal: true, rowsDone: true, created: true, merged: true, duplicate: true, suppressed: true, rejected: true,
      tradeFair: { select: { id: true, name: true } },
    },
  });
  if (!batch) return null;
  const names = await staffNames([batch.staffId]);
  return { ...batch, staffName: names.get(batch.staffId) ?? "—", aliveHere: runningJobs.has(batchId) };
}

/** Rows per second since the start, and the seconds left at that pace (null when the total is not known). */
export function progressOf(batch: { rowsDone: number; rowsTotal: number; startedAt: Date | null }, now = new Date()) {
  const seconds = batch.startedAt ? Math.max(0.001, (now.getTime() - batch.startedAt.getTime()) / 1000) : 0;
  const rate = seconds > 0 ? batch.rowsDone / seconds : 0;
  const left = rate > 0 && batch.rowsTotal > batch.rowsDone ? Math.ceil((batch.rowsTotal - batch.rowsDone) / rate) : batch.rowsTotal > 0 && batch.rowsDone >= batch.rowsTotal ? 0 : null;
  return { rate: Math.round(rate), secondsLeft: left };
}

export type ReportRow = { id: number; rowNumber: number; reasons: StoredReason[]; contact: { id: number; name: string } | null; cells: string[] | null };

async function contactNames(ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = ids.filter((id): id is number => id !== null);
  if (wanted.length === 0) return new Map();
  const prisma = await db();
  const contacts = await prisma.contact.findMany({ where: { id: { in: wanted } }, select: { id: true, firstName: true, lastName: true, email: true } });
  return new Map(contacts.map((c) => [c.id, `${c.firstName} ${c.lastName}`.trim() || c.email || `#${c.id}`]));
}

/** One outcome's rows, by spreadsheet row number (the (batchId, outcome, rowNumber) index). */
export async function reportRows(batchId: number, outcome: Outcome, after = 0): Promise<{ rows: ReportRow[]; nextAfter: number | null }> {
  const prisma = await db();
  const rows = await prisma.importRow.findMany({
    where: { batchId, outcome, rowNumber: { gt: after } },
    orderBy: { rowNumber: "asc" },
    take: REPORT_PAGE_SIZE + 1,
    select: { id: true, rowNumber: true, reason: true, contactId: true, cells: true },
  });
  const page = rows.slice(0, REPORT_PAGE_SIZE);
  const names = await contactNames(page.map((r) => r.contactId));
  return {
    rows: page.map((r) => ({
      id: r.id, rowNumber: r.rowNumber, reasons: decodeReasons(r.reason),
      contact: r.contactId && names.has(r.contactId) ? { id: r.contactId, name: names.get(r.contactId)! } : null,
      cells: r.cells ? (JSON.parse(r.cells) as string[]) : null,
    })),
    nextAfter: rows.length > REPORT_PAGE_SIZE ? page[page.length - 1].rowNumber : null,
  };
}

export type ConflictRow = { id: number; rowNumber: number; contact: { id: number; name: string } | null; conflicts: FieldConflict[] };

/** Merged rows whose differences nobody has decided on yet. */
export async function openConflicts(batchId: number, afterId = 0): Promise<{ rows: ConflictRow[]; nextAfter: number | null; total: number }> {
  const prisma = await db();
  const where = { batchId, outcome: "merged", conflicts: { not: null }, resolvedAt: null, id: { gt: afterId } };
  const [rows, total] = await Promise.all([
    prisma.importRow.findMany({ where, orderBy: { id: "asc" }, take: CONFLICT_PAGE_SIZE + 1, select: { id: true, rowNumber: true, contactId: true, conflicts: true } }),
    prisma.importRow.count({ where: { ...where, id: undefined } }),
  ]);
  const page = rows.slice(0, CONFLICT_PAGE_SIZE);
  const names = await contactNames(page.map((r) => r.contactId));
  return {
    rows: page.map((r) => ({
      id: r.id, rowNumber: r.rowNumber, conflicts: JSON.parse(r.conflicts!) as FieldConflict[],
      contact: r.contactId && names.has(r.contactId) ? { id: r.contactId, name: names.get(r.contactId)! } : null,
    })),
    nextAfter: rows.length > CONFLICT_PAGE_SIZE ? page[page.length - 1].id : null,
    total,
  };
}

/** After an undo: what was kept because staff had changed it since, for a person to review. */
export async function keptForReview(batchId: number): Promise<ReportRow[]> {
  const prisma = await db();
  const rows = await prisma.importRow.findMany({
    where: { batchId, reason: { startsWith: "UNDO_KEPT" } },
    orderBy: { rowNumber: "asc" },
    take: 500,
    select: { id: true, rowNumber: true, reason: true, contactId: true },
  });
  const names = await contactNames(rows.map((r) => r.contactId));
  return rows.map((r) => ({
    id: r.id, rowNumber: r.rowNumber, reasons: decodeReasons(r.reason), cells: null,
    contact: r.contactId && names.has(r.contactId) ? { id: r.contactId, name: names.get(r.contactId)! } : null,
  }));
}

export type RejectsText = { row: string; reason: string; describe: (reason: StoredReason) => string };

/**
 * The rejected rows as the file had them, with the row number first and a reason column last, to
 * fix in a spreadsheet and upload again. Semicolons and a BOM for Excel in Belgium; every cell is
 * formula-guarded (the cells come from outside).
 */
export function rejectsCsv(batchId: number, headers: string[], text: RejectsText): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const prisma = await db();
      const rows = await prisma.importRow.findMany({
        where: { batchId, outcome: "rejected", rowNumber: { gt: after } },
        orderBy: { rowNumber: "asc" },
        take: 1000,
        select: { rowNumber: true, reason: true, cells: true },
      });
      let out = first ? UTF8_BOM + csvLine([text.row, ...headers, text.reason], ";") : "";
      first = false;
      for (const r of rows) {
        const cells = r.cells ? (JSON.parse(r.cells) as string[]) : [];
        out += csvLine([r.rowNumber, ...headers.map((_, i) => cells[i] ?? ""), decodeReasons(r.reason).map(text.describe).join(" ")], ";");
      }
      if (out) controller.enqueue(encoder.encode(out));
      if (rows.length < 1000) controller.close();
      else after = rows[rows.length - 1].rowNumber;
    },
  });
}

/** The file's header row, kept for the rejected rows' download. */
/**
 * The header row for the rejected-rows download, which holds the file's personal data: only the
 * uploader or a manager may have it (another sales member's batch is refused, 403).
 */
export async function rejectedRowsHeaders(actor: Actor, batchId: number): Promise<string[] | null> {
  const prisma = await db();
  const batch = await prisma.importBatch.findUnique({ where: { id: batchId }, select: { staffId: true } });
  if (!batch) return null;
  if (!canManageBatch(actor, batch)) forbidden();
  return batchHeaders(batchId);
}

export async function batchHeaders(batchId: number): Promise<string[] | null> {
  const prisma = await db();
  const row = await prisma.importRow.findFirst({ where: { batchId, outcome: "header" }, select: { cells: true } });
  return row?.cells ? (JSON.parse(row.cells) as string[]) : null;
}
