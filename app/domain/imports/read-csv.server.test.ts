import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { suggestMapping } from "./header-mapping";
import { MAX_CELL_CHARS, MAX_RECORD_CHARS, type RawRow, readCsv, readCsvPreview } from "./read-csv.server";
import { type RowOutcome, checkRow, importRowOutcome, inFileKey, tally } from "./row-outcome";

const fixture = (name: string) => path.join(process.cwd(), "test/fixtures/imports", name);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "read-csv-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function readAll(file: string, batchSize?: number) {
  const rows: RawRow[] = [];
  const summary = await readCsv(file, { batchSize, onRows: (batch) => void rows.push(...batch) });
  return { summary, rows };
}

/** The import without a database: nothing exists yet and nothing is suppressed. */
async function classify(file: string) {
  const { summary, rows } = await readAll(file);
  if (!summary.ok) throw new Error(summary.reason);
  const mapping = suggestMapping(summary.headers);
  const seen = new Set<string>();
  const outcomes = rows.map((row): RowOutcome & { rowNumber: number } => {
    const check = checkRow(row, mapping);
    const key = check.ok ? inFileKey(check.lead) : "";
    const duplicateInFile = check.ok && seen.has(key);
    seen.add(key);
    return { rowNumber: row.rowNumber, ...importRowOutcome(check, { duplicateInFile, suppressed: false, match: null }) };
  });
  return { summary, rows, outcomes, counts: tally(outcomes) };
}

const write = (name: string, content: string | Uint8Array) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
};

describe("readCsv on the fixtures", () => {
  it.each([
    ["fr-semicolon-1252.csv", ";", "windows-1252", 3, ["Prénom", "Nom", "Adresse e-mail", "Société"], [2, 3, 4]],
    ["nl-comma-bom.csv", ",", "utf8-bom", 3, ["Voornaam", "Achternaam", "E-mailadres", "Bedrijf"], [2, 3, 4]],
    ["multiline-quoted.csv", ";", "utf8", 3, ["First name", "Last name", "Email", "Company"], [2, 3, 4]],
    ["header-only.csv", ";", "utf8", 0, ["Voornaam", "Achternaam", "E-mail"], []],
    ["unterminated-quote.csv", ";", "utf8", 4, ["Voornaam", "Achternaam", "E-mail", "Opmerkingen"], [2, 3, 4, 5]],
    ["formula-cells.csv", ",", "utf8", 2, ["First name", "Last name", "Email", "Company"], [2, 3]],
    ["mixed-duplicates.csv", ";", "utf8", 7, ["Voornaam", "Naam", "E-mail", "Bedrijf"], [2, 4, 6, 7, 8, 9, 10]],
  ])("%s: delimiter %j, %s, %i rows", async (name, delimiter, encoding, rowCount, firstHeaders, rowNumbers) => {
    const { summary, rows } = await readAll(fixture(name));
    expect(summary).toMatchObject({ ok: true, delimiter, encoding, rowCount, truncated: false });
    if (summary.ok) expect(summary.headers.slice(0, firstHeaders.length)).toEqual(firstHeaders);
    expect(rows.map((row) => row.rowNumber)).toEqual(rowNumbers);
    for (const row of rows) if (summary.ok) expect(row.cells).toHaveLength(summary.headers.length);
  });

  it.each([
    ["empty.csv", "FILE_EMPTY"],
    ["binary.bin", "FILE_NOT_CSV"],
  ])("%s → %s", async (name, reason) => {
    const { summary, rows } = await readAll(fixture(name));
    expect(summary).toEqual({ ok: false, reason });
    expect(rows).toEqual([]);
  });

  it("decodes Windows-1252 accents", async () => {
    const { rows } = await readAll(fixture("fr-semicolon-1252.csv"));
    expect(rows[0].cells.slice(0, 5)).toEqual(["Élodie", "Lefèvre", "elodie.lefevre@exemple.be", "Façades & Cie", "Gérante"]);
    expect(rows[2].cells[10]).toBe("Liège");
  });

  it("keeps embedded delimiters, quotes and line breaks inside quoted fields", async () => {
    const { rows } = await readAll(fixture("multiline-quoted.csv"));
    expect(rows[0].cells[3]).toBe("Smith; Jones & Partners");
    expect(rows[0].cells[4]).toBe("Met at booth 12.\nWants a demo; call back, after May.");
    expect(rows[1].cells.slice(1, 4)).toEqual(['O"Brien', "ben@example.com", "Acme, Inc"]);
    expect(rows[1].cells[4]).toBe("Line one\nLine two\n\nLine four after a blank line");
  });

  it("reports an unterminated quote on its own row and keeps the rows after it", async () => {
    const { rows } = await readAll(fixture("unterminated-quote.csv"));
    expect(rows.map((row) => row.error ?? "ok")).toEqual(["ok", "ROW_MALFORMED", "ok", "ok"]);
    expect(rows[2].cells).toEqual(["Carine", "Jacobs", "carine@voorbeeld.be", "ok"]);
  });
});

