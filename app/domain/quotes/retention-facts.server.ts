import type { RetentionFacts } from "~/domain/purposes/retention";
import type { Tx } from "~/lib/db.server";
import { fromDbDateTime } from "~/lib/db-datetime";

/**
 * The retention facts that live in the quotes and trainings tables: the latest invoice or credit
 * note issued to the contact (accounting records: 10 years from the end of that year) and the
 * latest day of a training they registered for. Both also tell how long a customer's contract has
 * been alive (ADR 025). syncRetention reads them on every recomputation, so a change elsewhere (an
 * interaction, a consent) never loses these dates; a rule change's recompute reads them per record.
 */
export function commerceFactColumns(contactId: string): string {
  return `(SELECT i."issuedOn" FROM "Invoice" i WHERE i."contactId" = ${contactId} ORDER BY i."issuedOn" DESC LIMIT 1) AS "invoiceIssuedAt",
    (SELECT s."date" FROM "TrainingSession" s WHERE s."trainingId" IN (SELECT r."trainingId" FROM "Registration" r WHERE r."contactId" = ${contactId})
      ORDER BY s."date" DESC LIMIT 1) AS "trainingDate"`;
}

const FACTS_OF_CONTACT = `SELECT ${commerceFactColumns("c.id")} FROM "Contact" c WHERE c.id = ?`;

export async function commerceRetentionFacts(tx: Tx, contactId: number): Promise<Pick<RetentionFacts, "invoiceIssuedAt" | "trainingDate">> {
  // One raw query in the caller's transaction (it runs on every save and every logged interaction).
  const [row] = await tx.$queryRawUnsafe<{ invoiceIssuedAt: string | null; trainingDate: string | null }[]>(FACTS_OF_CONTACT, contactId);
  return { invoiceIssuedAt: fromDbDateTime(row?.invoiceIssuedAt), trainingDate: fromDbDateTime(row?.trainingDate) };
}
