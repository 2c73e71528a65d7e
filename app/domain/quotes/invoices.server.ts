import { recordAudit } from "~/domain/audit/audit.server";
import type { Actor } from "~/domain/staff/roles";
import { isLanguage } from "~/lib/i18n/i18n";
import { db } from "~/lib/db.server";
import { forbidden } from "~/lib/permissions.server";
import { getCompanyDetails } from "./company.server";
import { addDays, businessDay, customerSnapshot, paidOnRefusal } from "./invoice-rules";
import { formatCreditNoteNumber, formatInvoiceNumber } from "./numbering";
import { openProcessingRecord, QUOTES_PURPOSE } from "./processing-record.server";
import { canInvoice } from "./quote-permissions";
import { fromStoredLine } from "./quote-lines";
import { Refusal, refusable, takeNumber } from "./sequence.server";
import { computeTotals, negateTotals, type Totals } from "./totals";

export type InvoiceRefusal =
  | "NOT_FOUND" | "QUOTE_NOT_ACCEPTED" | "QUOTE_ALREADY_INVOICED" | "QUOTE_EMPTY" | "CONTACT_ERASED" | "CONTACT_RESTRICTED"
  | "NOT_AN_INVOICE" | "ALREADY_CREDITED" | "ALREADY_PAID" | "PAID_BEFORE_ISSUE" | "PAID_IN_FUTURE";
export type InvoiceResult = { ok: true; id: number; number: string } | { ok: false; reason: InvoiceRefusal };

/** A printed line: what was quoted plus its computed amounts. */
export type InvoiceLine = { description: string; quantity: number; unitPriceCents: number; vatRate: number; discountPercent: number; netCents: number; vatCents: number; totalCents: number };

function snapshotLines(lines: ReturnType<typeof fromStoredLine>[], totals: Totals): InvoiceLine[] {
  return lines.map((l, i) => ({
    description: l.description, quantity: l.quantity, unitPriceCents: l.unitPriceCents, vatRate: l.vatRate, discountPercent: l.discountPercent ?? 0,
    ...totals.lines[i],
  }));
}

const refuse = (reason: InvoiceRefusal): never => {
  throw new Refusal(reason);
};

/**
 * Issues the invoice of an accepted quote (managers and admins). The number is taken from the
 * invoice sequence of the current year in the same transaction as the insert, so two issues never
 * share a number and a refused or failed one leaves no gap. The issue day is today: a chosen past
 * date could break the chronological order Belgian law requires of the numbers.
 */
export async function issueInvoice(actor: Actor, quoteId: number, options: { paymentTermsDays: number; fallbackLanguage: string }): Promise<InvoiceResult> {
  if (!canInvoice(actor)) forbidden();
  const prisma = await db();
  return refusable<InvoiceResult, InvoiceRefusal>(() =>
    prisma.$transaction(async (tx) => {
      const issuedOn = businessDay();
      const year = issuedOn.getUTCFullYear();
      const seq = await takeNumber(tx, "invoice", year); // first: see takeNumber
      const quote = await tx.quote.findUnique({
        where: { id: quoteId },
        select: {
          id: true, number: true, status: true, contactId: true, organisationId: true,
          contact: { select: { firstName: true, lastName: true, street: true, postalCode: true, city: true, country: true, language: true, restricted: true, erasedAt: true } },
          organisation: { select: { name: true, vatNumber: true, street: true, postalCode: true, city: true, country: true } },
          lines: { orderBy: { position: "asc" }, select: { description: true, quantityMilli: true, unitPriceCents: true, vatRate: true, discountBasisPoints: true } },
          invoices: { where: { kind: "invoice" }, select: { id: true } },
        },
      });
      if (!quote) return refuse("NOT_FOUND");
      if (quote.status !== "accepted") refuse("QUOTE_NOT_ACCEPTED");
      if (quote.invoices.length > 0) refuse("QUOTE_ALREADY_INVOICED");
      if (quote.lines.length === 0) refuse("QUOTE_EMPTY");
      if (quote.contact?.erasedAt) refuse("CONTACT_ERASED");
      if (quote.contact?.restricted) refuse("CONTACT_RESTRICTED");
      const company = await getCompanyDetails(tx);
      const { isPlaceholder: _placeholder, ...seller } = company;
      const lines = quote.lines.map(fromStoredLine);
      const totals = computeTotals(lines);
      const number = formatInvoiceNumber(year, seq);
      const invoice = await tx.invoice.create({
        data: {
          kind: "invoice", number, year, seq, quoteId, contactId: quote.contactId, organisationId: quote.organisationId,
          language: quote.contact?.language && isLanguage(quote.contact.language) ? quote.contact.language : isLanguage(options.fallbackLanguage) ? options.fallbackLanguage : "nl",
          issuedOn, dueOn: addDays(issuedOn, options.paymentTermsDays), paymentTermsDays: options.paymentTermsDays,
          ...customerSnapshot(quote.contact, quote.organisation),
          seller: JSON.stringify(seller), lines: JSON.stringify(snapshotLines(lines, totals)), byRate: JSON.stringify(totals.byRate),
          netCents: totals.netCents, vatCents: totals.vatCents, totalCents: totals.totalCents, issuedById: actor.id,
        },
        select: { id: true },
      });
      // Accounting law now keeps the record: 10 years from the end of this year, basis legal obligation.
      if (quote.contactId) await openProcessingRecord(tx, quote.contactId, QUOTES_PURPOSE, { evidence: `invoice ${number}`, laterBasis: true });
      await recordAudit(tx, { actor, action: "invoice.issued", recordType: "invoice", recordId: invoice.id, summary: { number, quoteId, totalCents: totals.totalCents } });
      return { ok: true as const, id: invoice.id, number };
    }),
  );
}