describe("classifying the fixtures", () => {
  it.each([
    ["fr-semicolon-1252.csv", { created: 3, merged: 0, duplicate: 0, suppressed: 0, rejected: 0 }],
    ["nl-comma-bom.csv", { created: 3, merged: 0, duplicate: 0, suppressed: 0, rejected: 0 }],
    ["multiline-quoted.csv", { created: 3, merged: 0, duplicate: 0, suppressed: 0, rejected: 0 }],
    ["formula-cells.csv", { created: 2, merged: 0, duplicate: 0, suppressed: 0, rejected: 0 }],
    ["unterminated-quote.csv", { created: 3, merged: 0, duplicate: 0, suppressed: 0, rejected: 1 }],
    ["mixed-duplicates.csv", { created: 3, merged: 0, duplicate: 2, suppressed: 0, rejected: 2 }],
  ])("%s", async (name, counts) => {
    expect((await classify(fixture(name))).counts).toEqual(counts);
  });

  it("gives readable reasons per spreadsheet row", async () => {
    const { outcomes } = await classify(fixture("mixed-duplicates.csv"));
    expect(outcomes.map((o) => [o.rowNumber, o.outcome === "rejected" ? o.reason : o.outcome])).toEqual([
      [2, "created"],
      [4, "duplicate"],
      [6, "created"],
      [7, "duplicate"],
      [8, "EMAIL_INVALID"],
      [9, "NO_NAME_NO_EMAIL"],
      [10, "created"],
    ]);
    const rejected = (await classify(fixture("unterminated-quote.csv"))).outcomes.find((o) => o.outcome === "rejected");
    expect(rejected).toEqual({ rowNumber: 3, outcome: "rejected", reason: "ROW_MALFORMED" });
  });

  it("warns about dropped values and keeps formulas as text", async () => {
    const nl = await classify(fixture("nl-comma-bom.csv"));
    expect(nl.outcomes.map((o) => (o.outcome === "created" ? o.warnings : []))).toEqual([
      [],
      [],
      ["PHONE_DROPPED", "LANGUAGE_DROPPED"],
    ]);
    const formulas = await classify(fixture("formula-cells.csv"));
    expect(formulas.rows[0].cells[3]).toBe('=HYPERLINK("http://x","click")');
    expect(formulas.outcomes[1]).toMatchObject({ outcome: "created", warnings: ["PHONE_DROPPED"] });
  });
});

