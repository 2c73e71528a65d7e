import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import iconv from "iconv-lite";
import { applyMigrations } from "../migrate";
import { BE_PLACES, BE_STREETS, belgianMobile, JOB_TITLES, mailSafe, pick, prng, SEED_COMPANY_WORDS, SEED_FIRST_NAMES, SEED_LAST_NAMES } from "../../prisma/factories";

// npm run bench:import -- [--db ./data/bench.db] [--rows 100000] [--keep] [--write-file leads.csv]
// On a database made by `npm run seed:big`: generates an organiser's file (semicolons, Windows-1252,
// French headers; 20 % e-mails already held, 5 % duplicates in the file, 1 % suppressed, 1 % invalid),
// imports it through the same code as the app and the CLI, and reports time, rows/s, peak RSS, the
// longest write lock, and the ratio to a raw better-sqlite3 insert of the same rows. Then it undoes
// the batch (unless --keep) and removes its own suppression entries, so the database is as before.
const { values } = parseArgs({
  options: {
    db: { type: "string", default: "./data/bench.db" }, rows: { type: "string", default: "100000" }, keep: { type: "boolean", default: false }, seed: { type: "string", default: "7" },
    // Only writes the organiser's file to this path and stops (to time the CLI on it: `npm run import -- --file <path> …`).
    "write-file": { type: "string" },
  },
});
const rowCount = Number(values.rows);
const dbFile = path.resolve(values.db!);
if (!fs.existsSync(dbFile)) {
  console.error(`${dbFile} does not exist; make it with: npm run seed:big -- --contacts 1000000 --db ${values.db}`);
  process.exit(1);
}
applyMigrations(`file:${dbFile}`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "import-bench-"));
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.DATA_DIR = work;
process.env.SUPPRESSION_KEY ??= "import-bench-suppression-key";

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

const { db, rawDb, closeDb } = await import("~/lib/db.server");
const { suppressionHash } = await import("~/domain/privacy/suppression.server");
const { createBatch, saveMapping, mappingFor, undoBatch } = await import("~/domain/imports/import-batches.server");
const { claimBatch, runClaimedBatch } = await import("~/domain/imports/import-job.server");
const { loadBatch } = await import("~/domain/imports/import-settings.server");
const { storeLocalFile } = await import("~/domain/imports/lead-file.server");
const { readCsv } = await import("~/domain/imports/read-csv.server");
const { sqlDate } = await import("~/lib/write-lock.server");
const { checkpointStats } = await import("~/lib/wal-checkpointer.server");
const { searchCompactionSettled } = await import("~/domain/contacts/contact-search-upkeep.server");
const { contactSortName } = await import("~/domain/contacts/contact-rules");

const prisma = await db();
const raw = rawDb();
const contacts = Number(raw.prepare(`SELECT COUNT(*) FROM "Contact"`).pluck().get());
const staff = await prisma.staff.findFirst({ where: { active: true, role: { in: ["manager", "admin"] } }, orderBy: { id: "asc" }, select: { id: true, role: true } });
if (!staff || contacts === 0) {
  console.error("The database has no contacts or no manager: run npm run seed:big first.");
  process.exit(1);
}
const actor = { id: staff.id, role: staff.role as "manager" | "admin", ip: null };
console.log(`Database: ${dbFile} — ${contacts.toLocaleString("en")} contacts`);

// ---- The organiser's file ----
const rand = prng(Number(values.seed));
const existing = raw
  .prepare<[number], string>(`SELECT email FROM "Contact" WHERE email IS NOT NULL AND erasedAt IS NULL AND restricted = 0 ORDER BY random() LIMIT ?`)
  .pluck()
  .all(Math.round(rowCount * 0.2));
