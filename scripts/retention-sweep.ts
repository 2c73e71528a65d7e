import { parseArgs } from "node:util";

// `npm run retention:sweep [-- --today 2027-01-31] [--batch 5000]`: flags what has outlived its
// retention for a manager's review, prints the counts. Never deletes anything.
process.env.DATABASE_URL ??= "file:./data/crm.db";
const { values } = parseArgs({ options: { today: { type: "string" }, batch: { type: "string" } } });
const today = values.today ? new Date(`${values.today}T12:00:00Z`) : undefined;
const batchSize = values.batch ? Number(values.batch) : undefined;
if ((today && Number.isNaN(today.getTime())) || (batchSize !== undefined && !(Number.isSafeInteger(batchSize) && batchSize > 0))) {
  console.error("Usage: npm run retention:sweep -- [--today YYYY-MM-DD] [--batch <ids per batch>]");
  process.exit(1);
}

const { applyMigrations } = await import("./migrate");
applyMigrations(process.env.DATABASE_URL);
const { sweepRetention } = await import("~/domain/privacy/retention-sweep.server");
const { closeDb } = await import("~/lib/db.server");
const result = await sweepRetention({ today, batchSize });
console.log(
  [
    `records flagged:    ${result.flaggedRecords}`,
    `records cleared:    ${result.clearedRecords}`,
    `contacts flagged:   ${result.flaggedContacts}`,
    `contacts cleared:   ${result.clearedContacts}`,
    `batches:            ${result.batches}`,
    `longest batch:      ${result.longestBatchMs} ms`,
    `total:              ${result.elapsedMs} ms`,
  ].join("\n"),
);
await closeDb();
