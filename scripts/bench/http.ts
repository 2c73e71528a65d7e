// `npx tsx scripts/bench/http.ts --db ./data/bench.db [--clients 10] [--seconds 20] [--requests 2000] [--seed 1] [--cpu-prof dir] [--think-ms 0]`:
// starts the production server (scripts/start.ts, the ./build of `npx remix vite:build`) on 127.0.0.1
// against a big benchmark database (scripts/seed-big.ts), signs in through the real /login form and
// lets --clients concurrent clients load the contact pages until --seconds or --requests is reached.
// Reports requests/s and p50/p95/max per page (the whole response, body included) and non-2xx answers.
// By default a client sends its next request as soon as an answer is in (a closed loop: latency is
// then about clients ÷ throughput); --think-ms makes each pause 0.5–1.5 × that long, as a person would.
// Signs in as sara.sales@example.com when DEMO_PASSWORD is set (the password seed:big gave the demo
// staff); otherwise it gives bench.sales@example.test a fresh random password in that database.
import { dbDateTime } from "~/lib/db-datetime";
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { pick, prng } from "../../prisma/factories";
import { cpuProfileArgs, freePort, pacingLabel, pageClient, signInThroughForm, thinkTime } from "./http-session";
import { ms, summarize, table, verdict } from "./stats";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "./data/bench.db" },
    clients: { type: "string", default: "10" },
    seconds: { type: "string", default: "20" },
    requests: { type: "string", default: "2000" },
    seed: { type: "string", default: "1" },
    // Writes a V8 CPU profile of the server (open it in Chrome DevTools) into this folder.
    "cpu-prof": { type: "string" },
    // Only the pages whose name contains this text (e.g. "e-mail").
    only: { type: "string" },
    "think-ms": { type: "string", default: "0" },
  },
});
const PAGE_TARGET_MS = 50;
// The server starts its retention sweep 30 s after start-up (retention-schedule.server.ts): the
// timed run ends before that, so the pages are measured alone.
const SWEEP_DELAY_MS = 30_000;
const clients = Number(values.clients);
const thinkMs = Math.max(0, Number(values["think-ms"]));
const maxRequests = Number(values.requests);
const file = path.resolve(values.db);
const serverEntry = path.resolve("build/server/index.js");
for (const [missing, hint] of [[file, "npm run seed:big -- --contacts 1000000 --db " + values.db], [serverEntry, "npx remix vite:build"]]) {
  if (!fs.existsSync(missing)) {
    console.error(`${missing} does not exist; make it with: ${hint}`);
    process.exit(1);
  }
}