const file = path.join(work, "salon-leads.csv");
const out = fs.openSync(file, "w");
const header = "Prénom;Nom;Adresse e-mail;Société;Fonction;Portable;Téléphone;Langue;Rue;Code postal;Ville;Pays;Accepte de recevoir nos offres;Remarques";
const suppressed: string[] = [];
const lines: string[] = [];
let buffer = header + "\r\n";
const flush = () => {
  fs.writeSync(out, iconv.encode(buffer, "windows-1252"));
  buffer = "";
};
let existingUsed = 0;
for (let i = 0; i < rowCount; i++) {
  const roll = rand();
  let line: string;
  if (roll < 0.05 && lines.length > 0) {
    // The same visitor scanned twice: same person, the address typed in another case.
    line = pick(rand, lines).replace(/;([^;@]+@[^;]+);/, (_m, email: string) => `;${email.toUpperCase()};`);
  } else {
    const first = pick(rand, SEED_FIRST_NAMES);
    const last = pick(rand, SEED_LAST_NAMES);
    const company = `${pick(rand, SEED_COMPANY_WORDS)} ${pick(rand, ["SRL", "SA", "BV", "NV"])}`;
    const [postal, city] = pick(rand, BE_PLACES);
    let email = `${mailSafe(first)}.${mailSafe(last)}.salon${i}@exemple.be`;
    if (roll < 0.25 && existingUsed < existing.length) email = existing[existingUsed++];
    else if (roll < 0.26) email = `${mailSafe(first)}.${mailSafe(last)}@@exemple`;
    else if (roll < 0.27) suppressed.push(email);
    const remark = rand() < 0.2 ? `Intéressé par la formation ${pick(rand, ["Excel", "RGPD", "gestion"])}` : "";
    line = [first, last, email, company, pick(rand, ["Gérant", "Directrice", "Acheteur", ...JOB_TITLES]), belgianMobile(rand), "", pick(rand, ["Français", "Néerlandais", "FR", "NL"]),
      `${pick(rand, BE_STREETS)} ${1 + Math.floor(rand() * 150)}`, postal, city, "Belgique", rand() < 0.4 ? "oui" : "non", remark].join(";");
    if (lines.length < 20_000) lines.push(line);
  }
  buffer += line + "\r\n";
  if (buffer.length > 1_000_000) flush();
}
flush();
fs.closeSync(out);
lines.length = 0;
console.log(`File: ${rowCount.toLocaleString("en")} rows, ${mb(fs.statSync(file).size)}, Windows-1252, semicolons`);
if (values["write-file"]) {
  fs.copyFileSync(file, path.resolve(values["write-file"]));
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`Written to ${values["write-file"]}`);
  process.exit(0);
}

const key = process.env.SUPPRESSION_KEY;
const suppressionIds = suppressed.map((email) => {
  const added = raw.prepare(`INSERT OR IGNORE INTO "SuppressionEntry" (hash, reason, createdAt) VALUES (?, 'manual', ?)`).run(suppressionHash(email, key), sqlDate(new Date()));
  return added.changes === 1 ? Number(added.lastInsertRowid) : 0;
});

// ---- The import, as the app runs it ----
global.gc?.();
const rssBefore = process.memoryUsage().rss;
peakRss = rssBefore;
const started = performance.now();
const cpuBefore = process.cpuUsage();
const upload = await storeLocalFile(file);
const created = await createBatch(actor, { tradeFairId: null, fairName: `Bench salon ${Date.now()}`, fairOrganiser: "Bench Expo", fairStartsOn: null, fairEndsOn: null, fairPlace: null, organiser: null, obtainedOn: null }, upload);
if (!created.ok) throw new Error(created.reason);
const batch = (await loadBatch(created.id))!;
const headRows = await readCsv(batch.storedFile!, { maxRows: 0, onRows: () => undefined });
if (!headRows.ok) throw new Error(headRows.reason);
const mapping = await mappingFor(batch, headRows.headers);
await saveMapping(actor, created.id, { mapping, optInWording: "J'accepte de recevoir les offres et invitations de l'exposant." }, { predict: false });
const claim = await claimBatch(created.id);
if (!claim.ok) throw new Error(claim.reason);
const checkpointsBefore = checkpointStats();
const result = await runClaimedBatch(created.id, actor);
const checkpointsAfter = checkpointStats();
const checkpoints = { count: checkpointsAfter.count - checkpointsBefore.count, totalMs: checkpointsAfter.totalMs - checkpointsBefore.totalMs, longestMs: checkpointsAfter.longestMs };
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const importPeak = peakRss;
if (result.status !== "done") throw new Error(`import ${result.status}: ${result.error}`);
// After the import the search index's new segments are merged in the background (short write transactions).
const mergeStart = performance.now();
await searchCompactionSettled();
const mergeSeconds = (performance.now() - mergeStart) / 1000;

