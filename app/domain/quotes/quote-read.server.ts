import { contactListQuerySchema, type ContactListQuery } from "~/domain/contacts/contact-list.schema";
import { explainContactList, listContacts } from "~/domain/contacts/contact-list.server";
import { contactSortName, foldText } from "~/domain/contacts/contact-rules";
import { organisationOptions } from "~/domain/organisations/organisations.server";
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

export const CUSTOMER_PICKS = 10;

/**
 * The contact list's search for what was typed (each word a prefix of a name, e-mail or organisation
 * word; with "@", an e-mail prefix), newest first: the full-text index's own order, so even a prefix
 * shared by 100,000 contacts stops after one page instead of sorting them all (ADR 016).
 */
function pickerQuery(q: string): ContactListQuery | null {
  if (foldText(q).length < 2) return null;
  const parsed = contactListQuerySchema.safeParse({ q, sort: "newest" });
  return parsed.success ? parsed.data : null;
}

/**
 * Contacts (not erased) and organisations matching `q`, accent- and case-insensitive, to pick whom a
 * quote or a training seat is for. Contacts come from the contact list's full-text search, the most
 * recent CUSTOMER_PICKS matches shown by name; organisations are a name-prefix range on their
 * (sortName, id) index. Neither walks the whole table.
 */
export async function searchCustomers(q: string) {
  const query = pickerQuery(q);
  if (!query) return { contacts: [], organisations: [] };
  const [found, organisations] = await Promise.all([listContacts(query).rows, organisationOptions(q)]);
  const contacts = found
    .slice(0, CUSTOMER_PICKS)
    .map((c) => ({ id: c.id, firstName: c.firstName, lastName: c.lastName, organisation: c.organisationName === null ? null : { name: c.organisationName } }))
    .sort((a, b) => compareNames(contactSortName(a.firstName, a.lastName), contactSortName(b.firstName, b.lastName)) || a.id - b.id);
  return { contacts, organisations: organisations.slice(0, CUSTOMER_PICKS) };
}

const compareNames = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The query plan of the contact part of searchCustomers (tests prove it never scans Contact). */
export function explainCustomerSearch(q: string): string[] {
  const query = pickerQuery(q);
  return query ? explainContactList(query) : [];
}
