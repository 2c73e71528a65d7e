import { setRestriction } from "~/domain/contacts/contact-detail.server";
import type { Actor } from "~/domain/staff/roles";
import { db } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import { requireVerifiedLink, type DsrFailure } from "./dsr.server";
import { eraseContact } from "./erasure.server";

/**
 * What a request of each type does to a linked contact. Access/portability: the pack
 * (access-pack.server.ts); objection: objectToMarketing (objection.server.ts); rectification and
 * consent withdrawal happen on the contact page; erasure and restriction are here.
 */

export type DsrActionResult = { ok: true } | { ok: false; reason: DsrFailure | "LEGAL_HOLD" | "NOT_FOUND" | "ALREADY_ERASED" | "CONTACT_ERASED" };

/** Art. 17: only after identity is verified, and only for a contact linked to the open request. */
export async function eraseForRequest(actor: Actor, requestId: number, contactId: number): Promise<DsrActionResult> {
  assertRole(actor, "manager");
  const failure = await requireVerifiedLink(requestId, contactId);
  if (failure) return { ok: false, reason: failure };
  return eraseContact(actor, contactId, { reason: `Art. 17 request #${requestId}`, requestId });
}

/** Art. 18: restriction while the request is being handled (e.g. accuracy contested). */
export async function restrictForRequest(actor: Actor, requestId: number, contactId: number): Promise<DsrActionResult> {
  assertRole(actor, "manager");
  const prisma = await db();
  const request = await prisma.dataSubjectRequest.findUnique({ where: { id: requestId }, select: { status: true, contacts: { where: { contactId }, select: { contactId: true } } } });
  if (!request) return { ok: false, reason: "NOT_FOUND" };
  if (request.status !== "open") return { ok: false, reason: "DSR_CLOSED" };
  if (request.contacts.length === 0) return { ok: false, reason: "DSR_CONTACT_NOT_FOUND" };
  const result = await setRestriction(actor, contactId, true, `Art. 18 request #${requestId}`);
  return result.ok ? { ok: true } : { ok: false, reason: result.reason === "NOT_FOUND" ? "DSR_CONTACT_NOT_FOUND" : "CONTACT_ERASED" };
}
