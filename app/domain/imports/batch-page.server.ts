/** Everything the batch page shows, by the batch's status: mapping and preview, progress, or the report. */
import { STALE_AFTER_MS, recoverImports } from "./import-recovery.server";
import type { Actor } from "~/domain/staff/roles";
import { config } from "~/lib/config.server";
import { checkMapping } from "./header-mapping";
import { canManageBatch, mappingFor } from "./import-batches.server";
import { ACTIVE_STATUSES } from "./import-job.server";
import { previewRows } from "./import-predict.server";
import { batchSummary, keptForReview, openConflicts, progressOf, reportRows } from "./import-report.server";
import { importSettings } from "./import-settings.server";
import { OUTCOMES, type Outcome } from "./import.schema";
import { readCsvPreview } from "./read-csv.server";

export type BatchPageQuery = { outcome?: Outcome; after?: number; conflicts?: number };

async function previewPart(batch: NonNullable<Awaited<ReturnType<typeof batchSummary>>>) {
  if (!batch.storedFile) return { fileReason: "FILE_MISSING" as const };
  const head = await readCsvPreview(batch.storedFile, 1);
  if (!head.ok) return { fileReason: head.reason };
  const mapping = await mappingFor(batch, head.headers);
  const columns = head.headers.map((header, index) => ({ header, sample: (head.rows[0]?.cells[index] ?? "").slice(0, 80), target: mapping[index] }));
  const mappingCheck = checkMapping(mapping);
  const rows = mappingCheck.ok ? await previewRows(batch.storedFile, await importSettings(mapping), 20) : null;
  return { columns, mappingReason: mappingCheck.ok ? null : mappingCheck.reason, rows, fields: [...new Set(mapping.filter((m) => m !== "ignore"))] };
}

export async function batchPage(actor: Actor, batchId: number, query: BatchPageQuery) {
  const batch = await batchSummary(batchId);
  if (!batch) return null;
  const { storedFile: _file, mapping: _mapping, heartbeatAt, aliveHere, ...shown } = batch;
  const base = { batch: shown, canManage: canManageBatch(actor, batch), predicted: batch.status === "preview" && batch.mapping !== null };

  if (batch.status === "preview") return { ...base, view: "preview" as const, preview: await previewPart(batch) };

  // Never started in time: the file was deleted (upload-cleanup.server.ts), nothing was imported.
  if (batch.status === "expired") return { ...base, view: "expired" as const, expiryHours: config.uploadExpiryHours };

  if ((ACTIVE_STATUSES as readonly string[]).includes(batch.status)) {
    // A batch whose process died is settled here too, so the page does not wait for the next restart.
    if (!aliveHere && (!heartbeatAt || Date.now() - heartbeatAt.getTime() > STALE_AFTER_MS)) void recoverImports();
    return { ...base, view: "progress" as const, progress: progressOf(batch) };
  }

  const counts = { created: batch.created, merged: batch.merged, duplicate: batch.duplicate, suppressed: batch.suppressed, rejected: batch.rejected };
  const outcome = query.outcome ?? OUTCOMES.find((o) => o === "rejected" && counts.rejected > 0) ?? OUTCOMES.find((o) => counts[o] > 0) ?? "created";
  const [rows, conflicts, kept] = await Promise.all([
    batch.status === "done" ? reportRows(batchId, outcome, query.after) : null,
    batch.status === "done" ? openConflicts(batchId, query.conflicts) : null,
    batch.status === "undone" ? keptForReview(batchId) : null,
  ]);
  return { ...base, view: "report" as const, counts, outcome, rows, conflicts, kept };
}
