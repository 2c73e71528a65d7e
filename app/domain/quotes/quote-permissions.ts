import { contactEditDenied, type EditDenied } from "~/domain/contacts/contact-rules";
import { roleAtLeast, type Actor } from "~/domain/staff/roles";

type QuoteContact = { ownerId: number | null; restricted: boolean; erasedAt: Date | null } | null;

/**
 * Who drafts, changes and sends a quote: whoever may edit its contact (sales: contacts they own or
 * that have no owner; managers: all). A quote to an organisation alone involves no personal data.
 */
export function quoteEditDenied(actor: Actor, contact: QuoteContact): EditDenied | null {
  return contact ? contactEditDenied(actor, contact) : null;
}

/** Recording the customer's answer: the member of staff who made the quote, or a manager. */
export function canDecideQuote(actor: Actor, createdById: number | null): boolean {
  return actor.id === createdById || roleAtLeast(actor.role, "manager");
}

/** Issuing invoices and credit notes and recording payments: managers and admins. */
export function canInvoice(actor: Actor): boolean {
  return roleAtLeast(actor.role, "manager");
}
