import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// `npm start`: create ./data/crm.db, apply migrations, create the first admin and the demo data on
// first run, then serve http://localhost:3000. `npm run dev` does the same with Vite's dev server.
//
// In production the pages are served by WEB_CONCURRENCY server processes (default: one per core,
// ADR 024) that share the port; this first process prepares the database and runs the background
// schedules (crash recovery, the retention sweep, upload clean-up) and restarts a server process
// that dies. Everything they share lives in the database.
const dev = process.argv.includes("--dev");
process.env.NODE_ENV ??= dev ? "development" : "production";
process.env.DATABASE_URL ??= "file:./data/crm.db";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";

if (cluster.isWorker) {
  await serve();
} else {
  fs.mkdirSync(path.resolve(process.env.DATA_DIR ?? "data"), { recursive: true });
  const { applyMigrations } = await import("./migrate");
  applyMigrations(process.env.DATABASE_URL);

  // Generated secrets are written once here, before any server process could race to create them.
  const { secret } = await import("~/lib/config.server");
  for (const name of ["FLASH_SECRET", "SUPPRESSION_KEY", "TOTP_KEY"] as const) secret(name);

  const { ensureFirstAdmin } = await import("~/domain/staff/staff.server");
  const { seedDemoOnce } = await import("../prisma/seed");
  const admin = await ensureFirstAdmin(process.env.ADMIN_EMAIL);
  if (admin) {
    console.log(`\nFirst administrator created.\n  e-mail:            ${admin.email}\n  one-time password: ${admin.password}\nSign in and choose your own password (you will be asked to).\n`);
  }
  const demo = await seedDemoOnce();
  if (demo && demo.emails.length) {
    console.log(`Demo staff added (password for all: ${demo.password}):\n${demo.emails.map((e) => `  ${e}`).join("\n")}\n${demo.contacts ? `Demo contacts added: ${demo.contacts}.\n` : ""}`);
  }

  // An import a stopped process left half-done is rolled back (or completed) on its own, now and once it is stale.
  const { scheduleImportRecovery } = await import("~/domain/imports/import-recovery.server");
  // A retention recompute a stopped process left "running" is resumed from its last batch, now and once it is stale.
  const { scheduleRecomputeRecovery } = await import("~/domain/purposes/recompute-job.server");
  const recoverStoppedWork = () => {
    scheduleImportRecovery();
    scheduleRecomputeRecovery();
  };
  recoverStoppedWork();

  const processes = serverProcesses();
  if (processes === 1) await serve();
  // A server process that dies may leave an import or a recompute it was running: recovered once stale.
  else startServerProcesses(processes, recoverStoppedWork);

  (await import("~/domain/privacy/retention-schedule.server")).startRetentionSchedule();
  // Lead files whose import was never started are deleted after UPLOAD_EXPIRY_HOURS: now, then daily like the sweep.
  (await import("~/domain/imports/upload-cleanup.server")).startUploadCleanupSchedule();
}

/** WEB_CONCURRENCY server processes, else one per core; always one with Vite's dev server. */
function serverProcesses(): number {
  if (dev) return 1;
  const wanted = Number.parseInt(process.env.WEB_CONCURRENCY ?? "", 10);
  return Math.min(16, Math.max(1, Number.isFinite(wanted) ? wanted : os.availableParallelism()));
}

async function serve() {
  const { createApp } = await import("./server");
  const app = await createApp({ dev });
  const server = app.listen(port, host, () => {
    if (cluster.isPrimary) console.log(`Serving http://localhost:${port} (${dev ? "development" : "production"})`);
  });
  const shutdown = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

/** Forks the server processes, restarts one that dies, and stops them all with this process. */
function startServerProcesses(count: number, afterUnexpectedExit: () => void) {
  let listening = 0;
  // Set once every process is being stopped: the code this process exits with when the last one has.
  let exitCode: number | null = null;
  const recentRestarts: number[] = [];
  cluster.on("listening", () => {
    if (++listening === count) console.log(`Serving http://localhost:${port} (production, ${count} server processes)`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (exitCode !== null) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    const now = Date.now();
    recentRestarts.push(now);
    while (recentRestarts[0] < now - 60_000) recentRestarts.shift();
    console.error(`Server process ${worker.process.pid} stopped (${signal ?? `exit ${code}`}).`);
    afterUnexpectedExit();
    if (recentRestarts.length > 5) {
      console.error("Server processes keep stopping; giving up.");
      stopAll(1);
      return;
    }
    cluster.fork();
  });
  const stopAll = (code = 0) => {
    exitCode = code;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(code), 6_000).unref();
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(code);
  };
  process.on("SIGTERM", () => stopAll());
  process.on("SIGINT", () => stopAll());
  for (let i = 0; i < count; i++) cluster.fork();
}
