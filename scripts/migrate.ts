import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Applies the SQL migrations in prisma/migrations to DATABASE_URL with `prisma migrate deploy` (offline, no engine download). */
export function applyMigrations(databaseUrl: string): void {
  const file = path.resolve(databaseUrl.replace(/^file:/, ""));
  fs.mkdirSync(path.dirname(file), { recursive: true });
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
