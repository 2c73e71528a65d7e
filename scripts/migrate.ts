import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";

/**
 * True when some migration folder is not recorded as applied. Command-line tools (import, sweep)
 * start while the server is writing: running the schema engine then only to find nothing to do
 * failed with a socket timeout, so an up-to-date database is not touched.
 */
function hasPendingMigrations(file: string): boolean {
  if (!fs.existsSync(file)) return true;
  try {
    const database = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const table = database.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
      if (!table) return true;
      const rows = database.prepare(`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as { name: string }[];
      const applied = new Set(rows.map((r) => r.name));
      const dir = path.resolve("prisma/migrations");
      return fs.readdirSync(dir).some((name) => fs.statSync(path.join(dir, name)).isDirectory() && !applied.has(name));
    } finally {
      database.close();
    }
  } catch {
    return true;
  }
}

/** Applies the SQL migrations in prisma/migrations to DATABASE_URL with `prisma migrate deploy` (offline, no engine download). */
export function applyMigrations(databaseUrl: string): void {
  const file = path.resolve(databaseUrl.replace(/^file:/, ""));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!hasPendingMigrations(file)) return;
  const prisma = path.resolve("node_modules/.bin/prisma");
  const result = spawnSync(prisma, ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error("Database migrations failed");
  }
}
