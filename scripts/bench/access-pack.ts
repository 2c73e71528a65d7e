// `npx tsx scripts/bench/access-pack.ts --db ./data/bench.db [--runs 50]`: times the access pack of
// random contacts on a big benchmark database (scripts/seed-big.ts), never the production one.
// It writes a bench manager, requests and audit entries into that database.
import path from "node:path";
import { parseArgs } from "node:util";
import { applyMigrations } from "../migrate";

const { values } = parseArgs({ options: { db: { type: "string", default: "./data/bench.db" }, runs: { type: "string", default: "50" } } });
const file = path.resolve(values.db);
applyMigrations(`file:${file}`);
process.env.DATABASE_URL = `file:${file}`;
process.env.DATA_DIR ??= path.dirname(file);

const { db, closeDb } = await import("~/lib/db.server");
const { buildAccessPack } = await import("~/domain/privacy/access-pack.server");
const { linkDsrContact, registerDsr, verifyDsrIdentity } = await import("~/domain/privacy/dsr.server");

const prisma = await db();
const contacts = await prisma.contact.count();
const maxId = (await prisma.contact.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
const staff = await prisma.staff.upsert({
  where: { email: "bench.manager@example.test" },
  create: { email: "bench.manager@example.test", name: "Bench Manager", role: "manager", passwordHash: "!" },
  update: {},
  select: { id: true },
});
const actor = { id: staff.id, role: "manager" as const, ip: null };
const times: number[] = [];
for (let i = 0; i < Number(values.runs); i += 1) {
  const contactId = 1 + Math.floor(Math.random() * maxId);
  const { id } = await registerDsr(actor, { type: "access", requesterName: "Bench", requesterEmail: null, receivedOn: new Date().toISOString().slice(0, 10) });
  if (!(await linkDsrContact(actor, id, contactId)).ok) continue;
  await verifyDsrIdentity(actor, id, { method: "in-person", note: null });
  const start = performance.now();
  const pack = await buildAccessPack(actor, id, "en");
  times.push(performance.now() - start);
  if (!pack.ok) throw new Error(pack.reason);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)].toFixed(1);
process.stdout.write(`${contacts} contacts, ${times.length} packs: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms\n`);
await closeDb();
