import type { RetentionFacts } from "~/domain/purposes/retention";
import type { Tx } from "~/lib/db.server";

/**
 * The retention facts that live in the quotes and trainings tables: the latest invoice or credit
 * note issued to the contact (accounting records: 10 years from the end of that year) and the
 * latest day of a training they registered for. syncRetention reads them on every recomputation,
 * so a change elsewhere (an interaction, a consent) never loses these dates.
 */
export async function commerceRetentionFacts(tx: Tx, contactId: number): Promise<Pick<RetentionFacts, "invoiceIssuedAt" | "trainingDate">> {
  const [invoice, session] = await Promise.all([
    tx.invoice.findFirst({ where: { contactId }, orderBy: { issuedOn: "desc" }, select: { issuedOn: true } }),
    tx.trainingSession.findFirst({
      where: { training: { registrations: { some: { contactId } } } },
      orderBy: { date: "desc" },
      select: { date: true },
    }),
  ]);
  return { invoiceIssuedAt: invoice?.issuedOn ?? null, trainingDate: session?.date ?? null };
}
