import { retentionEndDate, ruleOf } from "~/domain/purposes/retention";
import { commerceRetentionFacts } from "~/domain/quotes/retention-facts.server";
import type { Tx } from "~/lib/db.server";

/**
 * Ending processing for a purpose (consent withdrawn, objection to marketing, a purpose staff untick
 * on the contact form). Ending is an update, never a delete: the record stays as the history of why
 * we held the data, and the database refuses to remove a contact's last record anyway.
 */

export type EndableRecord = {
  id: number;
  since: Date;
  purpose: { retentionAnchor: string; retentionYears: number; retentionMonths: number };
};

/**
 * Sets endedAt on each of the contact's records and recomputes its retention date with the end as
 * the anchor's fact: "until consent is withdrawn" now has an end, and "5 years after the contract
 * ends" counts from today; rules counted from other facts (last interaction, invoice, training,
 * visit) keep their date.
 */
export async function endProcessingRecords(tx: Tx, contactId: number, records: readonly EndableRecord[], at: Date, lastInteractionAt: Date | null): Promise<void> {
  if (records.length === 0) return;
  const commerce = await commerceRetentionFacts(tx, contactId);
  for (const record of records) {
    const endedAt = at.getTime() < record.since.getTime() ? record.since : at;
    const facts = { since: record.since, lastInteractionAt, ...commerce, consentWithdrawnAt: endedAt, contractEndedAt: endedAt };
    const retentionEndsAt = retentionEndDate(ruleOf(record.purpose), facts);
    await tx.processingRecord.update({ where: { id: record.id }, data: { endedAt, retentionEndsAt } });
  }
}

/**
 * When nothing justifies holding the contact any more (every record ended), a manager must
 * decide what happens to it: the entry is flagged for the retention review, never deleted here.
 * Returns whether the contact is now flagged because of this.
 */
export async function flagWhenNothingOpen(tx: Tx, contactId: number, now: Date): Promise<boolean> {
  const open = await tx.processingRecord.count({ where: { contactId, endedAt: null } });
  if (open > 0) return false;
  return flagContactForReview(tx, contactId, now);
}

/**
 * Puts the contact in the retention review queue unless it is there already; true when it was
 * added. The flag keeps the contact's owner, for the queue's owner filter (ADR 021).
 */
export async function flagContactForReview(tx: Tx, contactId: number, now: Date): Promise<boolean> {
  const contact = await tx.contact.findUniqueOrThrow({ where: { id: contactId }, select: { ownerId: true, retentionFlag: { select: { contactId: true } } } });
  if (contact.retentionFlag) return false;
  await tx.contactRetentionFlag.create({ data: { contactId, ownerId: contact.ownerId, flaggedAt: now } });
  return true;
}
