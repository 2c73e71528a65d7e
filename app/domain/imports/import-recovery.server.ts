/**
 * Crash recovery: a batch left "running" (or half rolled back, finished or undone) by a process
 * that died is taken over once its heartbeat is stale, and brought to a settled state on its own:
 * running / rolling-back → rolled back (failed, INTERRUPTED); finishing → completed; undoing → undone.
 */
import { rawDb } from "~/lib/db.server";
import { ACTIVE_STATUSES, runningJobs } from "./import-job.server";
import { appendConsents, finishBatch } from "./import-finish.server";
import { rollBackBatch, undoClaimedBatch } from "./import-revert.server";
import { newLockStats, sqlDate, withWriteLock } from "~/lib/write-lock.server";

/** A live importer touches its batch at least every chunk (well under a second); a minute of silence means it died. */
export const STALE_AFTER_MS = 60_000;

export type Recovered = { batchId: number; from: string };

export async function recoverImports({ staleAfterMs = STALE_AFTER_MS }: { staleAfterMs?: number } = {}): Promise<Recovered[]> {
  const cutoff = sqlDate(new Date(Date.now() - staleAfterMs));
  const statuses = ACTIVE_STATUSES.map((s) => `'${s}'`).join(",");
  const stale = rawDb()
    .prepare<[string], { id: number; status: string; error: string | null }>(
      `SELECT id, status, error FROM "ImportBatch" WHERE status IN (${statuses}) AND (heartbeatAt IS NULL OR heartbeatAt <= ?) ORDER BY id`,
    )
    .all(cutoff);
  const recovered: Recovered[] = [];
  for (const batch of stale) {
    if (runningJobs.has(batch.id)) continue;
    // Take it over in one transaction, so two processes starting at once do not both recover it.
    const mine = await withWriteLock(
      (raw) =>
        raw.prepare(`UPDATE "ImportBatch" SET heartbeatAt = ? WHERE id = ? AND status = ? AND (heartbeatAt IS NULL OR heartbeatAt <= ?)`)
          .run(sqlDate(new Date()), batch.id, batch.status, cutoff).changes === 1,
    );
    if (!mine) continue;
    const lock = newLockStats();
    if (batch.status === "finishing") {
      await appendConsents(batch.id, lock, { markFinishing: false });
      await finishBatch(batch.id, null, lock);
    } else if (batch.status === "undoing") {
      await undoClaimedBatch(batch.id, null, lock);
    } else {
      // A cancel that was being rolled back when the process died stays a cancel.
      await rollBackBatch(batch.id, null, batch.error === "CANCELLED" ? "cancelled" : "failed", "INTERRUPTED", lock);
    }
    recovered.push({ batchId: batch.id, from: batch.status });
  }
  return recovered;
}

/** At server start: recover now, and once more when a batch interrupted just before the restart has gone stale. */
export function scheduleImportRecovery(): void {
  const run = () =>
    recoverImports().catch((error: unknown) => {
      console.error("Import recovery failed", error);
    });
  void run();
  setTimeout(run, STALE_AFTER_MS + 1_000).unref();
}
