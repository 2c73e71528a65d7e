import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// `npm run db:new-migration -- <name>`: writes prisma/migrations/NNNN_<name>/migration.sql from the
// difference between the last committed schema.prisma and the working one, offline (no shadow
// database, no engine download; see docs/decisions/002-prisma-js-engine-and-migrations.md).
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <snake_case_name>");
  process.exit(2);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "crm-migration-"));
// The file must be called schema.prisma, or the CLI tries a download.
fs.writeFileSync(path.join(tmp, "schema.prisma"), execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]));
const sql = execFileSync(
  "node_modules/.bin/prisma",
  ["migrate", "diff", "--from-schema-datamodel", path.join(tmp, "schema.prisma"), "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8" },
);
const existing = fs.readdirSync("prisma/migrations").filter((d) => /^\d{4}_/.test(d)).sort();
const next = String(Number(existing.at(-1)?.slice(0, 4) ?? "0") + 1).padStart(4, "0");
const dir = path.join("prisma/migrations", `${next}_${name}`);
fs.mkdirSync(dir);
fs.writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`Wrote ${dir}/migration.sql — add hand-written SQL (triggers, FTS) below the generated part if needed.`);
