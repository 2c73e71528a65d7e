/**
 * Courtesy between writers of different processes. SQLite has one writer at a time and no queue: a
 * bulk writer (an import CLI, a sweep) that takes the lock again right after each short
 * transaction would starve a staff member's save waiting in the server, whose busy handler only
 * looks now and then. A writer that is waiting touches a marker file beside the database; bulk
 * writers look at it after each commit and, while it is fresh, leave the lock free for a moment.
 */
import fs from "node:fs";
import { databaseFile } from "./config.server";

/** A marker older than this is a writer that got the lock (or gave up). */
const FRESH_MS = 250;
/** How long a bulk writer leaves the lock free when someone waits (waiters look every ≤ 16 ms). */
const GIVE_WAY_MS = 25;
const TOUCH_EVERY_MS = 50;

let lastTouch = 0;
const marker = () => `${databaseFile()}-writer-waiting`;

/** Called by a writer while it waits for the lock (throttled). */
export function announceWaitingWriter(): void {
  const now = Date.now();
  if (now - lastTouch < TOUCH_EVERY_MS) return;
  lastTouch = now;
  // Written off the event loop (a synchronous write cost ~0.6 ms of a server process's time, up to
  // twenty times a second while it waited). A read-only folder only costs the courtesy, never the write.
  fs.writeFile(marker(), String(process.pid), () => {});
}

/**
 * Another process's writer is waiting. This process's own waiters are left out: they get their
 * turn between two bulk transactions through the event loop, and a bulk writer of this process
 * that met a busy lock once (a checkpoint restarting the WAL, say) must not slow itself down.
 */
function someoneWaiting(): boolean {
  try {
    const file = marker();
    if (Date.now() - fs.statSync(file).mtimeMs >= FRESH_MS) return false;
    return fs.readFileSync(file, "utf8") !== String(process.pid);
  } catch {
    return false;
  }
}

/** Called by a bulk writer between its transactions: waits a moment when another writer is waiting. */
export async function giveWayToWaitingWriters(): Promise<void> {
  if (someoneWaiting()) await new Promise((resolve) => setTimeout(resolve, GIVE_WAY_MS));
}
