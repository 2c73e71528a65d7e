import { calendarDaysBetween } from "~/domain/privacy/dates";

/**
 * Pure rules of invoices: the business day, due dates, overdue, and the customer snapshot an
 * invoice keeps. Dates are calendar days stored at 00:00 UTC.
 */

const DAY_MS = 86_400_000;

// Building an Intl.DateTimeFormat costs far more than using one (the contact page asks once per invoice): made once.
const BRUSSELS_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's calendar day in Belgium (the invoice year turns at midnight in Brussels, not UTC), at 00:00 UTC. */
export function businessDay(now: Date = new Date()): Date {
  const parts = BRUSSELS_DAY.format(now);
  return new Date(`${parts}T00:00:00Z`);
}

export function dayFromIso(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function isoOfDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * DAY_MS);
}

export type InvoiceKind = "invoice" | "credit-note";

/** Unpaid after its due day, and not cancelled by a credit note. A credit note is never overdue. */
export function isOverdue(invoice: { kind: string; dueOn: Date; paidOn: Date | null; credited: boolean }, today: Date): boolean {
  return invoice.kind === "invoice" && !invoice.paidOn && !invoice.credited && calendarDaysBetween(invoice.dueOn, today) > 0;
}

/** The payment date must lie between the issue day and today. */
export function paidOnRefusal(paidOn: Date, issuedOn: Date, today: Date): "PAID_BEFORE_ISSUE" | "PAID_IN_FUTURE" | null {
  if (calendarDaysBetween(issuedOn, paidOn) < 0) return "PAID_BEFORE_ISSUE";
  if (calendarDaysBetween(today, paidOn) > 0) return "PAID_IN_FUTURE";
  return null;
}

type Address = { street: string | null; postalCode: string | null; city: string | null; country: string | null };

function addressLines(a: Address): string | null {
  const lines = [a.street, [a.postalCode, a.city].filter(Boolean).join(" "), a.country].filter((l): l is string => Boolean(l && l.trim()));
  return lines.length ? lines.join("\n") : null;
}

export type CustomerSnapshot = { customerName: string; customerCompany: string | null; customerVat: string | null; customerAddress: string | null };

/**
 * What the invoice keeps about its customer: only what Belgian VAT law requires on an invoice
 * (name, address, VAT number of a business customer). No e-mail or phone, so erasing the contact
 * later leaves nothing on the invoice beyond that legal minimum.
 */
export function customerSnapshot(
  contact: ({ firstName: string; lastName: string } & Address) | null,
  organisation: ({ name: string; vatNumber: string | null } & Address) | null,
): CustomerSnapshot {
  if (!contact && !organisation) throw new Error("an invoice needs a contact or an organisation");
  const contactAddress = contact ? addressLines(contact) : null;
  const organisationAddress = organisation ? addressLines(organisation) : null;
  return {
    customerName: contact ? `${contact.firstName} ${contact.lastName}`.trim() : organisation!.name,
    customerCompany: contact && organisation ? organisation.name : null,
    customerVat: organisation?.vatNumber ?? null,
    // A company customer is invoiced at the company's address; a private one at their own.
    customerAddress: organisationAddress ?? contactAddress,
  };
}