describe("readCsv on generated files", () => {
  it.each([
    ["a tab-delimited file", "Email\tFirst name\r\na@b.be\tAn\r\n", "\t", [["a@b.be", "An"]]],
    ["leading blank lines", "\n\nEmail;Naam\na@b.be;Claes\n", ";", [["a@b.be", "Claes"]]],
    ["a short row, padded", "Email;Naam;Stad\na@b.be\n", ";", [["a@b.be", "", ""]]],
    ["no final line break", "Email,Naam\na@b.be,Claes", ",", [["a@b.be", "Claes"]]],
    ["Excel's sep= line", "sep=;\r\nEmail;Naam, voornaam\r\na@b.be;Claes, An\r\n", ";", [["a@b.be", "Claes, An"]]],
  ])("%s", async (label, content, delimiter, cells) => {
    const { summary, rows } = await readAll(write("small.csv", content));
    expect(summary).toMatchObject({ ok: true, delimiter });
    expect(rows[0].rowNumber).toBe(label === "leading blank lines" ? 4 : 2);
    expect(rows.map((row) => row.cells)).toEqual(cells);
  });

  it("flags a row whose extra cells shifted the columns", async () => {
    const { rows } = await readAll(write("shifted.csv", "Email;Naam\na@b.be;Claes;extra\nc@d.be;Maes;\n"));
    expect(rows.map((row) => [row.cells, row.error])).toEqual([
      [["a@b.be", "Claes"], "ROW_MALFORMED"],
      [["c@d.be", "Maes"], undefined],
    ]);
  });

  it("refuses UTF-16 with its own reason", async () => {
    const { summary } = await readAll(write("utf16.csv", iconv.encode("Email;Naam\r\na@b.be;Claes\r\n", "utf16-le", { addBOM: true })));
    expect(summary).toEqual({ ok: false, reason: "ENCODING_UNSUPPORTED" });
  });

  it("looks past an ASCII first 64 KB to find Windows-1252", async () => {
    const ascii = Array.from({ length: 3000 }, (_, i) => `lead${i}@x.be;Peeters\r\n`).join("");
    expect(ascii.length).toBeGreaterThan(64 * 1024);
    const file = write("late-accent.csv", iconv.encode(`Email;Naam\r\n${ascii}zoe@x.be;Noël\r\n`, "windows-1252"));
    const { summary, rows } = await readAll(file);
    expect(summary).toMatchObject({ ok: true, encoding: "windows-1252", rowCount: 3001 });
    expect(rows.at(-1)?.cells).toEqual(["zoe@x.be", "Noël"]);
  });

  it("reads a 10 MB field without trouble and classifies it FIELD_TOO_LONG", async () => {
    const huge = "Long; text, \"quoted\" and\nbroken. ".repeat(330_000).replaceAll('"', '""');
    expect(huge.length).toBeGreaterThan(10_000_000);
    const file = write("huge-field.csv", `Voornaam;Naam;E-mail;Opmerkingen\nJan;Peeters;jan@x.be;"${huge}"\nAn;Claes;an@x.be;ok\n`);
    const { summary, rows } = await readAll(file);
    expect(summary).toMatchObject({ ok: true, rowCount: 2 });
    expect(rows[0].cells[3].length).toBe(MAX_CELL_CHARS + 1);
    expect(rows[1]).toEqual({ rowNumber: 3, cells: ["An", "Claes", "an@x.be", "ok"] });
    const mapping = suggestMapping(summary.ok ? summary.headers : []);
    expect(checkRow(rows[0], mapping)).toEqual({ ok: false, reason: "FIELD_TOO_LONG", field: "notes" });
  });

  it("stops with ROW_TOO_LARGE when an open quote swallows more than the record limit", async () => {
    const file = path.join(tmp, "swallowed.csv");
    const out = fs.createWriteStream(file);
    out.write('Email;Naam\na@b.be;"never closed\n');
    const line = "c@d.be;Maes\n".repeat(10_000);
    for (let written = 0; written <= MAX_RECORD_CHARS; written += line.length) {
      if (!out.write(line)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
    const { summary, rows } = await readAll(file);
    expect(summary).toEqual({ ok: false, reason: "ROW_TOO_LARGE", rowNumber: 2 });
    expect(rows).toEqual([]);
  });

  describe("a 100,000-row file", () => {
    const file = path.join(tmp, "big.csv");
    const rowsWanted = 100_000;
    const build = async () => {
      if (fs.existsSync(file)) return;
      const out = fs.createWriteStream(file);
      out.write("Voornaam;Naam;E-mail;Bedrijf\r\n");
      for (let i = 0; i < rowsWanted; i++) {
        // Multi-byte letters and CRLF make chunk boundaries land inside characters and line breaks.
        if (!out.write(`Élodie;Lefèvre;lead${i}@exemple.be;"Crème; brûlée ${i}"\r\n`)) await once(out, "drain");
      }
      out.end();
      await once(out, "finish");
    };

    it("streams in batches, waiting for each, with every cell intact", async () => {
      await build();
      const sizes: number[] = [];
      let bad = 0;
      let last: RawRow | undefined;
      const summary = await readCsv(file, {
        batchSize: 1000,
        onRows: async (batch) => {
          sizes.push(batch.length);
          for (const row of batch) {
            const i = row.rowNumber - 2;
            const expected = ["Élodie", "Lefèvre", `lead${i}@exemple.be`, `Crème; brûlée ${i}`];
            if (row.error || row.cells.join("|") !== expected.join("|")) bad++;
          }
          last = batch.at(-1);
          await new Promise((resolve) => setImmediate(resolve));
        },
      });
      expect(summary).toMatchObject({ ok: true, rowCount: rowsWanted, encoding: "utf8", truncated: false });
      expect(sizes).toHaveLength(100);
      expect(new Set(sizes)).toEqual(new Set([1000]));
      expect(bad).toBe(0);
      expect(last?.rowNumber).toBe(rowsWanted + 1);
    });

    it("previews the first rows only", async () => {
      await build();
      const preview = await readCsvPreview(file, 5);
      expect(preview).toMatchObject({ ok: true, delimiter: ";", truncated: true, headers: ["Voornaam", "Naam", "E-mail", "Bedrijf"] });
      expect(preview.ok && preview.rows.map((row) => row.rowNumber)).toEqual([2, 3, 4, 5, 6]);
    });

    it("stops when the signal aborts", async () => {
      await build();
      const controller = new AbortController();
      let calls = 0;
      const summary = await readCsv(file, {
        batchSize: 100,
        signal: controller.signal,
        onRows: () => {
          calls++;
          controller.abort();
        },
      });
      expect(summary).toEqual({ ok: false, reason: "ABORTED" });
      expect(calls).toBe(1);
    });
  });

  it("previews a small file whole", async () => {
    const preview = await readCsvPreview(fixture("nl-comma-bom.csv"));
    expect(preview).toMatchObject({ ok: true, truncated: false, encoding: "utf8-bom" });
    expect(preview.ok && preview.rows).toHaveLength(3);
  });
});
