import { recordAudit } from "~/domain/audit/audit.server";
import type { Actor } from "~/domain/staff/roles";
import { db } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import { consentStateByPurpose, consentStateOf } from "./consent-state";
import type { RecordableConsentChannel } from "./consent.schema";
import { ledgerOf } from "./consent.server";
import { endProcessingRecords, flagWhenNothingOpen } from "./processing.server";
import { addToSuppressionList } from "./suppression-list.server";

export type ObjectionResult =
  | { ok: true; purposesEnded: string[]; consentsWithdrawn: string[]; suppressed: boolean }
  | { ok: false; reason: "NOT_FOUND" | "CONTACT_ERASED" | "DSR_CLOSED" | "DSR_CONTACT_NOT_FOUND" };

/**
 * Art. 21(3): an objection to direct marketing is absolute. In one transaction every open
 * processing record of a marketing purpose ends, a withdrawal is added to the ledger for each
 * consent-based marketing purpose still consented to, and the e-mail goes on the suppression list
 * so the next import does not bring the person back. Works on restricted contacts too: it only
 * stops processing. Managers and admins (it feeds the suppression list).
 */
export async function objectToMarketing(
  actor: Actor,
  contactId: number,
  requestId?: number | null,
  options: { channel?: RecordableConsentChannel; now?: Date } = {},
): Promise<ObjectionResult> {
  assertRole(actor, "manager");
  const now = options.now ?? new Date();
  const channel = options.channel ?? "email";
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    if (requestId != null) {
      const request = await tx.dataSubjectRequest.findUnique({ where: { id: requestId }, select: { status: true, contacts: { where: { contactId }, select: { contactId: true } } } });
      if (!request) return { ok: false as const, reason: "NOT_FOUND" as const };
      if (request.status !== "open") return { ok: false as const, reason: "DSR_CLOSED" as const };
      if (request.contacts.length === 0) return { ok: false as const, reason: "DSR_CONTACT_NOT_FOUND" as const };
    }
    const contact = await tx.contact.findUnique({ where: { id: contactId }, select: { email: true, erasedAt: true, lastInteractionAt: true } });
    if (!contact) return { ok: false as const, reason: "NOT_FOUND" as const };
    if (contact.erasedAt) return { ok: false as const, reason: "CONTACT_ERASED" as const };

    const marketing = await tx.purpose.findMany({ where: { marketing: true }, select: { id: true, code: true, legalBasis: true } });
    const open = await tx.processingRecord.findMany({
      where: { contactId, endedAt: null, purposeId: { in: marketing.map((p) => p.id) } },
      select: { id: true, since: true, purposeId: true, legalBasis: true, purpose: { select: { retentionAnchor: true, retentionYears: true, retentionMonths: true } } },
    });
    const states = consentStateByPurpose(await ledgerOf(tx, contactId, marketing.map((p) => p.id)));
    const openIds = new Set(open.map((r) => r.purposeId));
    // Withdraw where consent still counts, or where an open record rests on consent without a ledger entry.
    const withdrawing = marketing.filter(
      (p) => p.legalBasis === "consent" && (consentStateOf(states, String(p.id)).state === "given" || open.some((r) => r.purposeId === p.id && r.legalBasis === "consent")),
    );
    for (const p of withdrawing) {
      await tx.consentEvent.create({ data: { contactId, purposeId: p.id, kind: "withdrawn", at: now, channel, wording: null, recordedById: actor.id } });
    }
    await endProcessingRecords(tx, contactId, open, now, contact.lastInteractionAt);
    const flagged = await flagWhenNothingOpen(tx, contactId, now);
    if (contact.email) await addToSuppressionList(tx, contact.email, "objection", actor);

    const code = (id: number) => marketing.find((p) => p.id === id)!.code;
    const purposesEnded = [...openIds].map(code).sort();
    const consentsWithdrawn = withdrawing.map((p) => p.code).sort();
    await recordAudit(tx, {
      actor, action: "contact.marketing-objection", recordType: "contact", recordId: contactId,
      summary: { requestId: requestId ?? undefined, purposesEnded, consentsWithdrawn, channel, suppressed: Boolean(contact.email), flaggedForReview: flagged || undefined },
    });
    if (requestId != null) {
      await recordAudit(tx, { actor, action: "dsr.objection-applied", recordType: "dsr", recordId: requestId, summary: { contactId, purposesEnded: purposesEnded.length } });
    }
    return { ok: true as const, purposesEnded, consentsWithdrawn, suppressed: Boolean(contact.email) };
  });
}
