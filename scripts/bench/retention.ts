// `npx tsx scripts/bench/retention.ts --db ./data/bench.db [--erasures 30] [--no-recompute]`: times the retention sweep
// (first run, then the idempotent second run), the review queue page, the start-page counts and
// erasures on a big benchmark database (scripts/seed-big.ts), never the production one.
// It writes a bench manager, flags, decisions and erasures into that database.
import path from "node:path";
import { parseArgs } from "node:util";
import { applyMigrations } from "../migrate";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "./data/bench.db" }, erasures: { type: "string", default: "30" }, "no-recompute": { type: "boolean", default: false },
    // Clears every retention flag first, so the first sweep flags as on a database never swept.
    "reset-flags": { type: "boolean", default: false },
  },
});
const file = path.resolve(values.db);
applyMigrations(`file:${file}`);
process.env.DATABASE_URL = `file:${file}`;
process.env.DATA_DIR ??= path.dirname(file);

const { db, rawDb, closeDb } = await import("~/lib/db.server");
const { sweepRetention } = await import("~/domain/privacy/retention-sweep.server");
const { listReviewQueue } = await import("~/domain/privacy/retention-review.server");
const { eraseContact } = await import("~/domain/privacy/erasure.server");
const { homeSummary } = await import("~/domain/privacy/home-counts.server");
const { recomputePurposeRetention } = await import("~/domain/purposes/retention-recompute.server");

const prisma = await db();
const staff = await prisma.staff.upsert({
  where: { email: "bench.manager@example.test" },
  create: { email: "bench.manager@example.test", name: "Bench Manager", role: "manager", passwordHash: "!" },
  update: {},
  select: { id: true },
});
const actor = { id: staff.id, role: "manager" as const, ip: null };
const count = (sql: string) => (rawDb().prepare(sql).get() as { n: number }).n;
console.log(`contacts ${count(`SELECT count(*) AS n FROM "Contact"`)}, processing records ${count(`SELECT count(*) AS n FROM "ProcessingRecord"`)}`);

const ms = (t0: number) => `${(performance.now() - t0).toFixed(1)} ms`;
if (values["reset-flags"]) {
  const t = performance.now();
  rawDb().exec(`DELETE FROM "RetentionFlag"; DELETE FROM "ContactRetentionFlag"`);
  rawDb().pragma("wal_checkpoint(TRUNCATE)");
  console.log(`flags reset: ${ms(t)}`);
}
for (const label of ["first sweep", "second sweep (idempotent)"]) {
  const r = await sweepRetention();
  console.log(`${label}: ${r.elapsedMs} ms, ${r.batches} batches, longest ${r.longestBatchMs} ms, lock held ${r.lockMs} ms (COMMIT ${r.commitMs}); records +${r.flaggedRecords}/-${r.clearedRecords}, contacts +${r.flaggedContacts}/-${r.clearedContacts}`);
}

let t0 = performance.now();
const page = await listReviewQueue(actor, {});
console.log(`review queue, first page: ${ms(t0)} (${page.entries.length} entries)`);
t0 = performance.now();
const second = await listReviewQueue(actor, { cursor: page.nextCursor ?? undefined });
console.log(`review queue, second page: ${ms(t0)} (${second.entries.length} entries)`);

const purposes = await prisma.purpose.findMany({ select: { id: true, code: true, retentionAnchor: true, retentionYears: true, retentionMonths: true } });
for (const p of purposes) {
  t0 = performance.now();
  const filtered = await listReviewQueue(actor, { purpose: p.id });
  console.log(`review queue filtered by ${p.code}: ${ms(t0)} (${filtered.entries.length} entries)`);
}
const owner = rawDb().prepare(`SELECT "ownerId" AS id FROM "Contact" WHERE "ownerId" IS NOT NULL LIMIT 1`).get() as { id: number } | undefined;
if (owner) {
  t0 = performance.now();
  const filtered = await listReviewQueue(actor, { owner: owner.id });
  console.log(`review queue filtered by owner: ${ms(t0)} (${filtered.entries.length} entries)`);
}

// A rule change (prospecting 3 → 2 years) and back: the batched recompute alone.
const prospecting = purposes.find((p) => p.code === "prospecting")!;
const rule = { anchor: prospecting.retentionAnchor as "lastInteraction", years: prospecting.retentionYears, months: prospecting.retentionMonths };
for (const [from, to] of values["no-recompute"] ? [] : [[rule, { ...rule, years: rule.years - 1 }], [{ ...rule, years: rule.years - 1 }, rule]]) {
  t0 = performance.now();
  const r = await recomputePurposeRetention(prospecting.id, from, to);
  console.log(`recompute prospecting ${from.years}→${to.years} years: ${ms(t0)}, ${r.moved} moved, ${r.batches} batches, longest ${r.longestBatchMs} ms`);
}

for (let i = 0; i < 2; i += 1) {
  t0 = performance.now();
  const summary = homeSummary(actor);
  console.log(`start-page counts: ${ms(t0)} ${JSON.stringify(summary)}`);
}

const maxId = count(`SELECT max(id) AS n FROM "Contact"`);
const times: number[] = [];
for (let i = 0; i < Number(values.erasures); i += 1) {
  const id = 1 + Math.floor(Math.random() * maxId);
  const start = performance.now();
  const result = await eraseContact(actor, id, { reason: "bench" });
  if (result.ok) times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]?.toFixed(1);
console.log(`erasure (${times.length} contacts): median ${pct(50)} ms, p95 ${pct(95)} ms, max ${times.at(-1)?.toFixed(1)} ms`);
await closeDb();
