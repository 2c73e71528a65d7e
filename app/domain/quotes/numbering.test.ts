import { describe, expect, it } from "vitest";
import {
  formatCreditNoteNumber,
  formatInvoiceNumber,
  formatQuoteNumber,
  isQuoteEditable,
  parseCreditNoteNumber,
  parseInvoiceNumber,
  parseQuoteNumber,
  QUOTE_STATUSES,
  quoteStatusAfter,
  quoteStatusOn,
  type QuoteEvent,
  type QuoteStatus,
} from "./numbering";

describe("document numbers", () => {
  it.each([
    [2026, 1, "Q2026-0001", "2026/0001", "CN2026/0001"],
    [2026, 42, "Q2026-0042", "2026/0042", "CN2026/0042"],
    [2027, 9999, "Q2027-9999", "2027/9999", "CN2027/9999"],
    [2026, 10000, "Q2026-10000", "2026/10000", "CN2026/10000"],
    [2026, 123456, "Q2026-123456", "2026/123456", "CN2026/123456"],
  ])("%i #%i formats as %s, %s, %s and parses back", (year, seq, quote, invoice, creditNote) => {
    expect(formatQuoteNumber(year, seq)).toBe(quote);
    expect(formatInvoiceNumber(year, seq)).toBe(invoice);
    expect(formatCreditNoteNumber(year, seq)).toBe(creditNote);
    expect(parseQuoteNumber(quote)).toEqual({ year, seq });
    expect(parseInvoiceNumber(invoice)).toEqual({ year, seq });
    expect(parseCreditNoteNumber(creditNote)).toEqual({ year, seq });
  });

  it("parses with surrounding spaces and lower case", () => {
    expect(parseQuoteNumber(" q2026-0007 ")).toEqual({ year: 2026, seq: 7 });
    expect(parseCreditNoteNumber("cn2026/0007")).toEqual({ year: 2026, seq: 7 });
  });

  it.each([
    ["", parseInvoiceNumber],
    ["2026/1", parseInvoiceNumber],
    ["2026/00001", parseInvoiceNumber],
    ["2026/0000", parseInvoiceNumber],
    ["26/0001", parseInvoiceNumber],
    ["CN2026/0001", parseInvoiceNumber],
    ["2026/0001", parseCreditNoteNumber],
    ["Q2026/0001", parseQuoteNumber],
    ["Q2026-0001x", parseQuoteNumber],
    ["2026/0001", parseQuoteNumber],
    ["Q0999-0001", parseQuoteNumber],
  ])("%j is not such a number", (raw, parse) => {
    expect(parse(raw)).toBeNull();
  });

  it.each([
    [2026, 0],
    [2026, -1],
    [2026, 1.5],
    [999, 1],
    [10000, 1],
    [2026.5, 1],
  ])("formatting year %s seq %s is a bug and throws", (year, seq) => {
    expect(() => formatInvoiceNumber(year, seq)).toThrow(RangeError);
    expect(() => formatQuoteNumber(year, seq)).toThrow(RangeError);
    expect(() => formatCreditNoteNumber(year, seq)).toThrow(RangeError);
  });
});

describe("quoteStatusOn", () => {
  const validUntil = new Date("2026-03-31T00:00:00Z");
  it.each([
    ["sent", "2026-03-31T22:00:00Z", "sent"], // the last valid day
    ["sent", "2026-04-01T00:00:00Z", "expired"],
    ["draft", "2026-05-01T00:00:00Z", "draft"], // a draft promised nothing
    ["accepted", "2026-05-01T00:00:00Z", "accepted"],
    ["declined", "2026-05-01T00:00:00Z", "declined"],
    ["expired", "2026-03-01T00:00:00Z", "expired"],
  ] as const)("%s on %s is %s", (status, today, expected) => {
    expect(quoteStatusOn(status, new Date(today), validUntil)).toBe(expected);
  });
});

describe("quoteStatusAfter", () => {
  const validUntil = new Date("2026-03-31T00:00:00Z");
  const inTime = new Date("2026-03-15T09:00:00Z");
  const late = new Date("2026-04-01T09:00:00Z");

  it.each<[QuoteStatus, QuoteEvent, Date, ReturnType<typeof quoteStatusAfter>]>([
    ["draft", "send", inTime, { ok: true, status: "sent" }],
    ["draft", "send", late, { ok: false, reason: "QUOTE_VALIDITY_PAST" }],
    ["draft", "accept", inTime, { ok: false, reason: "QUOTE_NOT_SENT" }],
    ["draft", "decline", inTime, { ok: false, reason: "QUOTE_NOT_SENT" }],
    ["sent", "accept", inTime, { ok: true, status: "accepted" }],
    ["sent", "decline", inTime, { ok: true, status: "declined" }],
    ["sent", "accept", new Date("2026-03-31T23:59:00Z"), { ok: true, status: "accepted" }],
    ["sent", "accept", late, { ok: false, reason: "QUOTE_EXPIRED" }],
    ["sent", "decline", late, { ok: false, reason: "QUOTE_EXPIRED" }],
    ["sent", "send", inTime, { ok: false, reason: "QUOTE_NOT_DRAFT" }],
    ["accepted", "decline", inTime, { ok: false, reason: "QUOTE_NOT_SENT" }],
    ["accepted", "send", inTime, { ok: false, reason: "QUOTE_NOT_DRAFT" }],
    ["declined", "accept", inTime, { ok: false, reason: "QUOTE_NOT_SENT" }],
    ["expired", "accept", inTime, { ok: false, reason: "QUOTE_EXPIRED" }],
    ["expired", "send", inTime, { ok: false, reason: "QUOTE_NOT_DRAFT" }],
  ])("%s + %s on %s", (status, event, today, expected) => {
    expect(quoteStatusAfter(status, event, today, validUntil)).toEqual(expected);
  });

  it("throws on an unknown event (a bug)", () => {
    expect(() => quoteStatusAfter("draft", "reopen" as QuoteEvent, inTime, validUntil)).toThrow();
  });
});

describe("isQuoteEditable", () => {
  it.each(QUOTE_STATUSES.map((s) => [s, s === "draft"] as const))("%s: %s", (status, editable) => {
    expect(isQuoteEditable(status)).toBe(editable);
  });
});