/** Cancels an issued invoice in full with a credit note from its own sequence (CN<year>/<seq>). */
export async function issueCreditNote(actor: Actor, invoiceId: number): Promise<InvoiceResult> {
  if (!canInvoice(actor)) forbidden();
  const prisma = await db();
  return refusable<InvoiceResult, InvoiceRefusal>(() =>
    prisma.$transaction(async (tx) => {
      const issuedOn = businessDay();
      const year = issuedOn.getUTCFullYear();
      const seq = await takeNumber(tx, "credit-note", year); // first: see takeNumber
      const invoice = await tx.invoice.findUnique({
        where: { id: invoiceId },
        select: {
          kind: true, number: true, contactId: true, organisationId: true, language: true, customerName: true, customerCompany: true,
          customerVat: true, customerAddress: true, lines: true, byRate: true, netCents: true, vatCents: true, totalCents: true,
          creditNote: { select: { id: true } },
        },
      });
      if (!invoice) return refuse("NOT_FOUND");
      if (invoice.kind !== "invoice") refuse("NOT_AN_INVOICE");
      if (invoice.creditNote) refuse("ALREADY_CREDITED");
      const { isPlaceholder: _placeholder, ...seller } = await getCompanyDetails(tx);
      const lines = JSON.parse(invoice.lines) as InvoiceLine[];
      const negated = negateTotals({ lines, byRate: JSON.parse(invoice.byRate) as Totals["byRate"], netCents: invoice.netCents, vatCents: invoice.vatCents, totalCents: invoice.totalCents });
      const number = formatCreditNoteNumber(year, seq);
      const note = await tx.invoice.create({
        data: {
          kind: "credit-note", number, year, seq, creditOfId: invoiceId, contactId: invoice.contactId, organisationId: invoice.organisationId,
          language: invoice.language, issuedOn, dueOn: issuedOn, paymentTermsDays: 0,
          // The credit note names the customer exactly as the invoice it cancels did.
          customerName: invoice.customerName, customerCompany: invoice.customerCompany, customerVat: invoice.customerVat, customerAddress: invoice.customerAddress,
          seller: JSON.stringify(seller),
          lines: JSON.stringify(lines.map((l, i) => ({ ...l, ...negated.lines[i] }))),
          byRate: JSON.stringify(negated.byRate),
          netCents: negated.netCents, vatCents: negated.vatCents, totalCents: negated.totalCents, issuedById: actor.id,
        },
        select: { id: true },
      });
      if (invoice.contactId) await openProcessingRecord(tx, invoice.contactId, QUOTES_PURPOSE, { evidence: `credit note ${number}`, laterBasis: true });
      await recordAudit(tx, { actor, action: "credit-note.issued", recordType: "invoice", recordId: note.id, summary: { number, creditOf: invoiceId } });
      return { ok: true as const, id: note.id, number };
    }),
  );
}

/** Records the payment day of an invoice (managers and admins); the only change an issued invoice takes. */
export async function markInvoicePaid(actor: Actor, invoiceId: number, paidOn: Date): Promise<InvoiceResult> {
  if (!canInvoice(actor)) forbidden();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const invoice = await tx.invoice.findUnique({ where: { id: invoiceId }, select: { kind: true, number: true, issuedOn: true, paidOn: true } });
    if (!invoice) return { ok: false as const, reason: "NOT_FOUND" as const };
    if (invoice.kind !== "invoice") return { ok: false as const, reason: "NOT_AN_INVOICE" as const };
    if (invoice.paidOn) return { ok: false as const, reason: "ALREADY_PAID" as const };
    const refusal = paidOnRefusal(paidOn, invoice.issuedOn, businessDay());
    if (refusal) return { ok: false as const, reason: refusal };
    await tx.invoice.update({ where: { id: invoiceId }, data: { paidOn } });
    await recordAudit(tx, { actor, action: "invoice.paid", recordType: "invoice", recordId: invoiceId, summary: { number: invoice.number, paidOn: paidOn.toISOString().slice(0, 10) } });
    return { ok: true as const, id: invoiceId, number: invoice.number };
  });
}
