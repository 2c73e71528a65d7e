// `npm run bench:soak -- [--db ./data/bench.db] [--clients 10] [--seconds 60] [--requests 20000] [--rows 100000] [--think-ms 0] [--cpu-prof dir]`
// Concurrency soak: copies the benchmark database to a temp file (the original stays untouched),
// starts the production server on it (127.0.0.1), signs in --clients staff sessions that browse,
// search, open, create contacts and log interactions, while a --rows import runs through the CLI
// (scripts/import.ts, own process) and, a few seconds later, the retention sweep CLI. Reports
// requests/s, p50/p95/max and 5xx per request type, page-load p95 during the import, and the
// "SQLITE_BUSY"/"database is locked" lines in every process's output. Needs `npx remix vite:build`.
// --think-ms: each staff member pauses a random 0.5–1.5 × this long after each answer, as a person
// reading the page would; 0 (the default) sends the next request at once: a stress test, not people.
import { dbDateTime } from "~/lib/db-datetime";
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import iconv from "iconv-lite";
import { BE_PLACES, JOB_TITLES, belgianMobile, mailSafe, pick, prng, SEED_COMPANY_WORDS, SEED_FIRST_NAMES, SEED_LAST_NAMES } from "../../prisma/factories";
import { cpuProfileArgs, freePort, pacingLabel, pageClient, signInThroughForm, thinkTime } from "./http-session";
import { ms, summarize, table, verdict } from "./stats";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "./data/bench.db" },
    clients: { type: "string", default: "10" },
    seconds: { type: "string", default: "60" },
    requests: { type: "string", default: "20000" },
    rows: { type: "string", default: "100000" },
    "sweep-delay": { type: "string", default: "5" },
    "think-ms": { type: "string", default: "0" },
    // Writes a V8 CPU profile of each server process (open it in Chrome DevTools) into this folder.
    "cpu-prof": { type: "string" },
  },
});
const PAGE_P95_TARGET_MS = 100;
const CHILD_LIMIT_MS = 300_000; // the import and the sweep are killed if they outlive this
const clients = Math.min(50, Number(values.clients));
const thinkMs = Math.max(0, Number(values["think-ms"]));
const seconds = Math.min(600, Number(values.seconds));
const maxRequests = Number(values.requests);
const source = path.resolve(values.db);
const serverEntry = path.resolve("build/server/index.js");
const tsx = path.resolve("node_modules/.bin/tsx");
for (const [missing, hint] of [[source, "npm run seed:big -- --contacts 100000 --db " + values.db], [serverEntry, "npx remix vite:build"]]) {
  if (!fs.existsSync(missing)) {
    console.error(`${missing} does not exist; make it with: ${hint}`);
    process.exit(1);
  }
}

// ---- A private copy of the database (online backup: consistent even with a -wal file) ----
const work = fs.mkdtempSync(path.join(os.tmpdir(), "soak-"));
const file = path.join(work, "soak.db");
const children: ChildProcess[] = [];
const cleanup = () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  fs.rmSync(work, { recursive: true, force: true });
};
process.on("exit", cleanup);
process.on("SIGINT", () => process.exit(130));
{
  const original = new Database(source, { readonly: true, fileMustExist: true });
  await original.backup(file);
  original.close();
}

// ---- Inputs and the account (before the server opens the copy); same staff as http.ts ----
const rand = prng(11);
const database = new Database(file);
const maxId = Number(database.prepare(`SELECT max(id) FROM "Contact"`).pluck().get());
// Ids of undone imports leave gaps: the report counts the rows.
const contactCount = Number(database.prepare(`SELECT count(*) FROM "Contact"`).pluck().get());
type Sample = { id: number; firstName: string; lastName: string };
const sampleRow = database.prepare<[number], Sample>(`SELECT id, firstName, lastName FROM "Contact" WHERE id >= ? AND erasedAt IS NULL ORDER BY id LIMIT 1`);
const samples = Array.from({ length: 2_000 }, () => sampleRow.get(1 + Math.floor(rand() * maxId))).filter((s): s is Sample => s !== undefined);
const purposeId = Number(database.prepare(`SELECT id FROM "Purpose" WHERE active = 1 AND legalBasis = 'legitimate-interest' ORDER BY id LIMIT 1`).pluck().get());
const existing = database
  .prepare<[number], string>(`SELECT email FROM "Contact" WHERE email IS NOT NULL AND erasedAt IS NULL AND restricted = 0 ORDER BY random() LIMIT ?`)
  .pluck()
  .all(Math.round(Number(values.rows) * 0.2));
