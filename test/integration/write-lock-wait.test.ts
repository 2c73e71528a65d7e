import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { databaseFile } from "~/lib/config.server";
import { db } from "~/lib/db.server";

// Another process (an import or sweep CLI) holds the write lock and commits a write while a
// web save reads and then writes: the save must wait for the lock, not fail with SQLITE_BUSY.
function holdWriteLock(ms: number): Promise<void> {
  const script = `
    const Database = require("better-sqlite3");
    const d = new Database(process.argv[1]);
    d.pragma("busy_timeout = 5000");
    d.prepare("BEGIN IMMEDIATE").run();
    d.prepare("INSERT INTO Setting (key, value) VALUES ('other-process', 'x') ON CONFLICT(key) DO UPDATE SET value = 'y'").run();
    process.stdout.write("locked\\n");
    setTimeout(() => { d.prepare("COMMIT").run(); d.close(); }, ${ms});
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script, databaseFile()], { stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.on("data", () => resolve());
    child.on("error", reject);
  });
}

describe("write transactions", () => {
  it("wait for another process's write lock instead of failing", async () => {
    const prisma = await db();
    await holdWriteLock(400);
    const started = Date.now();
    // The wait is asynchronous: this process keeps serving (a timer keeps ticking) meanwhile.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    let ticksBeforeLock = -1;
    await prisma.$transaction(async (tx) => {
      ticksBeforeLock = ticks;
      await tx.setting.findMany({ select: { key: true } });
      await new Promise((r) => setTimeout(r, 600));
      await tx.setting.create({ data: { key: `after-wait-${started}`, value: "ok" } });
    });
    expect(await prisma.setting.count({ where: { key: { in: [`after-wait-${started}`, "other-process"] } } })).toBe(2);
    clearInterval(timer);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(ticksBeforeLock).toBeGreaterThanOrEqual(3); // ~400 ms of waiting at 20 ms a tick (fewer on a busy machine); 0 if the wait blocked
  });

  it("a single write outside a transaction also waits without stopping this process", async () => {
    const prisma = await db();
    await holdWriteLock(400);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const started = Date.now();
    await prisma.setting.create({ data: { key: `bare-write-${started}`, value: "ok" } });
    const ticksAtWrite = ticks;
    clearInterval(timer);
    expect(await prisma.setting.count({ where: { key: `bare-write-${started}` } })).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(ticksAtWrite).toBeGreaterThanOrEqual(3); // 0 if the write had waited synchronously
  });

  it("single writes and a transaction that all waited for another process's lock all go through, whichever begins first", async () => {
    const prisma = await db();
    await holdWriteLock(300);
    const started = Date.now();
    // Bare writes waiting beside a transaction: when the transaction begins first, a bare write
    // that retries while it is open runs inside it (as every query on the connection then does).
    const results = await Promise.allSettled([
      prisma.setting.create({ data: { key: `bare-a-${started}`, value: "ok" } }),
      prisma.$transaction(async (tx) => {
        await tx.setting.create({ data: { key: `tx-${started}`, value: "ok" } });
        await new Promise((r) => setTimeout(r, 50));
      }),
      prisma.setting.create({ data: { key: `bare-b-${started}`, value: "ok" } }),
      prisma.setting.updateMany({ where: { key: "other-process" }, data: { value: "after" } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    expect(await prisma.setting.count({ where: { key: { in: [`bare-a-${started}`, `tx-${started}`, `bare-b-${started}`] } } })).toBe(3);
    expect((await prisma.setting.findUnique({ where: { key: "other-process" } }))?.value).toBe("after");
  });
});
