import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { detectEncoding, sniffContent } from "./detect-encoding";

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);
const cp1252 = (text: string) => new Uint8Array(iconv.encode(text, "windows-1252"));

describe("detectEncoding", () => {
  it.each([
    ["a BOM", bytes(0xef, 0xbb, 0xbf, 0x61, 0x3b), "utf8-bom"],
    ["plain ASCII", utf8("Voornaam;Naam\r\nJan;Peeters"), "utf8"],
    ["UTF-8 accents", utf8("Prénom;Société\nÉlodie;Façades"), "utf8"],
    ["an é cut in half at the end of the sample", new Uint8Array([...utf8("Prénom;Soci"), 0xc3]), "utf8"],
    ["a euro sign cut after two of its three bytes", new Uint8Array([...utf8("Prix "), 0xe2, 0x82]), "utf8"],
    ["Windows-1252 accents", cp1252("Prénom;Société\r\nÉlodie;Façades"), "windows-1252"],
    ["a lone 1252 byte at the very end", cp1252("Gemeente;Liège").slice(0, -1), "windows-1252"],
    ["a continuation byte without a lead byte", bytes(0x61, 0x80, 0x62), "windows-1252"],
    ["an overlong encoding", bytes(0xc0, 0xaf), "windows-1252"],
    ["an empty sample", bytes(), "utf8"],
  ])("%s → %s", (_label, sample, expected) => {
    expect(detectEncoding(sample)).toBe(expected);
  });
});

describe("sniffContent", () => {
  it.each([
    ["CSV text", utf8("a;b\r\n1;2\t3\n"), "text"],
    ["a NUL byte", bytes(0x61, 0x00, 0x62), "binary"],
    ["a zip (xlsx) header", bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00), "binary"],
    ["many control bytes", bytes(...Array.from({ length: 40 }, (_, i) => (i % 2 ? 0x01 : 0x61))), "binary"],
    ["UTF-16 little-endian", bytes(0xff, 0xfe, 0x61, 0x00), "utf16"],
    ["UTF-16 big-endian", bytes(0xfe, 0xff, 0x00, 0x61), "utf16"],
  ])("%s → %s", (_label, sample, expected) => {
    expect(sniffContent(sample)).toBe(expected);
  });
});