if (samples.length === 0 || !purposeId) {
  console.error("The database holds no contacts or no legitimate-interest purpose: run npm run seed:big first.");
  process.exit(1);
}
const email = "bench.sales@example.test";
const password = crypto.randomBytes(18).toString("base64url");
{
  const { hashPassword } = await import("~/domain/staff/password.server");
  const now = dbDateTime(new Date());
  database
    .prepare(
      `INSERT INTO "Staff" (email, name, language, role, passwordHash, createdAt, updatedAt) VALUES (?, 'Bench Sales', 'en', 'sales', ?, ?, ?)
       ON CONFLICT (email) DO UPDATE SET passwordHash = excluded.passwordHash, active = 1, mustChangePassword = 0, failedLogins = 0, lockedUntil = NULL`,
    )
    .run(email, await hashPassword(password), now, now);
}
const staffId = Number(database.prepare(`SELECT id FROM "Staff" WHERE email = ?`).pluck().get(email));
database.close();

// ---- The organiser's file: semicolons, Windows-1252, French headers; 20 % e-mails already held ----
const csv = path.join(work, "soak-leads.csv");
{
  const lines = ["Prénom;Nom;Adresse e-mail;Société;Fonction;Portable;Code postal;Ville;Pays"];
  for (let i = 0; i < Number(values.rows); i++) {
    const [first, last] = [pick(rand, SEED_FIRST_NAMES), pick(rand, SEED_LAST_NAMES)];
    const [postal, city] = pick(rand, BE_PLACES);
    const mail = i < existing.length && rand() < 0.9 ? existing[i] : `${mailSafe(first)}.${mailSafe(last)}.soak${i}@exemple.be`;
    lines.push([first, last, mail, `${pick(rand, SEED_COMPANY_WORDS)} SRL`, pick(rand, JOB_TITLES), belgianMobile(rand), postal, city, "Belgique"].join(";"));
  }
  fs.writeFileSync(csv, iconv.encode(lines.join("\r\n") + "\r\n", "windows-1252"));
}

// ---- Processes: the server, later the import and the sweep; every output kept for the lock grep ----
const outputs: Record<string, string> = { server: "", import: "", sweep: "" };
const soakStart = performance.now();
/** When something happened, for the kept output: seconds since the soak started. */
const stampNow = () => `[${((performance.now() - soakStart) / 1000).toFixed(1)} s] `;
function launch(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(tsx, args, { env: { ...process.env, DATABASE_URL: `file:${file}`, DATA_DIR: work, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  // Each line keeps when it arrived (seconds since the soak started), to place it against the run.
  const stamp = (chunk: Buffer) => (outputs[name] += chunk.toString().replace(/^(?=.)/gm, stampNow));
  child.stdout!.on("data", stamp);
  child.stderr!.on("data", stamp);
  return child;
}
const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));
function fail(message: string): never {
  console.error(`${message}\n--- server output ---\n${outputs.server.slice(-4000)}`);
  process.exit(1);
}

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const server = launch("server", [...cpuProfileArgs(values["cpu-prof"]), "scripts/start.ts"], { NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), SEED_DEMO: "0", REQUEST_LOG: "0" });
await new Promise<void>((resolve) => {
  const timer = setTimeout(() => fail("The server did not start within 120 s."), 120_000);
  const stopped = (code: number | null) => fail(`The server stopped (exit ${code}) before serving.`);
  const check = () => {
    if (!outputs.server.includes("Serving http")) return;
    clearTimeout(timer);
    server.stdout!.off("data", check);
    server.off("exit", stopped);
    resolve();
  };
  server.stdout!.on("data", check);
  server.once("exit", stopped);
});

// ---- Sessions: one per simulated staff member, through the real login form ----
async function signIn(): Promise<string> {
  const session = await signInThroughForm(origin, email, password);
  if (!session.ok) fail(session.message);
  return session.cookie;
}
const cookies: string[] = [];
for (let i = 0; i < clients; i++) cookies.push(await signIn());

type Kind = "GET /contacts" | "GET /contacts?q=" | "GET /contacts/<id>" | "POST /contacts/new" | "POST log-interaction";
const KINDS: Kind[] = ["GET /contacts", "GET /contacts?q=", "GET /contacts/<id>", "POST /contacts/new", "POST log-interaction"];
type Hit = { kind: Kind; at: number; ms: number; status: number };
const hits: Hit[] = [];
const unexpected = new Map<string, number>();

