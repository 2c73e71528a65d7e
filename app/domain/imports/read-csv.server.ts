/** Streams an organiser's lead file from disk as rows, in batches, never holding the whole file. */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import iconv from "iconv-lite";
import Papa from "papaparse";
import { type CsvEncoding, SNIFF_BYTES, detectEncoding, firstNonAscii, sniffContent } from "./detect-encoding";

export type Delimiter = ";" | "," | "\t";
export type RowError = "ROW_MALFORMED";
/** `rowNumber` is the row as a spreadsheet shows it: every record counts, blank ones too; header normally row 1. */
export type RawRow = { rowNumber: number; cells: string[]; error?: RowError };
export type FileReason = "FILE_EMPTY" | "FILE_NOT_CSV" | "ENCODING_UNSUPPORTED" | "ROW_TOO_LARGE" | "ABORTED";
export type ReadCsvFailure = { ok: false; reason: FileReason; rowNumber?: number };
export type CsvFormat = { headers: string[]; delimiter: Delimiter; encoding: CsvEncoding };
/** `truncated`: more data rows followed `maxRows`; reading stopped there. */
export type ReadCsvSummary = ({ ok: true; rowCount: number; truncated: boolean } & CsvFormat) | ReadCsvFailure;
export type CsvPreview = ({ ok: true; rows: RawRow[]; truncated: boolean } & CsvFormat) | ReadCsvFailure;

export type ReadCsvOptions = {
  onRows(rows: RawRow[]): Promise<void> | void;
  batchSize?: number;
  signal?: AbortSignal;
  maxRows?: number;
};

/** Longer cells are cut to one character over this: still "too long" for every field, but small. */
export const MAX_CELL_CHARS = 10_000;
/**
 * Papaparse re-reads an unfinished record with every chunk, and an unterminated quote makes
 * the rest of the file one record; past this size we stop instead of eating memory and time.
 */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const DELIMITERS: Delimiter[] = [";", ",", "\t"];

type Newline = "\r\n" | "\n" | "\r";
type Sniffed = { ok: true; encoding: CsvEncoding; delimiter: Delimiter; newline: Newline; sepLine: boolean } | ReadCsvFailure;

async function sniffFile(filePath: string): Promise<Sniffed> {
  const file = await open(filePath, "r");
  try {
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await file.read(head, 0, SNIFF_BYTES, 0);
    const sample = head.subarray(0, bytesRead);
    if (bytesRead === 0) return { ok: false, reason: "FILE_EMPTY" };
    const kind = sniffContent(sample);
    if (kind === "utf16") return { ok: false, reason: "ENCODING_UNSUPPORTED" };
    if (kind === "binary") return { ok: false, reason: "FILE_NOT_CSV" };

    // An ASCII head says nothing about the encoding: look on to the first accented byte.
    let window = sample;
    let position = bytesRead;
    const more = new Uint8Array(SNIFF_BYTES);
    while (firstNonAscii(window) === -1 && bytesRead === SNIFF_BYTES) {
      const next = await file.read(more, 0, SNIFF_BYTES, position);
      if (next.bytesRead === 0) break;
      position += next.bytesRead;
      const chunk = more.subarray(0, next.bytesRead);
      const at = firstNonAscii(chunk);
      if (at === -1) continue;
      // Everything before is ASCII, so this byte starts a character; read a full window from it.
      const from = new Uint8Array(SNIFF_BYTES);
      const tail = await file.read(from, 0, SNIFF_BYTES, position - next.bytesRead + at);
      window = from.subarray(0, tail.bytesRead);
    }
    const encoding = window === sample ? detectEncoding(sample) : detectEncoding(window) === "utf8" ? "utf8" : "windows-1252";

    const text = iconv.decode(sample, encoding === "windows-1252" ? "windows-1252" : "utf8");
    const guess = Papa.parse<string[]>(text, { delimitersToGuess: DELIMITERS, skipEmptyLines: "greedy", preview: 20 });
    const newline = (["\r\n", "\n", "\r"] as const).find((n) => n === guess.meta.linebreak) ?? "\n";
    // Some exporters start with Excel's "sep=;" directive: it names the delimiter and is not a row.
    const declared = /^sep=(.)\r?\n/i.exec(text)?.[1];
    const delimiter = DELIMITERS.find((d) => d === (declared ?? guess.meta.delimiter)) ?? ",";
    return { ok: true, encoding, delimiter, newline, sepLine: declared !== undefined };
  } finally {
    await file.close();
  }
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === "");

/**
 * Reads the file and hands its data rows to `onRows` in batches, waiting for each batch (so a
 * database writer sets the pace). The first non-blank row is the header. A row that does not
 * parse cleanly comes with `error` instead of stopping the file.
 */
