import { recordAudit } from "~/domain/audit/audit.server";
import { syncRetention } from "~/domain/purposes/purposes.server";
import type { Actor } from "~/domain/staff/roles";
import { db } from "~/lib/db.server";
import { forbidden } from "~/lib/permissions.server";
import { readContactDetail } from "./contact-detail-sql.server";
import { canRestrict, contactEditDenied, type EditDenied } from "./contact-rules";
import type { InteractionInput } from "./contact.schema";

/** Everything the contact page shows. Every staff member may view a contact. */
export async function getContactDetail(actor: Actor, id: number) {
  const contact = readContactDetail(id);
  if (!contact) return null;
  return { ...contact, editDenied: contactEditDenied(actor, contact), canRestrict: canRestrict(actor) };
}

export type ContactActionResult = { ok: true } | { ok: false; reason: EditDenied | "NOT_FOUND" };

/**
 * Logs a call, e-mail, meeting or note. The latest interaction date drives the retention of the
 * purposes that count from it (legitimate interest, consent), so those dates move in the same transaction.
 */
export async function logInteraction(actor: Actor, contactId: number, input: InteractionInput): Promise<ContactActionResult> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: contactId }, select: { ownerId: true, restricted: true, erasedAt: true, lastInteractionAt: true } });
    if (!contact) return { ok: false as const, reason: "NOT_FOUND" as const };
    const denied = contactEditDenied(actor, contact);
    if (denied) return { ok: false as const, reason: denied };
    const occurredAt = new Date(`${input.occurredOn}T12:00:00Z`);
    const interaction = await tx.interaction.create({
      data: { contactId, staffId: actor.id, kind: input.kind, occurredAt, summary: input.summary ?? "" },
      select: { id: true },
    });
    if (!contact.lastInteractionAt || contact.lastInteractionAt < occurredAt) {
      await tx.contact.update({ where: { id: contactId }, data: { lastInteractionAt: occurredAt } });
    }
    const moved = await syncRetention(tx, contactId);
    await recordAudit(tx, { actor, action: "interaction.logged", recordType: "contact", recordId: contactId, summary: { interactionId: interaction.id, kind: input.kind, retentionMoved: moved } });
    return { ok: true as const };
  });
}

/** Art. 18: a manager sets or lifts the restriction, with a reason; the contact is read-only meanwhile. */
export async function setRestriction(actor: Actor, contactId: number, restricted: boolean, reason: string | null): Promise<ContactActionResult> {
  if (!canRestrict(actor)) forbidden();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const found = await tx.contact.updateMany({
      where: { id: contactId, erasedAt: null },
      data: restricted ? { restricted: true, restrictionReason: reason, restrictedAt: new Date() } : { restricted: false, restrictionReason: null, restrictedAt: null },
    });
    if (found.count === 0) return { ok: false as const, reason: "NOT_FOUND" as const };
    await recordAudit(tx, { actor, action: restricted ? "contact.restricted" : "contact.restriction-lifted", recordType: "contact", recordId: contactId });
    return { ok: true as const };
  });
}