// ---- Inputs and the account, from the database (before the server opens it) ----
const rand = prng(Number(values.seed) || 1);
const database = new Database(file);
database.pragma("busy_timeout = 10000");
const maxId = Number(database.prepare(`SELECT max(id) FROM "Contact"`).pluck().get());
type Sample = { id: number; firstName: string; lastName: string; email: string | null; ownerId: number | null; stage: string };
const sampleRow = database.prepare<[number], Sample>(
  `SELECT id, firstName, lastName, email, ownerId, stage FROM "Contact" WHERE id >= ? AND erasedAt IS NULL ORDER BY id LIMIT 1`,
);
const samples = Array.from({ length: 2_000 }, () => sampleRow.get(1 + Math.floor(rand() * maxId))).filter((s): s is Sample => s !== undefined);
if (samples.length === 0) {
  console.error("The database holds no contacts: run npm run seed:big first.");
  process.exit(1);
}
const namePrefix = (name: string) => name.split(/[\s'-]+/)[0].slice(0, 3 + Math.floor(rand() * 4)).toLowerCase();
const stages = ["lead", "prospect", "customer", "other"];
const owners = [...new Set(samples.map((s) => s.ownerId).filter((id): id is number => id !== null))];
const allPages: { name: string; url: () => string }[] = [
  { name: "/contacts", url: () => "/contacts" },
  { name: "/contacts?q=<name prefix>", url: () => `/contacts?q=${encodeURIComponent(namePrefix(pick(rand, samples)[rand() < 0.5 ? "lastName" : "firstName"]))}` },
  {
    name: "/contacts?q=<e-mail prefix>",
    url: () => {
      const email = pick(rand, samples.filter((s) => s.email)).email!;
      return `/contacts?q=${encodeURIComponent(rand() < 0.5 ? email : email.slice(0, email.indexOf("@") + 1 + Math.floor(rand() * 4)))}`;
    },
  },
  { name: "/contacts?ownerId=..&stage=..", url: () => `/contacts?ownerId=${owners.length ? pick(rand, owners) : "unassigned"}&stage=${pick(rand, stages)}` },
  { name: "/contacts/<id>", url: () => `/contacts/${pick(rand, samples).id}` },
];

let email = "sara.sales@example.com";
let password = process.env.DEMO_PASSWORD ?? "";
const demo = database.prepare(`SELECT id FROM "Staff" WHERE email = ? AND active = 1`).get(email);
if (!password || !demo) {
  const { hashPassword } = await import("~/domain/staff/password.server");
  email = "bench.sales@example.test";
  password = crypto.randomBytes(18).toString("base64url");
  const now = dbDateTime(new Date());
  database
    .prepare(
      `INSERT INTO "Staff" (email, name, language, role, passwordHash, createdAt, updatedAt) VALUES (?, 'Bench Sales', 'en', 'sales', ?, ?, ?)
       ON CONFLICT (email) DO UPDATE SET passwordHash = excluded.passwordHash, active = 1, mustChangePassword = 0, failedLogins = 0, lockedUntil = NULL`,
    )
    .run(email, await hashPassword(password), now, now);
}
database.close();

// ---- The server ----
const pages = allPages.filter((page) => !values.only || page.name.includes(values.only));
if (pages.length === 0) {
  console.error(`No page name contains "${values.only}".`);
  process.exit(1);
}

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const server: ChildProcess = spawn(process.execPath, [...cpuProfileArgs(values["cpu-prof"]), "--import", "tsx", "scripts/start.ts"], {
  env: {
    ...process.env, NODE_ENV: "production", DATABASE_URL: `file:${file}`, DATA_DIR: process.env.DATA_DIR ?? path.dirname(file),
    HOST: "127.0.0.1", PORT: String(port), SEED_DEMO: "0", REQUEST_LOG: "0",
  },
  stdio: ["ignore", "pipe", "pipe"],
});
let serverOutput = "";
server.stdout!.on("data", (chunk: Buffer) => (serverOutput += chunk.toString()));
server.stderr!.on("data", (chunk: Buffer) => (serverOutput += chunk.toString()));
const stopServer = () => {
  if (server.exitCode === null && server.signalCode === null) server.kill("SIGTERM");
};
process.on("exit", stopServer);

function fail(message: string): never {
  console.error(`${message}\n--- server output ---\n${serverOutput.slice(-4000)}`);
  stopServer();
  process.exit(1);
}

const startedAt = await new Promise<number>((resolve) => {
  const stopped = (code: number | null) => fail(`The server stopped (exit ${code}) before serving.`);
  const timer = setTimeout(() => fail("The server did not start within 120 s."), 120_000);
  const check = () => {
    if (!serverOutput.includes("Serving http")) return;
    clearTimeout(timer);
    server.stdout!.off("data", check);
    server.off("exit", stopped);
    resolve(performance.now());
  };
  server.stdout!.on("data", check);
  server.once("exit", stopped);
});

// ---- Sign in through the login form, keep the session cookie ----
const session = await signInThroughForm(origin, email, password);
if (!session.ok) fail(session.message);
const { cookie } = session;

const httpClient = pageClient(origin, clients);
const load = (url: string) => httpClient.send(url, cookie);

// Warm-up: each page a few times from every client (first render, prepared statements, page cache),
// so that every server process (one per core, ADR 024) gets its own connections and warms up too.
await Promise.all(Array.from({ length: clients }, async () => {
  for (let i = 0; i < 3; i++) for (const page of pages) await load(page.url());
}));

// One client alone first: the time a page takes when nobody waits in front of it.
const alone = pages.map(() => [] as number[]);
for (let i = 0; i < 10; i++) for (const [p, page] of pages.entries()) alone[p].push((await load(page.url())).ms);

// ---- The timed run ----
const windowLeft = SWEEP_DELAY_MS - 2_000 - (performance.now() - startedAt);
const seconds = Math.min(Number(values.seconds), Math.floor(windowLeft / 1000));
if (seconds < Number(values.seconds)) console.log(`(run shortened to ${seconds} s: the server's retention sweep starts 30 s after start-up)`);
const stats = pages.map(() => ({ times: [] as number[], errors: 0, statuses: new Set<number>() }));
let issued = 0;
const runStart = performance.now();
const clientCpuBefore = process.cpuUsage();
const deadline = runStart + seconds * 1000;
await Promise.all(
  Array.from({ length: clients }, async (_, client) => {
    const pause = prng(1000 + client);
    for (let i = client; performance.now() < deadline && issued < maxRequests; i++) {
      if (i > client) await thinkTime(thinkMs, pause);
      issued++;
      const p = i % pages.length;
      const { status, ms: elapsed } = await load(pages[p].url());
      stats[p].times.push(elapsed);
      if (status < 200 || status >= 300) {
        stats[p].errors++;
        stats[p].statuses.add(status);
      }
    }
  }),
);
const runSeconds = (performance.now() - runStart) / 1000;
const clientCpu = process.cpuUsage(clientCpuBefore);
httpClient.close();
server.kill("SIGTERM");
await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once("exit", resolve)));

const all = stats.flatMap((s) => s.times);
const load1 = os.loadavg()[0].toFixed(1);
console.log(`HTTP benchmark: ${clients} concurrent clients, ${pacingLabel(thinkMs)}, ${all.length} requests in ${runSeconds.toFixed(1)} s = ${(all.length / runSeconds).toFixed(1)} requests/s`);
const clientShare = ((clientCpu.user + clientCpu.system) / 1000 / 1000 / runSeconds) * 100;
console.log(`(signed in as ${email}; ${os.cpus().length} cores, load average ${load1} at the end; this load generator used ${clientShare.toFixed(0)} % of a core; "alone" = p50 of 10 requests by one client)\n`);
const rows = pages.map((page, i) => {
  const s = summarize(stats[i].times);
  const errors = stats[i].errors ? `${stats[i].errors} (HTTP ${[...stats[i].statuses].join(", ")})` : "0";
  return [page.name, ms(summarize(alone[i]).p50), String(s.n), ms(s.p50), ms(s.p95), ms(s.max), errors, `≤ ${PAGE_TARGET_MS}`, verdict(s.p95, PAGE_TARGET_MS)];
});
const total = summarize(all);
const totalErrors = stats.reduce((sum, s) => sum + s.errors, 0);
rows.push(["all pages", ms(summarize(alone.flat()).p50), String(total.n), ms(total.p50), ms(total.p95), ms(total.max), String(totalErrors), `≤ ${PAGE_TARGET_MS}`, verdict(total.p95, PAGE_TARGET_MS)]);
console.log(table(["page (ms)", "alone", "requests", "p50", "p95", "max", "errors", "target p95", ""], rows));