// ---- Baseline: the same rows, raw inserts in one transaction, no checks (then rolled back) ----
type Row = string[];
const parsed: Row[] = [];
await readCsv(file, { batchSize: 5000, onRows: (rows) => void rows.forEach((r) => parsed.push(r.cells)) });
const insertRecord = raw.prepare(`INSERT INTO "ProcessingRecord" (contactId, purposeId, legalBasis, sourceKind, since, createdAt) VALUES (?, 2, 'legitimate-interest', 'trade-fair', ?, ?)`);
const insertContact = raw.prepare(
  `INSERT INTO "Contact" (id, firstName, lastName, sortName, email, mobile, jobTitle, street, postalCode, city, country, sourceKind, obtainedAt, createdAt, updatedAt)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'trade-fair', ?, ?, ?)`,
);
const now = sqlDate(new Date());
let nextId = Number(raw.prepare(`SELECT MAX(id) FROM "Contact"`).pluck().get()) + 1;
const rawStart = performance.now();
raw.exec("BEGIN IMMEDIATE");
for (const [first, last, email, , job, mobile, , , street, postal, city, country] of parsed) {
  const id = nextId++;
  insertRecord.run(id, now, now);
  insertContact.run(id, first, last, contactSortName(first, last), `raw${id}.${email}`, mobile, job, street, postal, city, country, now, now, now);
}
const rawSeconds = (performance.now() - rawStart) / 1000;
raw.exec("ROLLBACK");
parsed.length = 0;

const counts = result.state.counts;
console.log(`
Import of ${result.state.rowsDone.toLocaleString("en")} rows into ${contacts.toLocaleString("en")} contacts
  outcome          created ${counts.created}, merged ${counts.merged}, duplicate ${counts.duplicate}, suppressed ${counts.suppressed}, rejected ${counts.rejected}
  time             ${seconds.toFixed(1)} s   (target ≤ 20 s, stretch ≤ 12 s; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of it, I/O wait and other processes the rest)
  rate             ${Math.round(result.state.rowsDone / seconds).toLocaleString("en")} rows/s
  peak RSS         ${mb(importPeak)}   (target ≤ 300 MB; ${mb(rssBefore)} before the import started)
  write lock       longest ${result.lock.longestMs.toFixed(0)} ms over ${result.lock.transactions} transactions (held ${(result.lock.totalMs / 1000).toFixed(1)} s in all, of which COMMIT ${(result.lock.commitMs / 1000).toFixed(1)} s)
  phases           validation ${(result.phases.prepareMs / 1000).toFixed(1)} s, look-ups and rules ${(result.phases.decideMs / 1000).toFixed(1)} s, writes ${(result.phases.writeMs / 1000).toFixed(1)} s, COMMIT ${(result.lock.commitMs / 1000).toFixed(1)} s, consents and finish ${(result.phases.finishMs / 1000).toFixed(1)} s, between chunks ${(result.phases.betweenMs / 1000).toFixed(1)} s (the job ${(result.elapsedMs / 1000).toFixed(1)} s; before it, storing the file and the batch)
  checkpoints      ${checkpoints.count} on the checkpoint thread, ${(checkpoints.totalMs / 1000).toFixed(1)} s in all, longest ${checkpoints.longestMs.toFixed(0)} ms (beside the import, not in its way)
  search index     merged in the background in ${mergeSeconds.toFixed(1)} s after the import (short write transactions)
  raw insert       ${rawSeconds.toFixed(1)} s for the same rows in one transaction, no checks → import is ${(seconds / rawSeconds).toFixed(1)}× raw`);

if (!values.keep) {
  const undoStart = performance.now();
  const undo = await undoBatch(actor, created.id);
  if (!undo?.ok) throw new Error("undo refused");
  await undo.job;
  await searchCompactionSettled();
  // The bench's own suppression entries (the app never removes one).
  for (const id of suppressionIds) if (id) raw.prepare(`DELETE FROM "SuppressionEntry" WHERE id = ?`).run(id);
  console.log(`  undo             ${((performance.now() - undoStart) / 1000).toFixed(1)} s (batch #${created.id} undone; database back to its contacts)`);
}
clearInterval(sampler);
await closeDb();
fs.rmSync(work, { recursive: true, force: true });
