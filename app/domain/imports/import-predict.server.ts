/**
 * The dry run: the import's own classification over the file, reading the database and writing
 * nothing. Gives the preview's first rows and the predicted totals for the whole file.
 */
import { rawDb } from "~/lib/db.server";
import { type Decision, type ImportSettings, type RunState, classifyChunk, countDecisions, newRunState } from "./import-classify.server";
import { type StoredReason } from "./import-reasons";
import { MAX_IMPORT_ROWS } from "./import-settings.server";
import { type CsvFormat, type ReadCsvFailure, readCsv } from "./read-csv.server";
import type { FieldConflict } from "./row-outcome";
import { yieldToOthers } from "~/lib/write-lock.server";

export type Prediction = ({ ok: true; truncated: boolean; state: RunState } & CsvFormat) | ReadCsvFailure;

/** Classifies every row; stops reading past MAX_IMPORT_ROWS (`truncated`: the file is too long to import). */
export async function predictFile(file: string, settings: ImportSettings, maxRows = MAX_IMPORT_ROWS): Promise<Prediction> {
  const state = newRunState();
  const summary = await readCsv(file, {
    batchSize: 1000,
    maxRows,
    onRows: async (rows) => {
      countDecisions(state, classifyChunk(rawDb(), rows, settings, state));
      await yieldToOthers();
    },
  });
  if (!summary.ok) return summary;
  const { headers, delimiter, encoding, truncated } = summary;
  return { ok: true, headers, delimiter, encoding, truncated, state };
}

/** One preview line: the row as it will be imported, its outcome and reasons. */
export type PreviewRow = {
  rowNumber: number;
  outcome: Decision["kind"];
  values: Partial<Record<string, string>>;
  reasons: StoredReason[];
  conflicts: FieldConflict[];
  contactId: number | null;
};

export async function previewRows(file: string, settings: ImportSettings, count = 20): Promise<PreviewRow[]> {
  const decisions: Decision[] = [];
  const state = newRunState();
  await readCsv(file, { batchSize: count, maxRows: count, onRows: (rows) => void decisions.push(...classifyChunk(rawDb(), rows, settings, state)) });
  return decisions.map((d) => {
    const base = { rowNumber: d.row.rowNumber, outcome: d.kind, conflicts: [] as FieldConflict[], contactId: null as number | null };
    switch (d.kind) {
      case "created":
        return { ...base, values: leadValues(d.lead), reasons: d.notes };
      case "merged":
        return { ...base, values: leadValues(d.lead), reasons: d.notes, conflicts: d.conflicts, contactId: d.match.id };
      case "duplicate":
        return { ...base, values: rawValues(d.row.cells, settings), reasons: [{ code: "DUPLICATE_IN_FILE" }], contactId: d.contactId };
      case "suppressed":
        // Nothing of a suppressed person is shown, not even in the preview.
        return { ...base, values: {}, reasons: [{ code: "SUPPRESSED" }] };
      case "rejected":
        return { ...base, values: rawValues(d.row.cells, settings), reasons: [d.reason] };
    }
  });
}

/** The cells as the file has them, by field (to show what is wrong with a rejected row). */
function rawValues(cells: string[], settings: ImportSettings): Partial<Record<string, string>> {
  const values: Partial<Record<string, string>> = {};
  settings.mapping.forEach((target, index) => {
    const cell = (cells[index] ?? "").trim();
    if (target !== "ignore" && cell !== "") values[target] = cell.length > 200 ? `${cell.slice(0, 200)}…` : cell;
  });
  return values;
}

function leadValues(lead: Record<string, unknown>): Partial<Record<string, string>> {
  const values: Partial<Record<string, string>> = {};
  for (const [key, value] of Object.entries(lead)) if (typeof value === "string") values[key] = value;
  if (lead.optIn !== undefined) values.optIn = lead.optIn ? "yes" : "no";
  return values;
}
