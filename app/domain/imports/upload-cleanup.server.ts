/**
 * Lead files nobody imported. An organiser's file holds other people's personal data (up to 512 MB
 * of it), so an upload whose import is not started within UPLOAD_EXPIRY_HOURS (config) is discarded:
 * the file is deleted and the batch kept as "expired" for the fair's history, with nothing of the
 * file left on it. Files in the upload folder that belong to no batch (a crash mid-upload) go too.
 * The file of a batch being imported is never touched: only "preview" batches expire, and a file a
 * batch still names is never an orphan.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { recordAudit } from "~/domain/audit/audit.server";
import { config } from "~/lib/config.server";
import { db, rawDb } from "~/lib/db.server";
import { auditBatch } from "./import-finish.server";
import { uploadDir } from "./lead-file.server";
import { sqlDate, withWriteLock } from "~/lib/write-lock.server";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/**
 * A file in the folder with no batch is only an orphan once it has not been written to for this
 * long: an upload in progress (or the CLI's copy) gets its batch seconds after its last byte.
 */
export const ORPHAN_GRACE_MS = HOUR_MS;

export type UploadCleanup = { expired: number[]; orphansRemoved: number };
export type CleanupOptions = { now?: Date; maxAgeHours?: number; orphanGraceMs?: number };

/** One pass: expire the unstarted uploads, then remove the orphan files. Safe to run again at any time. */
export async function discardAbandonedUploads(options: CleanupOptions = {}): Promise<UploadCleanup> {
  const now = options.now ?? new Date();
  const maxAgeHours = options.maxAgeHours ?? config.uploadExpiryHours;
  const expired = await expireUnstartedBatches(now, maxAgeHours);
  const orphansRemoved = await removeOrphanFiles(now, options.orphanGraceMs ?? ORPHAN_GRACE_MS);
  return { expired, orphansRemoved };
}

async function expireUnstartedBatches(now: Date, maxAgeHours: number): Promise<number[]> {
  const cutoff = sqlDate(new Date(now.getTime() - maxAgeHours * HOUR_MS));
  const candidates = rawDb()
    .prepare<[string], { id: number }>(`SELECT id FROM "ImportBatch" WHERE status = 'preview' AND createdAt <= ? ORDER BY id`)
    .all(cutoff);
  const expired: number[] = [];
  for (const { id } of candidates) {
    // Re-checked inside the write lock: a batch started meanwhile is "running" and stays as it is.
    const file = await withWriteLock((raw) => {
      const batch = raw
        .prepare<[number, string], { storedFile: string | null; tradeFairId: number | null; rowsTotal: number }>(
          `SELECT storedFile, tradeFairId, rowsTotal FROM "ImportBatch" WHERE id = ? AND status = 'preview' AND createdAt <= ?`,
        )
        .get(id, cutoff);
      if (!batch) return undefined;
      const at = sqlDate(now);
      // What stays: fair, uploader, file name, dates. The mapping and opt-in wording only served the import that never came.
      raw.prepare(
        `UPDATE "ImportBatch" SET status = 'expired', storedFile = NULL, mapping = NULL, optInWording = NULL, created = 0, merged = 0,
           duplicate = 0, suppressed = 0, rejected = 0, rowsDone = 0, finishedAt = ? WHERE id = ?`,
      ).run(at, id);
      auditBatch(raw, null, "import.expired", id, { tradeFairId: batch.tradeFairId, rowsPreviewed: batch.rowsTotal, afterHours: maxAgeHours, fileDeleted: batch.storedFile !== null }, at);
      return batch.storedFile;
    });
    if (file === undefined) continue;
    // After the commit: should this process die first, the file is an orphan for the next pass.
    if (file) await fs.rm(file, { force: true });
    expired.push(id);
  }
  return expired;
}

async function removeOrphanFiles(now: Date, graceMs: number): Promise<number> {
  const dir = uploadDir();
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  // Read after the listing: a batch created in between names a file too young to be removed anyway.
  const owned = new Set(
    rawDb()
      .prepare<[], string>(`SELECT storedFile FROM "ImportBatch" WHERE storedFile IS NOT NULL`)
      .pluck()
      .all()
      .map((file) => path.resolve(file)),
  );
  let removed = 0;
  for (const name of names) {
    const file = path.resolve(dir, name);
    if (owned.has(file)) continue;
    const stat = await fs.lstat(file).catch(() => null);
    if (!stat?.isFile() || now.getTime() - stat.mtimeMs < graceMs) continue;
    await fs.rm(file, { force: true });
    removed += 1;
  }
  if (removed > 0) {
    const prisma = await db();
    // Which files is not recorded: their names say nothing, and there was no batch to name.
    await prisma.$transaction((tx) => recordAudit(tx, { actor: null, action: "import.orphan-files-removed", recordType: "import-upload", summary: { files: removed } }));
  }
  return removed;
}

/**
 * At server start: one pass now, then one a day, like the retention sweep. The timer is unref'd so
 * it never keeps the process alive; a failed pass is reported and the next one tries again.
 */
export function startUploadCleanupSchedule(options: { intervalMs?: number; onError?: (error: unknown) => void } = {}): () => void {
  const onError = options.onError ?? ((error: unknown) =>
    console.error(JSON.stringify({ level: "error", message: "upload cleanup failed", error: error instanceof Error ? error.message : String(error) })));
  const run = () => {
    discardAbandonedUploads().catch(onError);
  };
  run();
  const daily = setInterval(run, options.intervalMs ?? DAY_MS);
  daily.unref();
  return () => clearInterval(daily);
}