const httpClient = pageClient(origin, clients);
async function request(kind: Kind, cookie: string, url: string, form?: URLSearchParams) {
  const res = await httpClient.send(url, cookie, form);
  hits.push({ kind, at: performance.now() - res.ms, ms: res.ms, status: res.status });
  // Pages answer 200, the forms redirect (302/303); anything else is an error worth a line.
  const expected = form ? res.status >= 300 && res.status < 400 : res.status === 200;
  if (!expected) unexpected.set(`${kind} → HTTP ${res.status}`, (unexpected.get(`${kind} → HTTP ${res.status}`) ?? 0) + 1);
  return res;
}

const today = new Date().toISOString().slice(0, 10);
let serial = 0; // unique e-mails across warm-up and run
async function staffLoop(client: number, cookie: string, deadline: number, rounds = Number.POSITIVE_INFINITY) {
  const r = prng(100 + client);
  let created: number | null = null;
  for (let i = 0; i < rounds * 5 && performance.now() < deadline && hits.length < maxRequests; i++) {
    if (i > 0) await thinkTime(thinkMs, r);
    const sample = pick(r, samples);
    switch (i % 5) {
      case 0: await request("GET /contacts", cookie, "/contacts"); break;
      case 1: await request("GET /contacts?q=", cookie, `/contacts?q=${encodeURIComponent(sample.lastName.split(/[\s'-]+/)[0].slice(0, 3 + (i % 3)).toLowerCase())}`); break;
      case 2: await request("GET /contacts/<id>", cookie, `/contacts/${sample.id}`); break;
      case 3: {
        const first = pick(r, SEED_FIRST_NAMES), last = pick(r, SEED_LAST_NAMES);
        const res = await request("POST /contacts/new", cookie, "/contacts/new", new URLSearchParams({
          firstName: first, lastName: last, email: `${mailSafe(first)}.${mailSafe(last)}.soak${serial++}@example.test`, phone: "", mobile: "",
          jobTitle: pick(r, JOB_TITLES), organisationName: "", street: "", postalCode: "", city: "", country: "Belgium", language: "en",
          stage: "lead", ownerId: String(staffId), tags: "", sourceKind: "phone", sourceDetail: "", obtainedAt: today, purposeIds: String(purposeId), evidence: "", confirmDuplicate: "1",
        }));
        const id = /^\/contacts\/(\d+)$/.exec(res.location ?? "")?.[1];
        if (id) created = Number(id);
        break;
      }
      default:
        if (created !== null) {
          await request("POST log-interaction", cookie, `/contacts/${created}`, new URLSearchParams({ intent: "log-interaction", kind: "call", occurredOn: today, summary: "Soak call" }));
        }
    }
  }
}

// Warm-up: two rounds per client, not measured.
await Promise.all(cookies.map((cookie, c) => staffLoop(c, cookie, performance.now() + 30_000, 2)));
hits.length = 0;
unexpected.clear();

// ---- The timed run: staff loops; the import at +2 s, the sweep --sweep-delay s after it ----
const runStart = performance.now();
const clientCpuBefore = process.cpuUsage();
const deadline = runStart + seconds * 1000;
const importWindow = { start: Number.NaN, end: Number.NaN };
let importCode: number | null = null;
let sweepCode: number | null = null;
const background = (async () => {
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  importWindow.start = performance.now();
  outputs.import += `${stampNow()}(import CLI started)\n`;
  const importer = launch("import", ["scripts/import.ts", "--file", csv, "--fair", "Soak fair", "--organiser", "Soak Expo"], {});
  const killer = setTimeout(() => importer.kill("SIGKILL"), CHILD_LIMIT_MS);
  await new Promise((resolve) => setTimeout(resolve, Number(values["sweep-delay"]) * 1000));
  const sweep = launch("sweep", ["scripts/retention-sweep.ts"], {});
  const sweepKiller = setTimeout(() => sweep.kill("SIGKILL"), CHILD_LIMIT_MS);
  [importCode, sweepCode] = await Promise.all([
    exited(importer).then((code) => ((importWindow.end = performance.now()), code)),
    exited(sweep),
  ]);
  clearTimeout(killer);
  clearTimeout(sweepKiller);
})();
await Promise.all(cookies.map((cookie, c) => staffLoop(c, cookie, deadline)));
const runSeconds = (performance.now() - runStart) / 1000;
const staffHits = hits.length;
const clientCpu = process.cpuUsage(clientCpuBefore);
httpClient.close();
await background;
server.kill("SIGTERM");
await exited(server);

