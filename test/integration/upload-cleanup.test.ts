import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { batchPage } from "~/domain/imports/batch-page.server";
import { saveMapping, startImport } from "~/domain/imports/import-batches.server";
import { claimBatch } from "~/domain/imports/import-job.server";
import { rollBackBatch } from "~/domain/imports/import-revert.server";
import { loadBatch } from "~/domain/imports/import-settings.server";
import { uploadDir } from "~/domain/imports/lead-file.server";
import { discardAbandonedUploads, startUploadCleanupSchedule } from "~/domain/imports/upload-cleanup.server";
import type { Actor } from "~/domain/staff/roles";
import { dbDateTime } from "~/lib/db-datetime";
import { rawDb } from "~/lib/db.server";
import { createTestStaff } from "../db-utils";
import { fixture, suggestedMapping, uploadFile } from "../import-utils";

// The upload folder is DATA_DIR/uploads of this test file's own temporary directory (setup-each.ts).
const HOUR = 60 * 60 * 1000;
let sales: Actor;

const row = (id: number) =>
  rawDb()
    .prepare(`SELECT status, storedFile, fileName, tradeFairId, mapping, optInWording, created, merged, rejected, finishedAt FROM "ImportBatch" WHERE id = ?`)
    .get(id) as Record<string, unknown>;
const audits = (action: string) =>
  rawDb().prepare(`SELECT recordType, recordId, staffId, summary FROM "AuditEntry" WHERE action = ? ORDER BY id`).all(action) as { recordType: string; recordId: string | null; staffId: number | null; summary: string }[];

/** Makes a batch look uploaded `hours` ago (and its file last written then). */
function backdate(batchId: number, hours: number) {
  const then = new Date(Date.now() - hours * HOUR);
  rawDb().prepare(`UPDATE "ImportBatch" SET createdAt = ? WHERE id = ?`).run(dbDateTime(then), batchId);
  const file = row(batchId).storedFile as string | null;
  if (file) fs.utimesSync(file, then, then);
}

function orphanFile(name: string, hoursOld: number): string {
  const file = path.join(uploadDir(), name);
  fs.writeFileSync(file, "Prénom;Nom;E-mail\r\nAnne;Orphan;anne@orphan.be\r\n");
  const then = new Date(Date.now() - hoursOld * HOUR);
  fs.utimesSync(file, then, then);
  return file;
}

async function previewed(batchId: number) {
  const saved = await saveMapping(sales, batchId, { mapping: await suggestedMapping(batchId), optInWording: "J'accepte de recevoir les offres." });
  if (!saved?.ok) throw new Error("preview refused");
}

beforeAll(async () => {
  sales = (await createTestStaff({ role: "sales" })).actor;
});

describe("uploads whose import was never started", () => {
  it("are expired after the configured time: file deleted, batch kept without the file's data, audited; fresh, running and named files stay", async () => {
    const old = await uploadFile(sales, fixture("nl-comma-bom.csv"));
    await previewed(old);
    const oldFile = row(old).storedFile as string;
    const before = row(old);
    backdate(old, 25);

    const fresh = await uploadFile(sales, fixture("fr-semicolon-1252.csv"));
    const freshFile = row(fresh).storedFile as string;

    // Uploaded two days ago, started just now: its import is running on that file.
    const running = await uploadFile(sales, fixture("mixed-duplicates.csv"));
    await previewed(running);
    expect(await claimBatch(running)).toEqual({ ok: true });
    backdate(running, 48);
    const runningFile = row(running).storedFile as string;

    const orphan = orphanFile("lead-left-by-a-crash.csv", 3);
    const uploading = orphanFile("lead-still-being-uploaded.csv", 0);

    const result = await discardAbandonedUploads();

    expect(result).toEqual({ expired: [old], orphansRemoved: 1 });
    expect(fs.existsSync(oldFile)).toBe(false);
    expect(row(old)).toEqual({
      status: "expired", storedFile: null, fileName: before.fileName, tradeFairId: before.tradeFairId, mapping: null, optInWording: null,
      created: 0, merged: 0, rejected: 0, finishedAt: expect.any(String),
    });
    expect(audits("import.expired")).toEqual([
      { recordType: "import-batch", recordId: String(old), staffId: null, summary: expect.stringContaining(`"afterHours":24`) },
    ]);
    expect(JSON.parse(audits("import.expired")[0].summary)).toMatchObject({ tradeFairId: before.tradeFairId, fileDeleted: true });

    expect(row(fresh)).toMatchObject({ status: "preview", storedFile: freshFile });
    expect(fs.existsSync(freshFile)).toBe(true);
    expect(row(running)).toMatchObject({ status: "running", storedFile: runningFile });
    expect(fs.existsSync(runningFile)).toBe(true);

    expect(fs.existsSync(orphan)).toBe(false);
    expect(fs.existsSync(uploading)).toBe(true);
    expect(audits("import.orphan-files-removed")).toEqual([{ recordType: "import-upload", recordId: null, staffId: null, summary: JSON.stringify({ files: 1 }) }]);

    // The batch page says what happened; the import can no longer be started.
    const page = await batchPage(sales, old, {});
    expect(page).toMatchObject({ view: "expired", expiryHours: 24, batch: { status: "expired", fileName: before.fileName } });
    expect(await startImport(sales, old)).toEqual({ ok: false, reason: "BATCH_NOT_PREVIEW" });

    // A second pass finds nothing more to do and writes nothing.
    const auditCount = () => rawDb().prepare(`SELECT count(*) FROM "AuditEntry"`).pluck().get();
    const entries = auditCount();
    expect(await discardAbandonedUploads()).toEqual({ expired: [], orphansRemoved: 0 });
    expect(auditCount()).toBe(entries);
    expect(row(old).status).toBe("expired");
    expect(fs.existsSync(freshFile)).toBe(true);
    expect(fs.existsSync(runningFile)).toBe(true);
    expect(fs.existsSync(uploading)).toBe(true);

    // Settle the running batch (rolled back, file deleted) so the next test may import.
    await rollBackBatch(running, null, "cancelled", "CANCELLED");
    expect(fs.existsSync(runningFile)).toBe(false);
    fs.rmSync(uploading);
  });

  it("uses the time given, and runs at server start", async () => {
    const batch = await uploadFile(sales, fixture("nl-comma-bom.csv"));
    const file = row(batch).storedFile as string;
    backdate(batch, 3);
    expect(await discardAbandonedUploads({ maxAgeHours: 4 })).toEqual({ expired: [], orphansRemoved: 0 });
    expect(fs.existsSync(file)).toBe(true);

    backdate(batch, 25);
    const errors: unknown[] = [];
    const stop = startUploadCleanupSchedule({ intervalMs: 60 * HOUR, onError: (e) => errors.push(e) });
    try {
      const deadline = Date.now() + 5_000;
      // The file goes right after the batch's status changes.
      while (fs.existsSync(file) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      stop();
    }
    expect(errors).toEqual([]);
    expect(row(batch).status).toBe("expired");
    expect(fs.existsSync(file)).toBe(false);
    expect(await loadBatch(batch)).toMatchObject({ storedFile: null, mapping: null });
  });
});
