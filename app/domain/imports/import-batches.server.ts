/**
 * Operations on an import batch, as staff (and the CLI) call them: upload, map and predict, start,
 * cancel, undo. Each checks who may, and writes its audit entry with the change.
 */
import { recordAudit } from "~/domain/audit/audit.server";
import { roleAtLeast, type Actor } from "~/domain/staff/roles";
import { db } from "~/lib/db.server";
import { forbidden } from "~/lib/permissions.server";
import { type SavedMapping, suggestMapping, type Mapping } from "./header-mapping";
import { claimBatch, inBackground, ACTIVE_STATUSES, runClaimedBatch, type RunOptions, type RunResult } from "./import-job.server";
import type { ImportOperationReason, LeadFileReason } from "./import-reasons";
import { predictFile } from "./import-predict.server";
import { recoverImports } from "./import-recovery.server";
import { undoClaimedBatch } from "./import-revert.server";
import { importSettings, loadBatch, type BatchRecord } from "./import-settings.server";
import type { MappingFormInput, NewImportInput } from "./import.schema";
import { discardUpload, type StoredUpload } from "./lead-file.server";
import { readCsvPreview } from "./read-csv.server";
import { createTradeFairIn } from "./trade-fairs.server";
import { sqlDate, withWriteLock } from "~/lib/write-lock.server";

type Fail<R> = { ok: false; reason: R };

/** Sales import trade-fair files; the uploader or a manager may stop or undo a batch. */
export function canManageBatch(actor: Actor, batch: { staffId: number }): boolean {
  return actor.id === batch.staffId || roleAtLeast(actor.role, "manager");
}

async function batchFor(actor: Actor, batchId: number): Promise<BatchRecord | null> {
  const batch = await loadBatch(batchId);
  if (batch && !canManageBatch(actor, batch)) forbidden();
  return batch;
}

export async function savedMappingFor(organiser: string | null): Promise<SavedMapping | undefined> {
  if (!organiser) return undefined;
  const prisma = await db();
  const row = await prisma.importMapping.findUnique({ where: { organiser }, select: { mapping: true } });
  return row ? (JSON.parse(row.mapping) as SavedMapping) : undefined;
}

/** The mapping to show: the batch's own once saved, else a guess from the organiser's last file and the synonyms. */
export async function mappingFor(batch: Pick<BatchRecord, "mapping" | "organiser">, headers: string[]): Promise<Mapping> {
  if (batch.mapping) return JSON.parse(batch.mapping) as Mapping;
  return suggestMapping(headers, await savedMappingFor(batch.organiser));
}

export type CreateBatchResult = { ok: true; id: number } | Fail<LeadFileReason | "TRADE_FAIR_NAME_TAKEN" | "TRADE_FAIR_UNKNOWN">;

/** Registers an uploaded file as a batch to preview; a file that is not a readable CSV is refused and deleted. */
export async function createBatch(actor: Actor, input: NewImportInput, upload: StoredUpload | null): Promise<CreateBatchResult> {
  if (!upload) return { ok: false, reason: "FILE_MISSING" };
  const format = await readCsvPreview(upload.path, 1);
  if (!format.ok) {
    await discardUpload(upload);
    return { ok: false, reason: format.reason };
  }
  const prisma = await db();
  const result = await prisma.$transaction(async (tx): Promise<CreateBatchResult> => {
    let fairId = input.tradeFairId;
    if (fairId === null) {
      const created = await createTradeFairIn(tx, actor, {
        name: input.fairName!, organiser: input.fairOrganiser!, startsOn: input.fairStartsOn, endsOn: input.fairEndsOn, place: input.fairPlace,
      });
      if (!created.ok) return created;
      fairId = created.id;
    }
    const fair = await tx.tradeFair.findUnique({ where: { id: fairId }, select: { organiser: true, endsOn: true } });
    if (!fair) return { ok: false, reason: "TRADE_FAIR_UNKNOWN" };
    const obtainedOn = input.obtainedOn ? new Date(`${input.obtainedOn}T00:00:00Z`) : (fair.endsOn ?? new Date());
    const batch = await tx.importBatch.create({
      data: { tradeFairId: fairId, staffId: actor.id, fileName: upload.fileName, storedFile: upload.path, organiser: input.organiser ?? fair.organiser, obtainedOn },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor, action: "import.uploaded", recordType: "import-batch", recordId: batch.id,
      summary: { tradeFairId: fairId, encoding: format.encoding, delimiter: format.delimiter, columns: format.headers.length },
    });
    return { ok: true, id: batch.id };
  });
  if (!result.ok) await discardUpload(upload);
  return result;
}