// ---- Report ----
// Lock waits that gave up: SQLite's own words, Prisma's "Operation has timed out" (a write waiting out
// the busy timeout) and the schema engine's "SocketTimeout" (the CLIs apply migrations first).
const lockPattern = /SQLITE_BUSY|database is locked|Operation has timed out|SocketTimeout/;
const lockCounts = Object.fromEntries(Object.entries(outputs).map(([name, text]) => [name, text.split("\n").filter((line) => lockPattern.test(line)).length]));
const locks = Object.values(lockCounts).reduce((a, b) => a + b, 0);
const fiveXX = hits.filter((h) => h.status >= 500).length;
const during = (h: Hit) => h.at >= importWindow.start && h.at <= (Number.isNaN(importWindow.end) ? Number.POSITIVE_INFINITY : importWindow.end);
const row = (label: string, list: Hit[], target: number | null) => {
  const s = summarize(list.map((h) => h.ms));
  const errors = list.filter((h) => h.status >= 500).length;
  return [label, String(s.n), ms(s.p50), ms(s.p95), ms(s.max), String(errors), target === null ? "" : `≤ ${target}`, verdict(s.p95, target)];
};
const pagesDuringImport = hits.filter((h) => h.kind.startsWith("GET") && during(h));
const importSeconds = ((importWindow.end - importWindow.start) / 1000).toFixed(1);
console.log(`Soak: ${clients} staff sessions (${pacingLabel(thinkMs)}), ${staffHits} requests in ${runSeconds.toFixed(1)} s = ${(staffHits / runSeconds).toFixed(1)} requests/s on a copy of ${path.relative(process.cwd(), source)} (${contactCount.toLocaleString("en")} contacts)`);
// The job's own time, without the CLI's start-up (tsx, migrations, storing the file).
const jobSeconds = /Imported batch #\d+ in ([\d.]+) s/.exec(outputs.import)?.[1];
console.log(`Import of ${Number(values.rows).toLocaleString("en")} rows via the CLI: exit ${importCode}, ${importSeconds} s${jobSeconds ? ` (the import job ${jobSeconds} s)` : ""}; retention sweep CLI: exit ${sweepCode}. ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}; this load generator used ${(((clientCpu.user + clientCpu.system) / 1e6 / runSeconds) * 100).toFixed(0)} % of a core.\n`);
if (process.env.SOAK_OUTPUT_DIR) for (const [name, text] of Object.entries(outputs)) fs.writeFileSync(path.join(process.env.SOAK_OUTPUT_DIR, `soak-${name}.log`), text);
console.log(
  table(["request (ms)", "count", "p50", "p95", "max", "5xx", "target p95", ""], [
    ...KINDS.map((kind) => row(kind, hits.filter((h) => h.kind === kind), null)),
    row("all", hits, null),
    row("page loads during import", pagesDuringImport, PAGE_P95_TARGET_MS),
  ]),
);
if (unexpected.size) console.log(`\nUnexpected answers: ${[...unexpected].map(([k, n]) => `${k} ×${n}`).join(", ")}`);
console.log(`\nSQLITE_BUSY / "database is locked" / "Operation has timed out" / SocketTimeout lines: ${locks} (server ${lockCounts.server}, import ${lockCounts.import}, sweep ${lockCounts.sweep})`);
const pageP95 = summarize(pagesDuringImport.map((h) => h.ms)).p95;
console.log(`Targets: zero SQLITE_BUSY ${locks === 0 ? "PASS" : "MISS"}; zero 5xx ${fiveXX === 0 ? "PASS" : `MISS (${fiveXX})`}; page-load p95 during import ≤ ${PAGE_P95_TARGET_MS} ms ${verdict(pageP95, PAGE_P95_TARGET_MS) || "MISS"}`);
if (importCode !== 0) console.log(`--- import output ---\n${outputs.import.slice(-2000)}`);
if (fiveXX > 0) console.log(`--- server output (errors) ---\n${outputs.server.split("\n").filter((l) => /error|busy|locked/i.test(l)).slice(0, 3).map((l) => l.slice(0, 300)).join("\n")}`);
if (sweepCode !== 0) console.log(`--- sweep output ---\n${outputs.sweep.slice(-2000)}`);
process.exit(locks === 0 && fiveXX === 0 && pageP95 <= PAGE_P95_TARGET_MS ? 0 : 1);
