import { syncRetention } from "~/domain/purposes/purposes.server";
import type { Tx } from "~/lib/db.server";

export const QUOTES_PURPOSE = "quotes-invoices";
export const TRAINING_PURPOSE = "training";

/**
 * Makes sure the contact has an open processing record for `purposeCode` (opening or re-opening
 * it), optionally moves it to the purpose's later legal basis (invoices: contract → legal
 * obligation once issued), then recomputes the retention dates. Same transaction as the change.
 */
export async function openProcessingRecord(
  tx: Tx,
  contactId: number,
  purposeCode: string,
  options: { evidence: string; laterBasis?: boolean },
): Promise<"opened" | "reopened" | "kept"> {
  const purpose = await tx.purpose.findUniqueOrThrow({ where: { code: purposeCode }, select: { id: true, legalBasis: true, laterBasis: true } });
  const contact = await tx.contact.findUniqueOrThrow({ where: { id: contactId }, select: { sourceKind: true } });
  const record = await tx.processingRecord.findUnique({
    where: { contactId_purposeId: { contactId, purposeId: purpose.id } },
    select: { id: true, endedAt: true, legalBasis: true },
  });
  const basis = options.laterBasis && purpose.laterBasis ? purpose.laterBasis : undefined;
  let outcome: "opened" | "reopened" | "kept" = "kept";
  if (!record) {
    await tx.processingRecord.create({
      data: { contactId, purposeId: purpose.id, legalBasis: basis ?? purpose.legalBasis, sourceKind: contact.sourceKind, since: new Date(), evidence: options.evidence },
    });
    outcome = "opened";
  } else if (record.endedAt) {
    await tx.processingRecord.update({ where: { id: record.id }, data: { endedAt: null, since: new Date(), evidence: options.evidence, legalBasis: basis ?? purpose.legalBasis } });
    outcome = "reopened";
  } else if (basis && record.legalBasis !== basis) {
    await tx.processingRecord.update({ where: { id: record.id }, data: { legalBasis: basis } });
  }
  await syncRetention(tx, contactId);
  return outcome;
}