export async function readCsv(filePath: string, options: ReadCsvOptions): Promise<ReadCsvSummary> {
  const sniffed = await sniffFile(filePath);
  if (!sniffed.ok) return sniffed;
  const { encoding, delimiter, newline, sepLine } = sniffed;
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  const signal = options.signal;

  let headers: string[] | null = null;
  let recordNumber = 0;
  let rowCount = 0;
  let batch: RawRow[] = [];
  let halt: "truncated" | "aborted" | null = null;

  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await options.onRows(rows);
    if (signal?.aborted) halt = "aborted";
  };

  let skipSepLine = sepLine;
  const takeRecord = async (cells: string[], malformed: boolean) => {
    if (skipSepLine) {
      skipSepLine = false;
      return;
    }
    recordNumber++;
    if (isBlank(cells) && !malformed) return;
    if (headers === null) {
      headers = cells.map((cell) => cell.trim().slice(0, MAX_CELL_CHARS));
      // A trailing delimiter gives an extra, nameless column: not a column.
      while (headers.length > 0 && headers[headers.length - 1] === "") headers.pop();
      return;
    }
    if (rowCount >= maxRows) {
      halt = "truncated";
      return;
    }
    const extra = cells.slice(headers.length);
    const shifted = extra.some((cell) => cell.trim() !== "");
    const fitted = cells.slice(0, headers.length).map((cell) => (cell.length > MAX_CELL_CHARS ? cell.slice(0, MAX_CELL_CHARS + 1) : cell));
    while (fitted.length < headers.length) fitted.push("");
    const row: RawRow = { rowNumber: recordNumber, cells: fitted };
    // More filled cells than headers: an unquoted delimiter shifted the columns.
    if (malformed || shifted) row.error = "ROW_MALFORMED";
    batch.push(row);
    rowCount++;
    if (batch.length >= batchSize) await flush();
  };

  const finish = async (): Promise<ReadCsvSummary> => {
    if (halt !== "aborted") await flush();
    if (halt === "aborted") return { ok: false, reason: "ABORTED" };
    if (headers === null) return { ok: false, reason: "FILE_EMPTY" };
    return { ok: true, headers, delimiter, encoding, rowCount, truncated: halt === "truncated" };
  };

  /** Parses `text`; unless `final`, the unfinished last record is returned for the next chunk. */
  const parse = async (text: string, final: boolean): Promise<string> => {
    const result = new Papa.Parser({ delimiter, newline, quoteChar: '"' }).parse(text, 0, !final);
    const data = result.data as string[][];
    const errors = result.errors as { code: string; row?: number }[];
    const badRows = new Set(errors.map((error) => error.row));
    const unterminated = final && errors.some((error) => error.code === "MissingQuotes");
    let rest = final ? "" : text.substring(result.meta.cursor as number);
    for (let i = 0; i < data.length && !halt; i++) {
      const cells = data[i];
      if (unterminated && i === data.length - 1) {
        // The open quote swallowed the rest of the file: report its own line, read on after it.
        const swallowed = cells[cells.length - 1];
        const cut = swallowed.indexOf(newline);
        cells[cells.length - 1] = cut === -1 ? swallowed : swallowed.slice(0, cut);
        rest = cut === -1 ? "" : swallowed.slice(cut + newline.length);
        await takeRecord(cells, true);
      } else await takeRecord(cells, badRows.has(i));
    }
    return rest;
  };

  const decoder = iconv.getDecoder(encoding === "windows-1252" ? "windows-1252" : "utf8");
  const stream = createReadStream(filePath, { highWaterMark: CHUNK_BYTES });
  try {
    let pending = "";
    for await (const chunk of stream) {
      if (signal?.aborted) return { ok: false, reason: "ABORTED" };
      pending = await parse(pending + decoder.write(chunk as Buffer), false);
      if (halt) return await finish();
      if (pending.length > MAX_RECORD_CHARS) return { ok: false, reason: "ROW_TOO_LARGE", rowNumber: recordNumber + 1 };
    }
    pending += decoder.end() ?? "";
    while (pending !== "" && !halt) pending = await parse(pending, true);
    return await finish();
  } finally {
    stream.destroy();
  }
}

/** Headers, format and the first rows, for the mapping screen. */
export async function readCsvPreview(filePath: string, maxRows = 20): Promise<CsvPreview> {
  const rows: RawRow[] = [];
  const summary = await readCsv(filePath, { maxRows, batchSize: maxRows, onRows: (batch) => void rows.push(...batch) });
  if (!summary.ok) return summary;
  const { headers, delimiter, encoding, truncated } = summary;
  return { ok: true, headers, delimiter, encoding, rows, truncated };
}
