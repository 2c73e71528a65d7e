import type { Tx } from "~/lib/db.server";

/**
 * The quotes, invoices and trainings part of erasing a contact (Art. 17), to be called by the
 * erasure operation inside its transaction, before the contact's own fields are anonymised.
 *
 * - Invoices and credit notes stay exactly as issued: accounting law (Art. 17(3)(b)) requires them
 *   for 10 years, and they hold only the legal minimum (name, company, VAT number, address), never
 *   the e-mail or phone. The database refuses any change to them anyway.
 * - Quotes that led to an invoice keep their lines (the invoice's origin) but lose their notes;
 *   all other quotes are deleted.
 * - Training registrations and their attendance are deleted (a waitlisted seat is not promoted:
 *   erasure is not a cancellation the trainer needs to act on).
 */
export async function eraseCommerceData(tx: Tx, contactId: number) {
  const quotesDeleted = await tx.quote.deleteMany({ where: { contactId, invoices: { none: {} } } });
  const quotesKept = await tx.quote.updateMany({ where: { contactId }, data: { notes: null } });
  const registrationsDeleted = await tx.registration.deleteMany({ where: { contactId } });
  const invoicesKept = await tx.invoice.count({ where: { contactId } });
  return { quotesDeleted: quotesDeleted.count, quotesKept: quotesKept.count, registrationsDeleted: registrationsDeleted.count, invoicesKept };
}
