import { describe, expect, it } from "vitest";
import { withWriteLock } from "~/lib/write-lock.server";
import { rawDb } from "~/lib/db.server";
import { checkpointStats, requestCheckpoint, stopCheckpointer } from "~/lib/wal-checkpointer.server";

async function until(check: () => boolean, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Frames in the WAL and frames already copied into the database file, asked without copying any. */
function walState() {
  const [row] = rawDb().pragma("wal_checkpoint(NOOP)") as { log: number; checkpointed: number }[];
  return row;
}

describe("the checkpoint thread", () => {
  it("copies committed WAL frames into the database file while the event loop goes on", async () => {
    const raw = rawDb();
    raw.pragma("wal_autocheckpoint = 0");
    try {
      await withWriteLock((handle) => {
        const insert = handle.prepare(`INSERT INTO "Setting" (key, value) VALUES (?, ?)`);
        for (let i = 0; i < 500; i++) insert.run(`checkpoint-probe-${i}`, "x".repeat(500));
      });
      const written = walState();
      expect(written.log).toBeGreaterThan(written.checkpointed);
      const before = checkpointStats().count;
      requestCheckpoint();
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      await until(() => checkpointStats().count > before);
      clearInterval(timer);
      const after = walState();
      expect(after.checkpointed).toBe(after.log);
      expect(ticks).toBeGreaterThan(0); // this thread was free meanwhile
      // Requests made while it works are coalesced, never queued one by one: with a few MB of WAL to
      // copy, the first checkpoint is still running while the other 49 requests arrive.
      await withWriteLock((handle) => {
        const insert = handle.prepare(`INSERT INTO "Setting" (key, value) VALUES (?, ?)`);
        for (let i = 0; i < 5000; i++) insert.run(`checkpoint-bulk-${i}`, "y".repeat(1000));
      });
      const start = checkpointStats().count;
      for (let i = 0; i < 50; i++) requestCheckpoint();
      await until(() => walState().checkpointed === walState().log && checkpointStats().count > start);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(checkpointStats().count - start).toBeGreaterThanOrEqual(1);
      expect(checkpointStats().count - start).toBeLessThan(10);
    } finally {
      raw.pragma("wal_autocheckpoint = 1000");
      stopCheckpointer();
    }
  });
});
