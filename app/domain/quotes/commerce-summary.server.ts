import { db } from "~/lib/db.server";
import { businessDay, isOverdue } from "./invoice-rules";
import { quoteStatusOn, type QuoteStatus } from "./numbering";

/** Quotes, invoices and trainings of one contact, for the contact page (newest first, bounded). */
export async function contactCommerce(contactId: number) {
  const prisma = await db();
  const today = businessDay();
  const [quotes, invoices, registrations] = await Promise.all([
    prisma.quote.findMany({ where: { contactId }, orderBy: { id: "desc" }, take: 20, select: { id: true, number: true, status: true, validUntil: true, totalCents: true } }),
    prisma.invoice.findMany({
      where: { contactId }, orderBy: { id: "desc" }, take: 20,
      select: { id: true, kind: true, number: true, issuedOn: true, dueOn: true, paidOn: true, totalCents: true, creditNote: { select: { id: true } } },
    }),
    prisma.registration.findMany({
      where: { contactId }, orderBy: { id: "desc" }, take: 20,
      select: { id: true, status: true, certificateIssuedOn: true, training: { select: { id: true, title: true, sessions: { orderBy: { date: "asc" }, take: 1, select: { date: true } } } } },
    }),
  ]);
  return {
    quotes: quotes.map((q) => ({ ...q, status: quoteStatusOn(q.status as QuoteStatus, today, q.validUntil) })),
    invoices: invoices.map(({ creditNote, ...i }) => ({ ...i, overdue: isOverdue({ ...i, credited: Boolean(creditNote) }, today) })),
    trainings: registrations.map((r) => ({ id: r.id, status: r.status, certificateIssuedOn: r.certificateIssuedOn, trainingId: r.training.id, title: r.training.title, firstDate: r.training.sessions[0]?.date ?? null })),
  };
}

export type ContactCommerce = Awaited<ReturnType<typeof contactCommerce>>;

/**
 * Sums for an organisation page: quotes by outcome, amounts invoiced (credit notes subtract),
 * still unpaid and overdue, and training registrations of its contacts.
 */
export async function organisationCommerce(organisationId: number) {
  const prisma = await db();
  const today = businessDay();
  const [quotes, invoices, unpaid, overdue, registrations] = await Promise.all([
    prisma.quote.groupBy({ by: ["status"], where: { organisationId }, _count: { _all: true }, _sum: { totalCents: true } }),
    prisma.invoice.aggregate({ where: { organisationId }, _sum: { totalCents: true }, _count: { _all: true } }),
    prisma.invoice.aggregate({ where: { organisationId, kind: "invoice", paidOn: null, creditNote: { is: null } }, _sum: { totalCents: true } }),
    prisma.invoice.count({ where: { organisationId, kind: "invoice", paidOn: null, dueOn: { lt: today }, creditNote: { is: null } } }),
    prisma.registration.groupBy({ by: ["status"], where: { contact: { organisationId } }, _count: { _all: true } }),
  ]);
  const quoteCount = (status: string) => quotes.find((q) => q.status === status)?._count._all ?? 0;
  return {
    quotes: { total: quotes.reduce((n, q) => n + q._count._all, 0), open: quoteCount("draft") + quoteCount("sent"), accepted: quoteCount("accepted"), acceptedCents: quotes.find((q) => q.status === "accepted")?._sum.totalCents ?? 0 },
    invoices: { count: invoices._count._all, invoicedCents: invoices._sum.totalCents ?? 0, unpaidCents: unpaid._sum.totalCents ?? 0, overdue },
    trainings: { registrations: registrations.filter((r) => r.status !== "cancelled").reduce((n, r) => n + r._count._all, 0), attended: registrations.find((r) => r.status === "attended")?._count._all ?? 0 },
  };
}

export type OrganisationCommerce = Awaited<ReturnType<typeof organisationCommerce>>;
