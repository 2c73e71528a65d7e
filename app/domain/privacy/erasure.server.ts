import { recordAudit } from "~/domain/audit/audit.server";
import { contactSortName } from "~/domain/contacts/contact-rules";
import type { Actor } from "~/domain/staff/roles";
import { eraseRegistrations } from "~/domain/trainings/registrations.server";
import { db, type Tx } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import { addToSuppressionList } from "./suppression-list.server";

/**
 * Art. 17 erasure as anonymisation: the contact row stays (ids in the consent ledger, the audit
 * trail and the decisions keep pointing somewhere) but nothing in it identifies the person any more.
 */

export type EraseResult = { ok: true } | { ok: false; reason: "LEGAL_HOLD" | "NOT_FOUND" | "ALREADY_ERASED" };

export async function eraseContact(actor: Actor, contactId: number, opts: { reason: string; requestId?: number }): Promise<EraseResult> {
  assertRole(actor, "manager");
  const prisma = await db();
  return prisma.$transaction((tx) => eraseContactIn(tx, actor, contactId, opts));
}

/** The erasure inside the caller's transaction. Every lookup and write goes through an index on the contact id. */
export async function eraseContactIn(tx: Tx, actor: Actor, contactId: number, opts: { reason: string; requestId?: number }): Promise<EraseResult> {
  assertRole(actor, "manager");
  const contact = await tx.contact.findUnique({ where: { id: contactId }, select: { email: true, erasedAt: true } });
  if (!contact) return { ok: false, reason: "NOT_FOUND" };
  if (contact.erasedAt) return { ok: false, reason: "ALREADY_ERASED" };
  // Art. 17(3)(e): data kept for legal claims stays until the hold is lifted.
  const held = await tx.processingRecord.findFirst({ where: { contactId, legalHoldReason: { not: null }, endedAt: null }, select: { id: true } });
  if (held) return { ok: false, reason: "LEGAL_HOLD" };

  // The address goes on the list before it leaves the contact, so the next import cannot re-add the person.
  if (contact.email) await addToSuppressionList(tx, contact.email, "erasure", actor);
  const now = new Date();
  const firstName = "Erased";
  const lastName = `#${contactId}`;
  // erasedAt is set in the same write: the database only lets records of an erased contact go.
  await tx.contact.update({
    where: { id: contactId },
    data: {
      firstName, lastName, sortName: contactSortName(firstName, lastName),
      email: null, phone: null, mobile: null, jobTitle: null, street: null, postalCode: null, city: null, country: null,
      language: null, organisationId: null, sourceDetail: null, restrictionReason: null, noticeChannel: null,
      erasedAt: now,
    },
  });
  const tags = await tx.contactTag.deleteMany({ where: { contactId } });
  const interactions = await tx.interaction.updateMany({ where: { contactId }, data: { summary: "" } });
  // Records stay as the history of why the data was held; evidence text may quote the person, so it goes.
  const records = await tx.processingRecord.updateMany({ where: { contactId, endedAt: null }, data: { endedAt: now } });
  await tx.processingRecord.updateMany({ where: { contactId }, data: { evidence: null } });
  // Nothing is left to review: an erased contact leaves the retention queue.
  await tx.retentionFlag.deleteMany({ where: { contactId } });
  await tx.contactRetentionFlag.deleteMany({ where: { contactId } });
  // Import rows keep their outcome (batch counts, undo) but not the file's values.
  const importRows = await tx.importRow.updateMany({ where: { contactId }, data: { cells: null, filled: null, conflicts: null } });
  const commercial = await eraseCommercialRecords(tx, contactId);
  // Trainings keep only the anonymised attendance counts; waiting-list places and future seats go.
  const trainings = await eraseRegistrations(tx, actor, contactId);
  // The reason is staff's own words: it lives in the decision row, the audit keeps ids and counts only.
  const decision = await tx.retentionDecision.create({ data: { contactId, decision: "erase", reason: opts.reason.slice(0, 500), staffId: actor.id }, select: { id: true } });
  await recordAudit(tx, {
    actor, action: "contact.erased", recordType: "contact", recordId: contactId,
    summary: {
      decisionId: decision.id, requestId: opts.requestId, suppressed: Boolean(contact.email), recordsEnded: records.count,
      interactionsBlanked: interactions.count, tagsRemoved: tags.count, importRowsCleared: importRows.count, ...commercial, ...trainings,
    },
  });
  return { ok: true };
}

/**
 * Quotes and invoices of an erased contact. Belgian accounting law keeps an invoice for 10 years as
 * issued: number, dates, amounts, VAT and the customer's name, company, VAT number and address are a
 * frozen snapshot on the invoice (the database refuses to change them), so the invoice keeps those and
 * loses only its link to the person. Quotes are not accounting records: unlinked, their notes cleared.
 */
export async function eraseCommercialRecords(tx: Tx, contactId: number): Promise<{ invoicesUnlinked: number; quotesUnlinked: number }> {
  const invoices = await tx.invoice.updateMany({ where: { contactId }, data: { contactId: null } });
  const quotes = await tx.quote.updateMany({ where: { contactId }, data: { contactId: null, notes: null } });
  return { invoicesUnlinked: invoices.count, quotesUnlinked: quotes.count };
}
