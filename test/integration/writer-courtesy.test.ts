import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { databaseFile } from "~/lib/config.server";
import { announceWaitingWriter, giveWayToWaitingWriters } from "~/lib/writer-courtesy.server";

const marker = () => `${databaseFile()}-writer-waiting`;
const timed = async (work: () => Promise<void>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

describe("courtesy between writers of different processes", () => {
  it("a waiting writer leaves its process id in a fresh marker, written off the event loop", async () => {
    fs.rmSync(marker(), { force: true });
    announceWaitingWriter();
    await expect.poll(() => (fs.existsSync(marker()) ? fs.readFileSync(marker(), "utf8") : null)).toBe(String(process.pid));
  });

  it("a bulk writer gives way while another process's writer waits, but not for its own process or a stale marker", async () => {
    // Another process is waiting: a fresh marker with another process id.
    fs.writeFileSync(marker(), "999999");
    expect(await timed(giveWayToWaitingWriters)).toBeGreaterThanOrEqual(20);
    // Its own process's marker: no pause.
    fs.writeFileSync(marker(), String(process.pid));
    expect(await timed(giveWayToWaitingWriters)).toBeLessThan(20);
    // A marker nobody refreshed for a while: that writer got the lock (or gave up).
    fs.writeFileSync(marker(), "999999");
    const old = new Date(Date.now() - 5_000);
    fs.utimesSync(marker(), old, old);
    expect(await timed(giveWayToWaitingWriters)).toBeLessThan(20);
    fs.rmSync(marker(), { force: true });
    expect(await timed(giveWayToWaitingWriters)).toBeLessThan(20);
  });
});
