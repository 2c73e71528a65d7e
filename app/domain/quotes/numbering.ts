import { calendarDaysBetween } from "~/domain/privacy/dates";

/**
 * Document numbers and the quote life cycle.
 *
 * Belgian invoices need one unbroken, chronological sequence (Royal Decree no. 1 on VAT, art. 5);
 * a sequence per calendar year with the year in the number is the accepted way to restart it.
 * Numbers are padded to four digits and simply grow past 9999, so none is ever reused or cut.
 */

export type DocumentNumber = { year: number; seq: number };

function assertNumberParts(year: number, seq: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`invalid year ${year}`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`invalid sequence number ${seq}`);
}

const pad = (seq: number) => String(seq).padStart(4, "0");

export function formatQuoteNumber(year: number, seq: number): string {
  assertNumberParts(year, seq);
  return `Q${year}-${pad(seq)}`;
}

export function formatInvoiceNumber(year: number, seq: number): string {
  assertNumberParts(year, seq);
  return `${year}/${pad(seq)}`;
}

export function formatCreditNoteNumber(year: number, seq: number): string {
  assertNumberParts(year, seq);
  return `CN${year}/${pad(seq)}`;
}

// Exactly four padded digits, or five and more without a leading zero: only canonical numbers parse,
// so "2026/00001" is not silently taken for "2026/0001".
const SEQ = "(\\d{4}|[1-9]\\d{4,})";
const QUOTE_NUMBER = new RegExp(`^Q(\\d{4})-${SEQ}$`);
const INVOICE_NUMBER = new RegExp(`^(\\d{4})/${SEQ}$`);
const CREDIT_NOTE_NUMBER = new RegExp(`^CN(\\d{4})/${SEQ}$`);

/** Parsing is for searches and imports: a string that is not such a number is simply not one (null). */
function parseWith(pattern: RegExp, raw: string): DocumentNumber | null {
  const match = pattern.exec(raw.trim().toUpperCase());
  if (!match) return null;
  const year = Number(match[1]);
  const seq = Number(match[2]);
  if (year < 1000 || seq < 1 || !Number.isSafeInteger(seq)) return null;
  return { year, seq };
}

export const parseQuoteNumber = (raw: string) => parseWith(QUOTE_NUMBER, raw);
export const parseInvoiceNumber = (raw: string) => parseWith(INVOICE_NUMBER, raw);
export const parseCreditNoteNumber = (raw: string) => parseWith(CREDIT_NOTE_NUMBER, raw);

export const QUOTE_STATUSES = ["draft", "sent", "accepted", "declined", "expired"] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export const QUOTE_EVENTS = ["send", "accept", "decline"] as const;
export type QuoteEvent = (typeof QUOTE_EVENTS)[number];

export type QuoteTransition =
  | { ok: true; status: QuoteStatus }
  | { ok: false; reason: "QUOTE_NOT_DRAFT" | "QUOTE_NOT_SENT" | "QUOTE_EXPIRED" | "QUOTE_VALIDITY_PAST" };

/** validUntil is inclusive: a quote valid until 31 March can still be accepted on 31 March. */
function isPastValidity(today: Date, validUntil: Date): boolean {
  return calendarDaysBetween(validUntil, today) > 0;
}

/**
 * The status as it stands on `today`. Only a sent quote expires: the validity date is a promise
 * made to the customer, and a draft has promised nothing yet (sending it checks the date instead).
 */
export function quoteStatusOn(status: QuoteStatus, today: Date, validUntil: Date): QuoteStatus {
  return status === "sent" && isPastValidity(today, validUntil) ? "expired" : status;
}

/** The status after a staff member records `event`; expiry is applied first, so a late acceptance is refused. */
export function quoteStatusAfter(status: QuoteStatus, event: QuoteEvent, today: Date, validUntil: Date): QuoteTransition {
  const current = quoteStatusOn(status, today, validUntil);
  switch (event) {
    case "send":
      if (current !== "draft") return { ok: false, reason: "QUOTE_NOT_DRAFT" };
      if (isPastValidity(today, validUntil)) return { ok: false, reason: "QUOTE_VALIDITY_PAST" };
      return { ok: true, status: "sent" };
    case "accept":
    case "decline":
      if (current === "expired") return { ok: false, reason: "QUOTE_EXPIRED" };
      if (current !== "sent") return { ok: false, reason: "QUOTE_NOT_SENT" };
      return { ok: true, status: event === "accept" ? "accepted" : "declined" };
    default:
      throw new Error(`unknown quote event ${String(event satisfies never)}`);
  }
}

/** Lines, prices and validity change only while nothing has been promised to the customer. */
export function isQuoteEditable(status: QuoteStatus): boolean {
  return status === "draft";
}
