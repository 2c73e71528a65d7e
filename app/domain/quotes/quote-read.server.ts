import { foldText } from "~/domain/contacts/contact-rules";
import type { Actor } from "~/domain/staff/roles";
import { db, type Prisma } from "~/lib/db.server";
import { businessDay } from "./invoice-rules";
import { isQuoteEditable, quoteStatusOn, type QuoteStatus } from "./numbering";
import { canDecideQuote, canInvoice, quoteEditDenied } from "./quote-permissions";
import { fromStoredLine } from "./quote-lines";
import { computeTotals } from "./totals";

export const QUOTE_PAGE_SIZE = 50;

/** Everything the quote page shows, with what the actor may do with it. Any staff member may view a quote. */
export async function getQuote(actor: Actor, id: number) {
  const prisma = await db();
  const quote = await prisma.quote.findUnique({
    where: { id },
    select: {
      id: true, number: true, status: true, quoteDate: true, validUntil: true, notes: true, createdById: true, duplicatedFromId: true,
      sentAt: true, decidedAt: true, createdAt: true,
      contact: { select: { id: true, firstName: true, lastName: true, language: true, ownerId: true, restricted: true, erasedAt: true } },
      organisation: { select: { id: true, name: true, vatNumber: true } },
      lines: { orderBy: { position: "asc" }, select: { id: true, description: true, quantityMilli: true, unitPriceCents: true, vatRate: true, discountBasisPoints: true } },
      invoices: { orderBy: { id: "asc" }, select: { id: true, number: true, kind: true } },
    },
  });
  if (!quote) return null;
  const today = businessDay();
  const status = quoteStatusOn(quote.status as QuoteStatus, today, quote.validUntil);
  const lines = quote.lines.map(fromStoredLine);
  const editDenied = quoteEditDenied(actor, quote.contact);
  const invoiced = quote.invoices.some((i) => i.kind === "invoice");
  return {
    ...quote,
    status,
    lines: quote.lines.map((l, i) => ({ ...l, ...lines[i] })),
    totals: computeTotals(lines),
    can: {
      edit: !editDenied && isQuoteEditable(status),
      send: !editDenied && status === "draft",
      decide: status === "sent" && canDecideQuote(actor, quote.createdById),
      duplicate: !editDenied,
      issue: status === "accepted" && !invoiced && canInvoice(actor),
    },
    editDenied,
  };
}

export type QuoteDetail = NonNullable<Awaited<ReturnType<typeof getQuote>>>;

/** Newest first, keyset-paged by id; the stored status (expired ones are swept before listing). */
export async function listQuotes(filter: { status?: QuoteStatus; before?: number }) {
  const prisma = await db();
  const where: Prisma.QuoteWhereInput = { status: filter.status, id: filter.before ? { lt: filter.before } : undefined };
  const rows = await prisma.quote.findMany({
    where,
    orderBy: { id: "desc" },
    take: QUOTE_PAGE_SIZE + 1,
    select: {
      id: true, number: true, status: true, quoteDate: true, validUntil: true, totalCents: true,
      contact: { select: { id: true, firstName: true, lastName: true } },
      organisation: { select: { id: true, name: true } },
    },
  });
  const items = rows.slice(0, QUOTE_PAGE_SIZE);
  return { items, nextCursor: rows.length > QUOTE_PAGE_SIZE ? items[items.length - 1].id : null };
}

/** Options for the quote form: the contact or organisation it is for. */
export async function quoteCustomer(contactId: number | null, organisationId: number | null) {
  const prisma = await db();
  const [contact, organisation] = await Promise.all([
    contactId ? prisma.contact.findUnique({ where: { id: contactId }, select: { id: true, firstName: true, lastName: true, erasedAt: true, organisation: { select: { id: true, name: true } } } }) : null,
    organisationId ? prisma.organisation.findUnique({ where: { id: organisationId }, select: { id: true, name: true } }) : null,
  ]);
  return { contact, organisation: organisation ?? contact?.organisation ?? null };
}

/** Contacts and organisations whose name starts with `q` (accent- and case-insensitive), to pick whom a quote is for. */
export async function searchCustomers(q: string) {
  const folded = foldText(q);
  if (folded.length < 2) return { contacts: [], organisations: [] };
  const prisma = await db();
  const [contacts, organisations] = await Promise.all([
    prisma.contact.findMany({
      where: { erasedAt: null, OR: [{ sortName: { startsWith: folded } }, { firstName: { startsWith: q.trim() } }, { email: { startsWith: folded } }] },
      orderBy: [{ sortName: "asc" }, { id: "asc" }],
      take: 10,
      select: { id: true, firstName: true, lastName: true, organisation: { select: { name: true } } },
    }),
    prisma.organisation.findMany({ where: { sortName: { startsWith: folded } }, orderBy: [{ sortName: "asc" }, { id: "asc" }], take: 10, select: { id: true, name: true } }),
  ]);
  return { contacts, organisations };
}
