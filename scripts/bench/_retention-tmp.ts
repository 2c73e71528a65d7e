import path from "node:path";
const file = path.resolve(process.argv[2]);
process.env.DATABASE_URL = `file:${file}`;
process.env.DATA_DIR = path.dirname(file);
const { rawDb, closeDb } = await import("~/lib/db.server");
const { sweepRetention } = await import("~/domain/privacy/retention-sweep.server");
console.log(rawDb().pragma("journal_mode"), rawDb().pragma("synchronous"), rawDb().pragma("cache_size"));
for (const bs of [Number(process.argv[3] ?? 5000)]) {
  const r = await sweepRetention({ batchSize: bs });
  console.log(bs, JSON.stringify(r));
}
await closeDb();
