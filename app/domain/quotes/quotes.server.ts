import { recordAudit } from "~/domain/audit/audit.server";
import type { EditDenied } from "~/domain/contacts/contact-rules";
import type { Actor } from "~/domain/staff/roles";
import { db, type Tx } from "~/lib/db.server";
import { getCompanyDetails } from "./company.server";
import { addDays, businessDay, dayFromIso } from "./invoice-rules";
import { formatQuoteNumber, isQuoteEditable, quoteStatusAfter, quoteStatusOn, type QuoteEvent, type QuoteStatus } from "./numbering";
import { openProcessingRecord, QUOTES_PURPOSE } from "./processing-record.server";
import { canDecideQuote, quoteEditDenied } from "./quote-permissions";
import { fromStoredLine, toStoredLine, type StoredLine } from "./quote-lines";
import type { QuoteInput } from "./quote.schema";
import { Refusal, refusable, takeNumber } from "./sequence.server";
import { computeTotals } from "./totals";

export type QuoteRefusal =
  | EditDenied
  | "NOT_FOUND" | "CONTACT_NOT_FOUND" | "ORGANISATION_NOT_FOUND" | "NOT_CREATOR"
  | "QUOTE_NOT_DRAFT" | "QUOTE_NOT_SENT" | "QUOTE_EXPIRED" | "QUOTE_VALIDITY_PAST";
export type QuoteResult = { ok: true; id: number } | { ok: false; reason: QuoteRefusal };

const contactSelect = { id: true, ownerId: true, restricted: true, erasedAt: true, organisationId: true } as const;

/** The contact and organisation a quote is for, checked for existence and the actor's right to quote them. */
async function checkCustomer(tx: Tx, actor: Actor, input: { contactId: number | null; organisationId: number | null }) {
  const contact = input.contactId ? await tx.contact.findUnique({ where: { id: input.contactId }, select: contactSelect }) : null;
  if (input.contactId && !contact) throw new Refusal<QuoteRefusal>("CONTACT_NOT_FOUND");
  const denied = quoteEditDenied(actor, contact);
  if (denied) throw new Refusal<QuoteRefusal>(denied);
  // A quote to a person at a company is addressed to both, unless staff chose otherwise.
  const organisationId = input.organisationId ?? contact?.organisationId ?? null;
  if (organisationId && !(await tx.organisation.findUnique({ where: { id: organisationId }, select: { id: true } }))) {
    throw new Refusal<QuoteRefusal>("ORGANISATION_NOT_FOUND");
  }
  return { contactId: contact?.id ?? null, organisationId };
}

function totalsOf(lines: StoredLine[]) {
  const { netCents, vatCents, totalCents } = computeTotals(lines.map(fromStoredLine));
  return { netCents, vatCents, totalCents };
}

type Numbered = { today: Date; year: number; seq: number };

/** The quote's number, taken first thing in the transaction (see takeNumber). */
async function takeQuoteNumber(tx: Tx): Promise<Numbered> {
  const today = businessDay();
  const year = today.getUTCFullYear();
  return { today, year, seq: await takeNumber(tx, "quote", year) };
}

async function insertQuote(
  tx: Tx, actor: Actor, { today, year, seq }: Numbered,
  data: { contactId: number | null; organisationId: number | null; validUntil: Date; notes: string | null; lines: StoredLine[]; duplicatedFromId?: number },
) {
  const { lines, ...rest } = data;
  const quote = await tx.quote.create({
    data: {
      ...rest, number: formatQuoteNumber(year, seq), year, seq, quoteDate: today, createdById: actor.id, ...totalsOf(lines),
      lines: { create: lines.map((l, position) => ({ ...l, position })) },
    },
    select: { id: true, number: true },
  });
  // DOMAIN.md: a quote is processing for "quotes and invoices" (contract; legal obligation once invoiced).
  const record = data.contactId ? await openProcessingRecord(tx, data.contactId, QUOTES_PURPOSE, { evidence: `quote ${quote.number}` }) : null;
  return { ...quote, record };
}

export async function createQuote(actor: Actor, input: QuoteInput): Promise<QuoteResult> {
  const prisma = await db();
  return refusable<QuoteResult, QuoteRefusal>(() =>
    prisma.$transaction(async (tx) => {
      // Nothing is read before the number is taken (see takeNumber); a refusal below rolls it back.
      const numbered = await takeQuoteNumber(tx);
      const customer = await checkCustomer(tx, actor, input);
      const quote = await insertQuote(tx, actor, numbered, { ...customer, validUntil: dayFromIso(input.validUntil), notes: input.notes, lines: input.lines.map(toStoredLine) });
      await recordAudit(tx, { actor, action: "quote.created", recordType: "quote", recordId: quote.id, summary: { number: quote.number, contactId: customer.contactId, organisationId: customer.organisationId, lines: input.lines.length, processingRecord: quote.record } });
      return { ok: true as const, id: quote.id };
    }),
  );
}

const quoteSelect = { id: true, status: true, validUntil: true, createdById: true, contactId: true, notes: true, contact: { select: contactSelect } } as const;

