/**
 * Upkeep of the contact search index (ContactSearch, FTS5, ADR 014). An import adds its contacts to
 * the index as new segments and an undo leaves as many deletion markers; until segments are merged,
 * every search reads all of them. At a million contacts, after a few imports and undos, a name
 * search went from 1 ms to 5 ms (and back to 1 ms once merged). This merges them, a few hundred
 * pages per short write transaction, until FTS5 reports nothing left to merge.
 */
import { trackBackgroundWork } from "~/lib/db.server";
import { withWriteLock } from "~/lib/write-lock.server";

export type CompactionResult = { steps: number; longestMs: number; elapsedMs: number };

/** Pages written per step: about 50–130 ms of write lock at a million contacts. */
const PAGES_PER_STEP = 100;
const MAX_STEPS = 5_000;

/**
 * Merges the search index's segments (an incremental 'optimize'). Each step is its own write
 * transaction through withWriteLock, so staff keep saving meanwhile. Idempotent: one cheap step
 * when there is nothing to merge.
 */
export async function compactContactSearch(options: { pagesPerStep?: number } = {}): Promise<CompactionResult> {
  const started = performance.now();
  const pages = options.pagesPerStep ?? PAGES_PER_STEP;
  const result: CompactionResult = { steps: 0, longestMs: 0, elapsedMs: 0 };
  for (let more = true; more && result.steps < MAX_STEPS; ) {
    const t0 = performance.now();
    // A negative page count merges even levels with few segments; fewer than two changes means
    // there was nothing left to do (FTS5's documented test).
    const changes = await withWriteLock((raw) => {
      const total = raw.prepare("SELECT total_changes()").pluck();
      const before = total.get() as number;
      raw.prepare(`INSERT INTO "ContactSearch" ("ContactSearch", rank) VALUES ('merge', ?)`).run(-pages);
      return (total.get() as number) - before;
    });
    result.steps += 1;
    result.longestMs = Math.max(result.longestMs, performance.now() - t0);
    more = changes >= 2;
    await new Promise((resolve) => setImmediate(resolve));
  }
  result.elapsedMs = performance.now() - started;
  return result;
}

let running: Promise<unknown> | null = null;
let again = false;

/**
 * After an import, an undo or a rollback: compacts in the background of this process, once at a
 * time (a request while one runs makes it go round once more).
 */
export function scheduleSearchCompaction(): void {
  if (running) {
    again = true;
    return;
  }
  running = compactContactSearch()
    .catch((error: unknown) => console.error("Compacting the contact search index failed", error instanceof Error ? error.message : error))
    .finally(() => {
      running = null;
      if (again) {
        again = false;
        scheduleSearchCompaction();
      }
    });
  trackBackgroundWork(running);
}

/** Resolves when the background compaction (if any) has finished; for tests and benchmarks. */
export async function searchCompactionSettled(): Promise<void> {
  while (running) await running;
}
