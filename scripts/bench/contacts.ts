// `npx tsx scripts/bench/contacts.ts --db ./data/bench.db [--runs 200] [--saves 50] [--seed 1] [--explain]`: times the
// contact list, its count, the contact page's data and a contact save in-process (domain code on the
// database, no HTTP) on a big benchmark database (scripts/seed-big.ts), never the production one.
// Inputs are drawn from the data itself (name and e-mail prefixes of random contacts, random
// owner + stage pairs, random ids). It writes a bench manager and --saves contacts (created, then
// updated, with their audit entries) into that database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { pick, prng } from "../../prisma/factories";
import { applyMigrations } from "../migrate";
import { ms, summarize, table, verdict } from "./stats";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "./data/bench.db" },
    runs: { type: "string", default: "200" },
    saves: { type: "string", default: "50" },
    seed: { type: "string", default: "1" },
    explain: { type: "boolean", default: false },
  },
});
const file = path.resolve(values.db);
if (!fs.existsSync(file)) {
  console.error(`${file} does not exist; make it with: npm run seed:big -- --contacts 1000000 --db ${values.db}`);
  process.exit(1);
}
applyMigrations(`file:${file}`);
process.env.DATABASE_URL = `file:${file}`;
process.env.DATA_DIR ??= path.dirname(file);

const { db, rawDb, closeDb } = await import("~/lib/db.server");
const { countContacts, explainContactList, listContacts, OVER_CAP_MEMORY_MS } = await import("~/domain/contacts/contact-list.server");
const { strategyFor } = await import("~/domain/contacts/contact-list-plan.server");
const { contactListQuerySchema } = await import("~/domain/contacts/contact-list.schema");
const { getContactDetail } = await import("~/domain/contacts/contact-detail.server");
const { createContact, updateContact } = await import("~/domain/contacts/contacts.server");
const { contactSchema } = await import("~/domain/contacts/contact.schema");
const { STAGES } = await import("~/domain/contacts/contact-rules");

const LIST_TARGET_MS = 10;
const SAVE_TARGET_MS = 20;
const runs = Number(values.runs);
const warmUp = Math.max(5, Math.round(runs / 10));
const rand = prng(Number(values.seed) || 1);
const raw = rawDb();
const prisma = await db();

