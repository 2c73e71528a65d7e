import fs from "node:fs";
import path from "node:path";

// `npm start`: create ./data/crm.db, apply migrations, create the first admin and the demo data on
// first run, then serve http://localhost:3000. `npm run dev` does the same with Vite's dev server.
const dev = process.argv.includes("--dev");
process.env.NODE_ENV ??= dev ? "development" : "production";
process.env.DATABASE_URL ??= "file:./data/crm.db";
fs.mkdirSync(path.resolve(process.env.DATA_DIR ?? "data"), { recursive: true });

const { applyMigrations } = await import("./migrate");
applyMigrations(process.env.DATABASE_URL);

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
(await import("~/domain/imports/import-recovery.server")).scheduleImportRecovery();
// A retention recompute a stopped process left "running" is resumed from its last batch, now and once it is stale.
(await import("~/domain/purposes/recompute-job.server")).scheduleRecomputeRecovery();

const { createApp } = await import("./server");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const app = await createApp({ dev });
const server = app.listen(port, host, () => {
  console.log(`Serving http://localhost:${port} (${dev ? "development" : "production"})`);
});

(await import("~/domain/privacy/retention-schedule.server")).startRetentionSchedule();
// Lead files whose import was never started are deleted after UPLOAD_EXPIRY_HOURS: now, then daily like the sweep.
(await import("~/domain/imports/upload-cleanup.server")).startUploadCleanupSchedule();

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
