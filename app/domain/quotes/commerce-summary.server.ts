import { db, preparedStatements } from "~/lib/db.server";
import { fromDbDateTime } from "~/lib/db-datetime";
import { businessDay, isOverdue } from "./invoice-rules";
import { quoteStatusOn, type QuoteStatus } from "./numbering";

const CONTACT_SQL = {
  quotes: `SELECT id, "number", "status", "validUntil", "totalCents" FROM "Quote" WHERE "contactId" = ? ORDER BY id DESC LIMIT 20`,
  invoices: `SELECT i.id, i."kind", i."number", i."issuedOn", i."dueOn", i."paidOn", i."totalCents",
      EXISTS (SELECT 1 FROM "Invoice" c WHERE c."creditOfId" = i.id) AS "credited"
    FROM "Invoice" i WHERE i."contactId" = ? ORDER BY i.id DESC LIMIT 20`,
  trainings: `SELECT r.id, r."status", r."certificateIssuedOn", t.id AS "trainingId", t."title",
      (SELECT s."date" FROM "TrainingSession" s WHERE s."trainingId" = t.id ORDER BY s."date" LIMIT 1) AS "firstDate"
    FROM "Registration" r JOIN "Training" t ON t.id = r."trainingId" WHERE r."contactId" = ? ORDER BY r.id DESC LIMIT 20`,
};

/**
 * Quotes, invoices and trainings of one contact, for the contact page (newest first, bounded).
 * Prepared statements, not Prisma: the contact page is the one staff open most (ADR 016).
 */
export async function contactCommerce(contactId: number, today: Date = businessDay()) {
  const s = preparedStatements(CONTACT_SQL);
  const quotes = s.quotes.all(contactId) as { id: number; number: string; status: string; validUntil: string; totalCents: number }[];
  const invoices = s.invoices.all(contactId) as {
    id: number; kind: string; number: string; issuedOn: string; dueOn: string; paidOn: string | null; totalCents: number; credited: number;
  }[];
  const trainings = s.trainings.all(contactId) as {
    id: number; status: string; certificateIssuedOn: string | null; trainingId: number; title: string; firstDate: string | null;
  }[];
  return {
    quotes: quotes.map((q) => {
      const validUntil = fromDbDateTime(q.validUntil);
      return { id: q.id, number: q.number, status: quoteStatusOn(q.status as QuoteStatus, today, validUntil), validUntil, totalCents: q.totalCents };
    }),
    invoices: invoices.map(({ credited, ...i }) => {
      const row = { ...i, issuedOn: fromDbDateTime(i.issuedOn), dueOn: fromDbDateTime(i.dueOn), paidOn: fromDbDateTime(i.paidOn) };
      return { ...row, overdue: isOverdue({ ...row, credited: credited !== 0 }, today) };
    }),
    trainings: trainings.map((r) => ({ ...r, certificateIssuedOn: fromDbDateTime(r.certificateIssuedOn), firstDate: fromDbDateTime(r.firstDate) })),
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
