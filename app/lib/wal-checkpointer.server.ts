/**
 * WAL checkpoints on a second thread. Bulk writers (the importer, undo, the retention sweep) used to
 * run `wal_checkpoint(PASSIVE)` after each short transaction on the event loop: at a million
 * contacts that was a fifth of an import's time, during which this process served nobody. A
 * checkpoint copies committed pages from the WAL into the database file and needs no write lock,
 * so a worker thread with its own connection does it on the other core while the writer goes on.
 *
 * The thread sleeps on a shared counter (Atomics.wait): `requestCheckpoint()` bumps it, the thread
 * wakes, checkpoints, and goes round again if more requests came meanwhile — never a queue of them.
 * See docs/decisions/018-background-wal-checkpoints.md.
 */
import { Worker } from "node:worker_threads";
import { databaseFile } from "./config.server";

// Slots of the shared Int32Array.
const REQUESTED = 0; // bumped by each request
const STOP = 1; // 1: close the connection and end
const DONE = 2; // checkpoints run
const TOTAL_US = 3; // their time, µs (wraps after ~35 min in all: ample for one run's figures)
const LONGEST_US = 4;
const BUSY = 5; // 1 while a checkpoint runs
const SEEN = 6; // the request count the running (or last) checkpoint started from
const SLOTS = 7;

// CommonJS, evaluated by the worker (the server build bundles app code, not worker files).
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const flags = new Int32Array(workerData.shared);
const db = new Database(workerData.file);
db.pragma("synchronous = FULL");
db.pragma("cache_size = -1024"); // a checkpoint copies pages; it needs no cache of its own
let seen = 0;
for (;;) {
  Atomics.wait(flags, ${REQUESTED}, seen);
  if (Atomics.load(flags, ${STOP})) break;
  seen = Atomics.load(flags, ${REQUESTED});
  Atomics.store(flags, ${SEEN}, seen);
  Atomics.store(flags, ${BUSY}, 1);
  const started = performance.now();
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch { /* busy or closing: the next request tries again */ }
  const us = Math.round((performance.now() - started) * 1000);
  Atomics.store(flags, ${BUSY}, 0);
  Atomics.add(flags, ${DONE}, 1);
  Atomics.add(flags, ${TOTAL_US}, us);
  if (us > Atomics.load(flags, ${LONGEST_US})) Atomics.store(flags, ${LONGEST_US}, us);
}
db.close();
`;

type Checkpointer = { worker: Worker; flags: Int32Array; file: string };
const holder = globalThis as unknown as { __crmCheckpointer?: Checkpointer };

function checkpointer(): Checkpointer {
  const file = databaseFile();
  const current = holder.__crmCheckpointer;
  if (current && current.file === file) return current;
  if (current) stopCheckpointer();
  const shared = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
  // A small heap: the thread holds a connection and a few counters (an import's memory budget is 300 MB).
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, shared }, resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } });
  worker.unref(); // never keeps the process alive
  worker.on("error", (error) => console.error("WAL checkpoint thread failed", error));
  const made = { worker, flags: new Int32Array(shared), file };
  holder.__crmCheckpointer = made;
  return made;
}

/** Asks the checkpoint thread to copy the committed WAL into the database file; returns at once. */
export function requestCheckpoint(): void {
  const { flags } = checkpointer();
  Atomics.add(flags, REQUESTED, 1);
  Atomics.notify(flags, REQUESTED);
}

export type CheckpointStats = { count: number; totalMs: number; longestMs: number };

/** What the thread has done so far (take the difference of two readings for one run). */
export function checkpointStats(): CheckpointStats {
  const flags = holder.__crmCheckpointer?.flags;
  if (!flags) return { count: 0, totalMs: 0, longestMs: 0 };
  return { count: Atomics.load(flags, DONE), totalMs: Atomics.load(flags, TOTAL_US) / 1000, longestMs: Atomics.load(flags, LONGEST_US) / 1000 };
}

/** Requests a writer may run ahead of the thread before it waits for it. */
const MAX_LAG = 4;

/**
 * For bulk writers between transactions: when the thread has fallen more than a few transactions
 * behind, wait (without blocking the event loop) until it starts on the latest ones, so the WAL
 * stays bounded on a long import.
 */
export async function letCheckpointCatchUp(): Promise<void> {
  const made = holder.__crmCheckpointer;
  if (!made) return;
  const deadline = Date.now() + 30_000;
  while (Atomics.load(made.flags, REQUESTED) - Atomics.load(made.flags, SEEN) > MAX_LAG && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Ends the thread and closes its connection (tests, shutdown, a database switch). */
export function stopCheckpointer(): void {
  const made = holder.__crmCheckpointer;
  if (!made) return;
  holder.__crmCheckpointer = undefined;
  Atomics.store(made.flags, STOP, 1);
  Atomics.add(made.flags, REQUESTED, 1);
  Atomics.notify(made.flags, REQUESTED);
}