// ---- Inputs, drawn from the data (untimed) ----
const contactCount = Number(raw.prepare(`SELECT count(*) FROM "Contact"`).pluck().get());
const maxId = Number(raw.prepare(`SELECT max(id) FROM "Contact"`).pluck().get());
type Sample = { id: number; firstName: string; lastName: string; email: string | null; ownerId: number | null; tradeFairId: number | null };
const sampleRow = raw.prepare<[number], Sample>(
  `SELECT id, firstName, lastName, email, ownerId, tradeFairId FROM "Contact" WHERE id >= ? AND erasedAt IS NULL ORDER BY id LIMIT 1`,
);
const samples: Sample[] = [];
for (let tries = 0; samples.length < 2_000 && tries < 10_000; tries++) {
  const row = sampleRow.get(1 + Math.floor(rand() * maxId));
  if (row) samples.push(row);
}
if (samples.length === 0) {
  console.error("The database holds no contacts: run npm run seed:big first.");
  process.exit(1);
}
const count = runs + warmUp;
const draw = <T>(make: (s: Sample) => T | null): T[] => {
  const out: T[] = [];
  for (let i = 0; out.length < count && i < count * 20; i++) {
    const value = make(pick(rand, samples));
    if (value !== null) out.push(value);
  }
  return out;
};
/** What someone types for a name: the first 3–6 letters of a first or last name (its first word). */
const namePrefix = (name: string) => name.split(/[\s'-]+/)[0].slice(0, 3 + Math.floor(rand() * 4)).toLowerCase();
const names = draw((s) => namePrefix(rand() < 0.5 ? s.lastName : s.firstName));
const fullNames = draw((s) => `${namePrefix(s.firstName)} ${namePrefix(s.lastName)}`);
// A pasted address, or its local part and the start of the domain ("jan.peeters.123@ex").
const emails = draw((s) => (s.email ? (rand() < 0.5 ? s.email : s.email.slice(0, s.email.indexOf("@") + 1 + Math.floor(rand() * 4))) : null));
const owners = [...new Set(samples.map((s) => s.ownerId).filter((id): id is number => id !== null))];
const ownerStages = draw(() => (owners.length ? { ownerId: String(pick(rand, owners)), stage: pick(rand, STAGES) } : null));
const myContacts = draw(() => (owners.length ? { ownerId: String(pick(rand, owners)) } : null));
const fairs = [...new Set(samples.map((s) => s.tradeFairId).filter((id): id is number => id !== null))];
const fairQueries = draw(() => (fairs.length ? { tradeFairId: String(pick(rand, fairs)), sort: "last-interaction" } : null));
const ids = draw((s) => s.id);

// ---- Cases ----
type Case = { name: string; target: number | null; inputs: unknown[]; run: (input: unknown) => unknown; result?: (out: unknown) => number };
const query = (params: Record<string, string>) => contactListQuerySchema.parse(params);
const listCase = (name: string, inputs: Record<string, string>[]): Case => ({
  name, target: LIST_TARGET_MS, inputs: inputs.map(query), run: (q) => listContacts(q as ReturnType<typeof query>),
  result: (out) => (out as { rows: unknown[] }).rows.length,
});
let countClock = Date.now();
const countCase = (name: string, inputs: Record<string, string>[]): Case => ({
  // Each call is made as if the last "10,000+" had been forgotten: database time, not the page's memory of it.
  name, target: LIST_TARGET_MS, inputs: inputs.map(query), run: (q) => countContacts(q as ReturnType<typeof query>, (countClock += OVER_CAP_MEMORY_MS + 1)),
  result: (out) => (out as { count: number }).count,
});
const cases: Case[] = [
  listCase("list: first page (name order)", [{}]),
  listCase("list: first page (newest)", [{ sort: "newest" }]),
  listCase("list: search name prefix (newest first)", names.map((q) => ({ q }))),
  listCase("list: search name prefix, by name", names.map((q) => ({ q, sort: "name" }))),
  listCase("list: search first + last name (newest first)", fullNames.map((q) => ({ q }))),
  listCase("list: search first + last name, by name", fullNames.map((q) => ({ q, sort: "name" }))),
  listCase("list: search e-mail", emails.map((q) => ({ q }))),
  listCase("list: owner + stage", ownerStages),
  listCase("list: owner only (my contacts)", myContacts),
  ...(fairQueries.length ? [listCase("list: trade fair, last interaction", fairQueries)] : []),
  countCase("count: no filter", [{}]),
  countCase("count: search name prefix", names.map((q) => ({ q }))),
  countCase("count: owner + stage", ownerStages),
];

type Measured = { name: string; target: number | null; times: number[]; results: number[] };
const measured: Measured[] = [];
async function measure(c: Case): Promise<Measured> {
  const times: number[] = [];
  const results: number[] = [];
  for (let i = 0; i < warmUp + runs; i++) {
    const input = c.inputs[i % c.inputs.length];
    const start = performance.now();
    const out = await c.run(input);
    const elapsed = performance.now() - start;
    if (i >= warmUp) {
      times.push(elapsed);
      if (c.result) results.push(c.result(out));
    }
  }
  return { name: c.name, target: c.target, times, results };
}

console.log(`Contacts benchmark (in-process, database time): ${contactCount.toLocaleString("en")} contacts in ${file}`);
console.log(`${runs} runs per case after ${warmUp} warm-up runs, inputs drawn from the data (seed ${values.seed}).`);
console.log(`${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the start.\n`);
for (const c of cases) measured.push(await measure(c));

// The contact page's data (getContactDetail), as a sales member sees it.
const bench = await prisma.staff.upsert({
  where: { email: "bench.manager@example.test" },
  create: { email: "bench.manager@example.test", name: "Bench Manager", role: "manager", passwordHash: "!" },
  update: {},
  select: { id: true },
});
const actor = { id: bench.id, role: "manager" as const, ip: null };
const salesActor = { id: owners[0] ?? bench.id, role: "sales" as const, ip: null };
measured.push(await measure({ name: "contact detail (page data)", target: null, inputs: ids, run: (id) => getContactDetail(salesActor, id as number) }));

// ---- Save: a new contact with a fresh e-mail, then an edit of it ----
const saves = Number(values.saves);
const purposeId = (await prisma.purpose.findFirst({ where: { code: "prospecting" }, select: { id: true } }))?.id
  ?? (await prisma.purpose.findFirstOrThrow({ where: { active: true }, select: { id: true } })).id;
const organisations = raw.prepare<[], string>(`SELECT name FROM "Organisation" ORDER BY random() LIMIT 200`).pluck().all();
const runTag = Date.now().toString(36);
const createTimes: number[] = [];
const updateTimes: number[] = [];
let saveFailures = 0;
for (let i = 0; i < saves + 3; i++) {
  const s = pick(rand, samples);
  const form = {
    firstName: s.firstName, lastName: s.lastName, email: `bench.save.${runTag}.${i}@example.test`,
    organisationName: organisations.length ? pick(rand, organisations) : "", jobTitle: "Buyer", stage: "lead", ownerId: "",
    sourceKind: "phone", obtainedAt: new Date().toISOString().slice(0, 10), purposeIds: [String(purposeId)], confirmDuplicate: "1",
  };
  const input = contactSchema.parse(form);
  let start = performance.now();
  const created = await createContact(actor, input);
  const createMs = performance.now() - start;
  if (!created.ok) {
    saveFailures++;
    continue;
  }
  const edited = contactSchema.parse({ ...form, jobTitle: "Purchasing manager", stage: "prospect", mobile: "+32 470 12 34 56" });
  start = performance.now();
  const updated = await updateContact(actor, created.id, edited);
  const updateMs = performance.now() - start;
  if (!updated.ok) saveFailures++;
  // The first three are warm-up (prepared statements, page cache).
  if (i >= 3) {
    createTimes.push(createMs);
    if (updated.ok) updateTimes.push(updateMs);
  }
}
measured.push({ name: "save: create contact", target: SAVE_TARGET_MS, times: createTimes, results: [] });
measured.push({ name: "save: update contact", target: SAVE_TARGET_MS, times: updateTimes, results: [] });

const rows = measured.map((m) => {
  const s = summarize(m.times);
  const median = m.results.length ? summarize(m.results).p50 : null;
  return [m.name, ms(s.p50), ms(s.p95), ms(s.max), median === null ? "" : median.toLocaleString("en"), m.target === null ? "" : `≤ ${m.target}`, verdict(s.p95, m.target)];
});
console.log(table(["case (ms)", "p50", "p95", "max", "rows (median)", "target p95", ""], rows));
console.log(`\nLoad average ${os.loadavg()[0].toFixed(1)} at the end (the machine may be shared: compare runs with a similar load).`);
if (saveFailures) console.log(`\n${saveFailures} save(s) refused (not timed).`);

// Why a case misses: its strategy and query plan for one of its inputs.
for (const [i, c] of cases.entries()) {
  const s = summarize(measured[i].times);
  if (!values.explain && s.p95 <= LIST_TARGET_MS) continue;
  if (!c.name.startsWith("list:")) continue;
  const q = c.inputs[0] as ReturnType<typeof query>;
  console.log(`\n${c.name} — ${JSON.stringify({ ...q, sort: q.sort })}, strategy ${JSON.stringify(strategyFor(q, q.sort))}`);
  for (const line of explainContactList(q)) console.log(`  ${line}`);
}
await closeDb();
