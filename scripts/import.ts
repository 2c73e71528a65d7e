import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

// npm run import -- --file leads.csv --fair "<name>" [--organiser "<name>"] [--dry-run]
//   [--as staff@example.com] [--obtained 2026-03-14] [--opt-in-wording "…"] [--chunk <rows>] [--db ./data/crm.db]
// The same code path as the batch page: upload → mapping (the organiser's saved one, else synonyms) → import.
// Exit codes: 0 imported (or dry run done), 1 the file cannot be read or imported, 2 wrong arguments, 3 import rolled back.
const USAGE = 'Usage: npm run import -- --file <leads.csv> --fair "<name>" [--organiser "<name>"] [--dry-run] [--as <staff e-mail>] [--obtained YYYY-MM-DD] [--opt-in-wording "<text>"]';
let values: ReturnType<typeof parse>["values"];
function parse() {
  return parseArgs({
    options: {
      file: { type: "string" }, fair: { type: "string" }, organiser: { type: "string" }, "dry-run": { type: "boolean", default: false },
      as: { type: "string" }, obtained: { type: "string" }, "opt-in-wording": { type: "string" }, chunk: { type: "string" }, db: { type: "string" },
    },
  });
}
try {
  values = parse().values;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const fail = (code: number, message: string): never => {
  console.error(message);
  process.exit(code);
};
if (!values.file || !values.fair) fail(2, USAGE);
const file = path.resolve(values.file!);
try {
  fs.accessSync(file, fs.constants.R_OK);
  if (!fs.statSync(file).isFile()) throw new Error("not a file");
} catch {
  fail(1, `Cannot read ${file}`);
}
if (values.db) process.env.DATABASE_URL = `file:${path.resolve(values.db)}`;
process.env.DATABASE_URL ??= "file:./data/crm.db";
const chunk = values.chunk ? Number(values.chunk) : undefined;
if (chunk !== undefined && (!Number.isSafeInteger(chunk) || chunk < 1)) fail(2, "--chunk must be a positive whole number");

const { db, closeDb } = await import("~/lib/db.server");
const { translator } = await import("~/lib/i18n/i18next.server");
const { isRole } = await import("~/domain/staff/roles");
const { createBatch, saveMapping, savedMappingFor } = await import("~/domain/imports/import-batches.server");
const { claimBatch, runClaimedBatch } = await import("~/domain/imports/import-job.server");
const { recoverImports } = await import("~/domain/imports/import-recovery.server");
const { predictFile } = await import("~/domain/imports/import-predict.server");
const { importSettings, loadBatch } = await import("~/domain/imports/import-settings.server");
const { mappingFormSchema } = await import("~/domain/imports/import.schema");
const { storeLocalFile } = await import("~/domain/imports/lead-file.server");
const { readCsvPreview } = await import("~/domain/imports/read-csv.server");
const { suggestMapping } = await import("~/domain/imports/header-mapping");
const { IMPORT_REASONS } = await import("~/domain/imports/import-reasons");

const t = await translator("en");
const reason = (code: string) => ((IMPORT_REASONS as readonly string[]).includes(code) ? t(`import.reason.${code}`, { field: "" }) : code);
const prisma = await db();
const staff = await prisma.staff.findFirst({
  where: values.as ? { email: values.as.toLowerCase(), active: true } : { role: "admin", active: true },
  orderBy: { id: "asc" },
  select: { id: true, role: true, email: true },
});
if (!staff || !isRole(staff.role)) fail(2, values.as ? `No active staff member ${values.as}` : "No active administrator to import as; pass --as <e-mail>");
const actor = { id: staff!.id, role: staff!.role as "sales" | "manager" | "admin", ip: null };
const head = await readCsvPreview(file, 0);
if (!head.ok) fail(1, `${file}: ${reason(head.reason)}`);
const fair = await prisma.tradeFair.findUnique({ where: { name: values.fair! }, select: { id: true, organiser: true } });
if (!fair && !values.organiser) fail(2, `No trade fair named "${values.fair}"; pass --organiser to create it`);
const headers = head.ok ? head.headers : [];
const organiser = values.organiser ?? fair?.organiser ?? null;
const parsed = mappingFormSchema.safeParse({ mapping: suggestMapping(headers, await savedMappingFor(organiser)), optInWording: values["opt-in-wording"] ?? "" });
if (!parsed.success) fail(1, `Column mapping: ${t(parsed.error.issues[0].message, { field: "" })}${parsed.error.issues[0].path[0] === "optInWording" ? " (--opt-in-wording)" : ""}`);
const mapping = parsed.success ? parsed.data : null!;
console.log(`Columns: ${headers.map((h, i) => `${h} → ${mapping.mapping[i]}`).join(", ")}`);

const printCounts = (label: string, counts: Record<string, number>, rows: number) =>
  console.log(`${label}: ${rows} rows — created ${counts.created}, merged ${counts.merged}, duplicate in file ${counts.duplicate}, suppressed ${counts.suppressed}, rejected ${counts.rejected}`);

if (values["dry-run"]) {
  const prediction = await predictFile(file, await importSettings(mapping.mapping));
  if (!prediction.ok) fail(1, `${file}: ${reason(prediction.reason)}`);
  if (prediction.ok) printCounts("Dry run (nothing written)", prediction.state.counts, prediction.state.rowsDone);
  await closeDb();
  process.exit(0);
}

const recovered = await recoverImports();
for (const r of recovered) console.log(`Recovered import batch #${r.batchId} left ${r.from} by a stopped process.`);
const created = await createBatch(actor, {
  tradeFairId: fair?.id ?? null, fairName: values.fair!, fairOrganiser: organiser, fairStartsOn: null, fairEndsOn: null, fairPlace: null,
  organiser, obtainedOn: values.obtained ?? null,
}, await storeLocalFile(file));
if (!created.ok) fail(1, `${file}: ${reason(created.reason)}`);
const batchId = created.ok ? created.id : 0;
const saved = await saveMapping(actor, batchId, mapping, { predict: false });
if (!saved?.ok) fail(1, `Batch #${batchId}: ${reason(saved && !saved.ok ? saved.reason : "FAILED")}`);
const claimed = await claimBatch(batchId);
if (!claimed.ok) fail(1, `Batch #${batchId}: ${reason(claimed.reason)}`);

// Ctrl+C asks the importer to stop; it rolls the batch back before exiting.
const cancel = () => void prisma.importBatch.updateMany({ where: { id: batchId, status: "running" }, data: { cancelRequested: true } });
process.on("SIGINT", cancel);
process.on("SIGTERM", cancel);
console.log(`Importing batch #${batchId}…`);
let lastPrint = 0;
const result = await runClaimedBatch(batchId, actor, {
  fixedChunkRows: chunk,
  onProgress: (state) => {
    if (Date.now() - lastPrint < 2000) return;
    lastPrint = Date.now();
    console.log(`  ${state.rowsDone} rows`);
  },
});
const seconds = result.elapsedMs / 1000;
if (result.status === "done") {
  printCounts(`Imported batch #${batchId} in ${seconds.toFixed(1)} s`, result.state.counts, result.state.rowsDone);
} else {
  console.error(`Batch #${batchId} ${result.status} and rolled back: ${reason(result.error ?? "FAILED")}`);
}
const batch = await loadBatch(batchId);
await closeDb();
process.exit(result.status === "done" && batch?.status === "done" ? 0 : 3);
