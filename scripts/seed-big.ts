import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { applyMigrations } from "./migrate";
import { seedBig, type SeedProgress } from "./seed-big-lib";

// `npm run seed:big -- --contacts 1000000 [--db ./data/bench.db] [--seed 1] [--chunk 2500]`
// A benchmark database, never the production one: durability is traded for speed below.
const { values } = parseArgs({
  options: {
    contacts: { type: "string", default: "100000" },
    db: { type: "string", default: "./data/bench.db" },
    seed: { type: "string", default: "1" },
    // Contacts per transaction (≈ 11,000 rows): short enough that the app's writers wait well under their busy timeout.
    chunk: { type: "string", default: "2500" },
  },
});
const contacts = Number(values.contacts);
const chunkSize = Number(values.chunk);
if (!Number.isSafeInteger(contacts) || contacts < 1 || !Number.isSafeInteger(chunkSize) || chunkSize < 1) {
  console.error("Usage: npm run seed:big -- --contacts <n> [--db ./data/bench.db] [--seed <n>] [--chunk <n>]");
  process.exit(1);
}
const file = path.resolve(values.db);
applyMigrations(`file:${file}`);

const database = new Database(file);
// Seed only: no fsync (a crash means re-running the seed), WAL, 1 GiB page cache so the
// indexes being filled stay in memory, temporary b-trees in memory. The app sets its own PRAGMAs.
database.pragma("journal_mode = WAL");
database.pragma("synchronous = OFF");
database.pragma("cache_size = -1048576");
database.pragma("temp_store = MEMORY");
database.pragma("foreign_keys = ON");
database.pragma("busy_timeout = 10000");

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const fileSize = () => [file, `${file}-wal`].reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);

let lastPrint = 0;
function onProgress(p: SeedProgress) {
  if (p.done < p.total && p.elapsedMs - lastPrint < 2_000) return;
  lastPrint = p.elapsedMs;
  const seconds = p.elapsedMs / 1000;
  console.log(`${p.phase.padEnd(13)} ${String(p.done).padStart(9)} / ${p.total}  ${Math.round(p.rows / seconds).toLocaleString("en")} rows/s  ${seconds.toFixed(1)} s`);
}

console.log(`Seeding ${contacts.toLocaleString("en")} contacts into ${file}`);
const result = await seedBig(database, { contacts, seed: Number(values.seed) || 1, chunkSize, onProgress });
const seedMs = result.elapsedMs;
const finish = performance.now();
// Planner statistics for the new data; then fold the WAL into the file so its size is final.
database.pragma("analysis_limit = 1000");
database.exec("ANALYZE");
database.pragma("wal_checkpoint(TRUNCATE)");
database.close();
const finishMs = performance.now() - finish;

if (result.staffPassword) {
  console.log(`\nStaff added (password for all: ${result.staffPassword}):\n${result.staffCreated.map((e) => `  ${e}`).join("\n")}`);
}
const rows = result.organisations + result.contacts + result.processingRecords + result.interactions + result.tags;
console.log(`
organisations       ${result.organisations.toLocaleString("en")}
contacts            ${result.contacts.toLocaleString("en")}
processing records  ${result.processingRecords.toLocaleString("en")}
interactions        ${result.interactions.toLocaleString("en")}
contact tags        ${result.tags.toLocaleString("en")}
inserted in ${(seedMs / 1000).toFixed(1)} s (${Math.round(rows / (seedMs / 1000)).toLocaleString("en")} rows/s, ${Math.round(result.contacts / (seedMs / 1000)).toLocaleString("en")} contacts/s)
analyse + checkpoint ${(finishMs / 1000).toFixed(1)} s; total ${((seedMs + finishMs) / 1000).toFixed(1)} s
file size ${mb(fileSize())}`);
