import fs from "node:fs";
import Database from "better-sqlite3";
import { applyMigrations } from "./migrate";
import { seedBig } from "./seed-big-lib";
const variant = process.argv[2];
const n = Number(process.argv[3] ?? 100000);
const template = "/tmp/bench-template.db";
if (!fs.existsSync(template)) applyMigrations(`file:${template}`);
const file = `/tmp/bench-${variant}.db`;
for (const f of [file, file + "-wal", file + "-shm"]) fs.rmSync(f, { force: true });
fs.copyFileSync(template, file);
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = OFF");
db.pragma(`cache_size = ${variant === "smallcache" ? -2000 : -1048576}`);
db.pragma("temp_store = MEMORY");
db.pragma(`foreign_keys = ${variant === "nofk" ? "OFF" : "ON"}`);
if (variant === "noautockpt") db.pragma("wal_autocheckpoint = 0");
if (variant === "nofts") { db.exec('DROP TRIGGER "Contact_search_insert"'); }
if (variant === "nojournal") db.pragma("journal_mode = OFF");
const fts = (k: string, v: number) => db.exec(`INSERT INTO ContactSearch(ContactSearch, rank) VALUES('${k}', ${v})`);
if (variant.includes("hash")) fts("hashsize", 64 * 1024 * 1024);
if (variant.includes("nomerge")) fts("automerge", 0);
if (variant.includes("pgsz")) fts("pgsz", 4050);
const t = performance.now(); const c0 = process.cpuUsage();
const r = await seedBig(db, { contacts: n, seed: 1, chunkSize: Number(process.env.CHUNK ?? 10000), onProgress: () => {} });
const t2 = performance.now(); const cu = process.cpuUsage(c0); console.log("cpu", ((cu.user + cu.system) / 1e6).toFixed(1));
if (variant.includes("nomerge")) { const m = performance.now(); fts("automerge", 4); db.exec("INSERT INTO ContactSearch(ContactSearch, rank) VALUES('merge', 500)"); console.log("merge", ((performance.now()-m)/1000).toFixed(1)); }
if (variant === "nofts") { const m = performance.now(); db.exec(`INSERT INTO "ContactSearch" (rowid, name, email, organisation) SELECT c.id, c.firstName || ' ' || c.lastName, COALESCE(c.email, ''), COALESCE(o.name, '') FROM Contact c LEFT JOIN Organisation o ON o.id = c.organisationId`); console.log("bulk fts", ((performance.now()-m)/1000).toFixed(1)); }
if (process.env.OPT) { const m = performance.now(); db.exec("INSERT INTO ContactSearch(ContactSearch) VALUES('optimize')"); console.log("optimize", ((performance.now()-m)/1000).toFixed(1)); }
db.pragma("wal_checkpoint(TRUNCATE)");
console.log("segments", db.prepare("select count(*) c from ContactSearch_data").get());
console.log(variant, n, `seed ${(r.elapsedMs / 1000).toFixed(1)}s`, `ckpt ${((performance.now() - t2) / 1000).toFixed(1)}s`, `${Math.round(n / (r.elapsedMs / 1000))} contacts/s`);