export async function updateQuote(actor: Actor, id: number, input: QuoteInput): Promise<QuoteResult> {
  const prisma = await db();
  return refusable<QuoteResult, QuoteRefusal>(() =>
    prisma.$transaction(async (tx) => {
      const before = await tx.quote.findUnique({ where: { id }, select: { ...quoteSelect, organisationId: true } });
      if (!before) throw new Refusal<QuoteRefusal>("NOT_FOUND");
      const denied = quoteEditDenied(actor, before.contact);
      if (denied) throw new Refusal<QuoteRefusal>(denied);
      if (!isQuoteEditable(before.status as QuoteStatus)) throw new Refusal<QuoteRefusal>("QUOTE_NOT_DRAFT");
      const customer = await checkCustomer(tx, actor, input);
      const lines = input.lines.map(toStoredLine);
      await tx.quoteLine.deleteMany({ where: { quoteId: id } });
      await tx.quote.update({
        where: { id },
        data: { ...customer, validUntil: dayFromIso(input.validUntil), notes: input.notes, ...totalsOf(lines), lines: { create: lines.map((l, position) => ({ ...l, position })) } },
      });
      const record = customer.contactId && customer.contactId !== before.contactId
        ? await openProcessingRecord(tx, customer.contactId, QUOTES_PURPOSE, { evidence: `quote ${id}` })
        : undefined;
      const fields = [
        customer.contactId !== before.contactId && "contactId", customer.organisationId !== before.organisationId && "organisationId",
        before.validUntil.getTime() !== dayFromIso(input.validUntil).getTime() && "validUntil", before.notes !== input.notes && "notes", "lines",
      ].filter(Boolean);
      await recordAudit(tx, { actor, action: "quote.updated", recordType: "quote", recordId: id, summary: { fields, lines: lines.length, processingRecord: record } });
      return { ok: true as const, id };
    }),
  );
}

/**
 * Send, accept or decline. Sending is for whoever may edit the contact; the customer's answer is
 * recorded by the quote's author or a manager. A sent quote past its validity is stored as expired
 * on the way (and the late answer refused).
 */
export async function changeQuoteStatus(actor: Actor, id: number, event: QuoteEvent): Promise<QuoteResult> {
  const prisma = await db();
  const today = businessDay();
  return prisma.$transaction(async (tx) => {
    const quote = await tx.quote.findUnique({ where: { id }, select: quoteSelect });
    if (!quote) return { ok: false as const, reason: "NOT_FOUND" as const };
    if (event === "send") {
      const denied = quoteEditDenied(actor, quote.contact);
      if (denied) return { ok: false as const, reason: denied };
    } else if (!canDecideQuote(actor, quote.createdById)) {
      return { ok: false as const, reason: "NOT_CREATOR" as const };
    }
    const status = quote.status as QuoteStatus;
    const next = quoteStatusAfter(status, event, today, quote.validUntil);
    if (!next.ok) {
      if (quoteStatusOn(status, today, quote.validUntil) === "expired" && status !== "expired") await expire(tx, id);
      return next;
    }
    const now = new Date();
    await tx.quote.update({ where: { id }, data: event === "send" ? { status: next.status, sentAt: now } : { status: next.status, decidedAt: now, decidedById: actor.id } });
    await recordAudit(tx, { actor, action: `quote.${next.status}`, recordType: "quote", recordId: id, summary: { from: status, to: next.status } });
    return { ok: true as const, id };
  });
}

async function expire(tx: Tx, id: number) {
  await tx.quote.update({ where: { id }, data: { status: "expired" } });
  await recordAudit(tx, { actor: null, action: "quote.expired", recordType: "quote", recordId: id, summary: { from: "sent", to: "expired", by: "validity" } });
}

/**
 * Sent quotes past their validity become expired. The status is always computed on read
 * (quoteStatusOn); this stores it, lazily, when quote lists are opened, so filters and sums agree.
 */
export async function expireSentQuotes(now: Date = new Date()): Promise<number> {
  const prisma = await db();
  const today = businessDay(now);
  return prisma.$transaction(async (tx) => {
    const due = await tx.quote.findMany({ where: { status: "sent", validUntil: { lt: today } }, select: { id: true }, take: 500 });
    for (const q of due) await expire(tx, q.id);
    return due.length;
  });
}

/** A new draft with the same customer and lines, a new number and a fresh validity period. */
export async function duplicateQuote(actor: Actor, id: number): Promise<QuoteResult> {
  const prisma = await db();
  return refusable<QuoteResult, QuoteRefusal>(() =>
    prisma.$transaction(async (tx) => {
      const numbered = await takeQuoteNumber(tx);
      const source = await tx.quote.findUnique({
        where: { id },
        select: {
          contactId: true, organisationId: true, notes: true, contact: { select: contactSelect },
          lines: { orderBy: { position: "asc" }, select: { description: true, quantityMilli: true, unitPriceCents: true, vatRate: true, discountBasisPoints: true } },
        },
      });
      if (!source) throw new Refusal<QuoteRefusal>("NOT_FOUND");
      const denied = quoteEditDenied(actor, source.contact);
      if (denied) throw new Refusal<QuoteRefusal>(denied);
      const { quoteValidityDays } = await getCompanyDetails(tx);
      const copy = await insertQuote(tx, actor, numbered, {
        contactId: source.contactId, organisationId: source.organisationId, notes: source.notes, lines: source.lines,
        validUntil: addDays(businessDay(), quoteValidityDays), duplicatedFromId: id,
      });
      await recordAudit(tx, { actor, action: "quote.duplicated", recordType: "quote", recordId: copy.id, summary: { number: copy.number, from: id } });
      return { ok: true as const, id: copy.id };
    }),
  );
}
