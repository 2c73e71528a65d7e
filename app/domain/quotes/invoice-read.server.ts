import { db, type Prisma } from "~/lib/db.server";
import type { CompanyDetails } from "./company.schema";
import { businessDay, isOverdue } from "./invoice-rules";
import type { InvoiceLine } from "./invoices.server";
import type { RateTotals } from "./totals";

export const INVOICE_PAGE_SIZE = 50;

export async function getInvoice(id: number) {
  const prisma = await db();
  const invoice = await prisma.invoice.findUnique({
    where: { id },
    select: {
      id: true, kind: true, number: true, language: true, issuedOn: true, dueOn: true, paymentTermsDays: true, paidOn: true,
      customerName: true, customerCompany: true, customerVat: true, customerAddress: true, seller: true, lines: true, byRate: true,
      netCents: true, vatCents: true, totalCents: true, createdAt: true,
      quote: { select: { id: true, number: true } },
      creditOf: { select: { id: true, number: true } },
      creditNote: { select: { id: true, number: true } },
      contact: { select: { id: true, firstName: true, lastName: true, erasedAt: true } },
      organisation: { select: { id: true, name: true } },
    },
  });
  if (!invoice) return null;
  const { seller, lines, byRate, ...rest } = invoice;
  return {
    ...rest,
    seller: JSON.parse(seller) as Omit<CompanyDetails, "paymentTermsDays" | "quoteValidityDays">,
    lines: JSON.parse(lines) as InvoiceLine[],
    byRate: JSON.parse(byRate) as RateTotals[],
    overdue: isOverdue({ ...invoice, credited: Boolean(invoice.creditNote) }, businessDay()),
  };
}

export type InvoiceDetail = NonNullable<Awaited<ReturnType<typeof getInvoice>>>;

/** Newest first; `overdue` keeps unpaid, uncredited invoices past their due day (oldest due first). */
export async function listInvoices(filter: { overdue?: boolean; before?: number }) {
  const prisma = await db();
  const today = businessDay();
  const where: Prisma.InvoiceWhereInput = filter.overdue
    ? { kind: "invoice", paidOn: null, dueOn: { lt: today }, creditNote: { is: null } }
    : { id: filter.before ? { lt: filter.before } : undefined };
  const rows = await prisma.invoice.findMany({
    where,
    orderBy: filter.overdue ? [{ dueOn: "asc" }, { id: "asc" }] : { id: "desc" },
    take: filter.overdue ? 500 : INVOICE_PAGE_SIZE + 1,
    select: {
      id: true, kind: true, number: true, issuedOn: true, dueOn: true, paidOn: true, totalCents: true, customerName: true, customerCompany: true,
      creditNote: { select: { id: true } },
    },
  });
  const items = filter.overdue ? rows : rows.slice(0, INVOICE_PAGE_SIZE);
  return {
    items: items.map((r) => ({ ...r, overdue: isOverdue({ ...r, credited: Boolean(r.creditNote) }, today) })),
    nextCursor: !filter.overdue && rows.length > INVOICE_PAGE_SIZE ? items[items.length - 1].id : null,
  };
}

export async function countOverdueInvoices(): Promise<number> {
  const prisma = await db();
  return prisma.invoice.count({ where: { kind: "invoice", paidOn: null, dueOn: { lt: businessDay() }, creditNote: { is: null } } });
}