export type MappingResult = { ok: true } | Fail<LeadFileReason | ImportOperationReason>;

/**
 * Saves the mapping and, unless told not to, runs the dry run over the whole file: its totals are
 * kept on the batch (the counters mean "predicted" while the status is "preview").
 */
export async function saveMapping(actor: Actor, batchId: number, input: MappingFormInput, { predict = true } = {}): Promise<MappingResult | null> {
  const batch = await batchFor(actor, batchId);
  if (!batch) return null;
  if (batch.status !== "preview") return { ok: false, reason: "BATCH_NOT_PREVIEW" };
  if (!batch.storedFile) return { ok: false, reason: "FILE_MISSING" };
  const head = await readCsvPreview(batch.storedFile, 0);
  if (!head.ok) return head;
  if (head.headers.length !== input.mapping.length) return { ok: false, reason: "MAPPING_COLUMNS_CHANGED" };
  let totals = { rowsTotal: 0, created: 0, merged: 0, duplicate: 0, suppressed: 0, rejected: 0 };
  if (predict) {
    const prediction = await predictFile(batch.storedFile, await importSettings(input.mapping));
    if (!prediction.ok) return prediction;
    if (prediction.truncated) return { ok: false, reason: "FILE_TOO_MANY_ROWS" };
    totals = { rowsTotal: prediction.state.rowsDone, ...prediction.state.counts };
  }
  const prisma = await db();
  const saved = await prisma.importBatch.updateMany({
    where: { id: batchId, status: "preview" },
    data: { mapping: JSON.stringify(input.mapping), optInWording: input.mapping.includes("optIn") ? input.optInWording : null, ...totals },
  });
  return saved.count === 1 ? { ok: true } : { ok: false, reason: "BATCH_NOT_PREVIEW" };
}

export type StartResult = { ok: true; job: Promise<RunResult> } | Fail<Exclude<Awaited<ReturnType<typeof claimBatch>>, { ok: true }>["reason"]>;

/** Starts the import in the background of this process (the batch page polls its progress). */
export async function startImport(actor: Actor, batchId: number, options: RunOptions = {}): Promise<StartResult | null> {
  const batch = await batchFor(actor, batchId);
  if (!batch) return null;
  // A batch some dead process left half-done must be settled before the next one begins.
  await recoverImports();
  const claimed = await claimBatch(batchId);
  if (!claimed.ok) return claimed;
  return { ok: true, job: inBackground(batchId, () => runClaimedBatch(batchId, actor, options)) };
}

/** The importer notices at its next chunk and rolls the batch back. */
export async function requestCancel(actor: Actor, batchId: number): Promise<{ ok: true } | Fail<"BATCH_NOT_RUNNING"> | null> {
  const batch = await batchFor(actor, batchId);
  if (!batch) return null;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const changed = await tx.importBatch.updateMany({ where: { id: batchId, status: "running" }, data: { cancelRequested: true } });
    if (changed.count === 0) return { ok: false as const, reason: "BATCH_NOT_RUNNING" as const };
    await recordAudit(tx, { actor, action: "import.cancel-requested", recordType: "import-batch", recordId: batchId });
    return { ok: true as const };
  });
}

export type UndoStart = { ok: true; job: Promise<unknown> } | Fail<"BATCH_NOT_DONE" | "IMPORT_ALREADY_RUNNING">;

/** Undoes a finished batch in the background; suppression entries are never part of it. */
export async function undoBatch(actor: Actor, batchId: number): Promise<UndoStart | null> {
  const batch = await batchFor(actor, batchId);
  if (!batch) return null;
  await recoverImports();
  const claimed = await withWriteLock((raw) => {
    const busy = raw.prepare(`SELECT 1 FROM "ImportBatch" WHERE status IN (${ACTIVE_STATUSES.map((s) => `'${s}'`).join(",")}) LIMIT 1`).get();
    if (busy) return "IMPORT_ALREADY_RUNNING" as const;
    const now = sqlDate(new Date());
    const changed = raw.prepare(`UPDATE "ImportBatch" SET status = 'undoing', heartbeatAt = ? WHERE id = ? AND status = 'done'`).run(now, batchId).changes;
    return changed === 1 ? null : ("BATCH_NOT_DONE" as const);
  });
  if (claimed) return { ok: false, reason: claimed };
  return { ok: true, job: inBackground(batchId, () => undoClaimedBatch(batchId, actor)) };
}
