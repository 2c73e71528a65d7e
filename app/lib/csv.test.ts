import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvCell, csvLine, UTF8_BOM, type CsvValue } from "./csv";

describe("csvCell", () => {
  it.each<[CsvValue, ";" | ",", string]>([
    // plain values
    ["Peeters", ";", "Peeters"],
    ["Jan Peeters", ",", "Jan Peeters"],
    ["Crème brûlée", ";", "Crème brûlée"],
    ["", ";", ""],
    [null, ";", ""],
    [undefined, ",", ""],
    // quoting only what the delimiter in use requires
    ["Peeters, Jan", ",", '"Peeters, Jan"'],
    ["Peeters, Jan", ";", "Peeters, Jan"],
    ["a;b", ";", '"a;b"'],
    ["a;b", ",", "a;b"],
    ['Zeg "hallo"', ";", '"Zeg ""hallo"""'],
    ['"', ",", '""""'],
    ["line 1\nline 2", ";", '"line 1\nline 2"'],
    ["line 1\r\nline 2", ",", '"line 1\r\nline 2"'],
    ["ends with CR\r", ";", '"ends with CR\r"'],
    // formula injection: text starting with = + - @ TAB CR gets a ' inside quotes
    ['=HYPERLINK("x")', ";", '"\'=HYPERLINK(""x"")"'],
    ['=HYPERLINK("http://x.example","go")', ",", '"\'=HYPERLINK(""http://x.example"",""go"")"'],
    ["=1+1", ";", "\"'=1+1\""],
    ["+32 470 12 34 56", ";", "\"'+32 470 12 34 56\""],
    ["-1", ";", "\"'-1\""],
    ["@SUM(A1)", ",", "\"'@SUM(A1)\""],
    ["@SUM(A1:A2);x", ";", "\"'@SUM(A1:A2);x\""],
    ["\t=1+1", ";", "\"'\t=1+1\""],
    ["\r=1+1", ";", "\"'\r=1+1\""],
    ["-2+3+cmd|' /C calc'!A0", ",", "\"'-2+3+cmd|' /C calc'!A0\""],
    // not at the start: harmless, no guard
    ["a=b", ";", "a=b"],
    ["jan@example.be", ";", "jan@example.be"],
    ["2025-03-14", ";", "2025-03-14"],
    [" =1+1", ";", " =1+1"],
    ["'quoted already", ";", "'quoted already"],
    // numbers passed as numbers are not guarded
    [-1, ";", "-1"],
    [-12.5, ";", "-12.5"],
    [0, ",", "0"],
    [1234.56, ",", "1234.56"],
  ])("%j with %j → %j", (value, delimiter, expected) => {
    expect(csvCell(value, delimiter)).toBe(expected);
  });
});

describe("csvLine", () => {
  it.each<[CsvValue[], ";" | ",", string]>([
    [["a", "b", "c"], ";", "a;b;c\r\n"],
    [["a", null, 3], ",", "a,,3\r\n"],
    [[], ";", "\r\n"],
    [["Peeters, Jan", -12.5, "-12.50"], ",", "\"Peeters, Jan\",-12.5,\"'-12.50\"\r\n"],
    [["multi\nline", 'say "hi"'], ";", '"multi\nline";"say ""hi"""\r\n'],
  ])("%j with %j → %j", (cells, delimiter, expected) => {
    expect(csvLine(cells, delimiter)).toBe(expected);
  });

  it.each([";", ","] as const)("reads back cell for cell with %j as delimiter", (delimiter) => {
    const texts = ["Jan", "Peeters; Jan", "x,y", 'he said "no"', "two\r\nlines", "plain"];
    const header = csvLine(["h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8"], delimiter);
    const csv = UTF8_BOM + header + csvLine([...texts, -3, null], delimiter);
    const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter, newline: "\r\n" });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[1]).toEqual([...texts, "-3", ""]);
  });

  it("keeps the guard visible after a round trip, so the cell stays text", () => {
    const line = csvLine(['=HYPERLINK("x")', "@SUM(A1)"], ";");
    const parsed = Papa.parse<string[]>(line, { delimiter: ";" });
    expect(parsed.data[0]).toEqual(['\'=HYPERLINK("x")', "'@SUM(A1)"]);
  });
});

describe("UTF8_BOM", () => {
  it("is the byte-order mark", () => {
    expect(UTF8_BOM).toBe("\uFEFF");
    expect([...Buffer.from(UTF8_BOM, "utf8")]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
