import { recordAudit } from "~/domain/audit/audit.server";
import { contactEditDenied, type EditDenied } from "~/domain/contacts/contact-rules";
import { businessDay } from "~/domain/quotes/invoice-rules";
import { openProcessingRecord, TRAINING_PURPOSE } from "~/domain/quotes/processing-record.server";
import type { Actor } from "~/domain/staff/roles";
import { db, type Tx } from "~/lib/db.server";
import { holdsSeat, placeForNewRegistration, promotions, registrationOnErasure } from "./registration-rules";

export type RegistrationResult =
  | { ok: true; id: number; status: "registered" | "waitlisted"; waitlistPosition: number | null }
  | { ok: false; reason: EditDenied | "NOT_FOUND" | "CONTACT_NOT_FOUND" | "ALREADY_REGISTERED" | "NO_SESSIONS" };

async function seatsTaken(tx: Tx, trainingId: number) {
  return tx.registration.count({ where: { trainingId, status: { in: ["registered", "attended", "no-show"] } } });
}

/**
 * Registers a contact (sales: contacts they may edit). A seat if one is free, else the waiting list.
 * Opens the "training delivery" processing record: retention 5 years after the training's last day.
 */
export async function registerContact(actor: Actor, trainingId: number, contactId: number): Promise<RegistrationResult> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const training = await tx.training.findUnique({ where: { id: trainingId }, select: { capacity: true, _count: { select: { sessions: true } } } });
    if (!training) return { ok: false as const, reason: "NOT_FOUND" as const };
    if (training._count.sessions === 0) return { ok: false as const, reason: "NO_SESSIONS" as const };
    const contact = await tx.contact.findUnique({ where: { id: contactId }, select: { ownerId: true, restricted: true, erasedAt: true } });
    if (!contact) return { ok: false as const, reason: "CONTACT_NOT_FOUND" as const };
    const denied = contactEditDenied(actor, contact);
    if (denied) return { ok: false as const, reason: denied };
    const existing = await tx.registration.findUnique({ where: { trainingId_contactId: { trainingId, contactId } }, select: { id: true, status: true } });
    if (existing && existing.status !== "cancelled") return { ok: false as const, reason: "ALREADY_REGISTERED" as const };
    const last = await tx.registration.findFirst({ where: { trainingId, status: "waitlisted" }, orderBy: { waitlistPosition: "desc" }, select: { waitlistPosition: true } });
    const place = placeForNewRegistration(await seatsTaken(tx, trainingId), training.capacity, last?.waitlistPosition ?? null);
    const data = { ...place, registeredAt: new Date(), cancelledAt: null, certificateIssuedOn: null, registeredById: actor.id };
    const registration = existing
      ? await tx.registration.update({ where: { id: existing.id }, data, select: { id: true } })
      : await tx.registration.create({ data: { trainingId, contactId, ...data }, select: { id: true } });
    const record = await openProcessingRecord(tx, contactId, TRAINING_PURPOSE, { evidence: `training ${trainingId}` });
    await recordAudit(tx, { actor, action: "registration.created", recordType: "registration", recordId: registration.id, summary: { trainingId, contactId, status: place.status, waitlistPosition: place.waitlistPosition, processingRecord: record } });
    return { ok: true as const, id: registration.id, ...place };
  });
}

/** Cancels a registration; a freed seat goes to the first on the waiting list, in the same transaction. */
export async function cancelRegistration(actor: Actor, registrationId: number): Promise<{ ok: true; promotedId: number | null } | { ok: false; reason: EditDenied | "NOT_FOUND" | "ALREADY_CANCELLED" }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const registration = await tx.registration.findUnique({
      where: { id: registrationId },
      select: { status: true, trainingId: true, contact: { select: { ownerId: true, restricted: true, erasedAt: true } }, training: { select: { capacity: true } } },
    });
    if (!registration) return { ok: false as const, reason: "NOT_FOUND" as const };
    const denied = contactEditDenied(actor, registration.contact);
    if (denied) return { ok: false as const, reason: denied };
    if (registration.status === "cancelled") return { ok: false as const, reason: "ALREADY_CANCELLED" as const };
    await tx.registration.update({ where: { id: registrationId }, data: { status: "cancelled", waitlistPosition: null, cancelledAt: new Date() } });
    const promotedId = holdsSeat(registration.status) ? ((await promoteFromWaitlist(tx, actor, registration.trainingId, registration.training.capacity, registrationId))[0] ?? null) : null;
    await recordAudit(tx, { actor, action: "registration.cancelled", recordType: "registration", recordId: registrationId, summary: { from: registration.status, promoted: promotedId } });
    return { ok: true as const, promotedId };
  });
}

/** A seat was freed: the first people on the waiting list move up, as many as there are free seats. */
async function promoteFromWaitlist(tx: Tx, actor: Actor, trainingId: number, capacity: number, freedBy: number): Promise<number[]> {
  const waiting = await tx.registration.findMany({ where: { trainingId, status: "waitlisted" }, orderBy: { waitlistPosition: "asc" }, select: { id: true } });
  const promoted = waiting.slice(0, promotions(await seatsTaken(tx, trainingId), capacity, waiting.length)).map((w) => w.id);
  for (const id of promoted) {
    await tx.registration.update({ where: { id }, data: { status: "registered", waitlistPosition: null } });
    await recordAudit(tx, { actor, action: "registration.promoted", recordType: "registration", recordId: id, summary: { trainingId, freedBy } });
  }
  return promoted;
}

/**
 * The registrations of a contact being erased, inside the erasure's transaction (registrationOnErasure
 * says what each becomes). Kept registrations lose their certificate date: the certificate was the
 * person's, and nobody can ask for a copy of it any more. A freed seat goes to the waiting list.
 */
export async function eraseRegistrations(tx: Tx, actor: Actor, contactId: number): Promise<{ registrationsKept: number; registrationsRemoved: number; waitlistPromoted: number }> {
  const today = businessDay().getTime();
  const registrations = await tx.registration.findMany({
    where: { contactId },
    select: {
      id: true, status: true, trainingId: true, _count: { select: { attendances: true } },
      training: { select: { capacity: true, sessions: { orderBy: { date: "desc" }, take: 1, select: { date: true } } } },
    },
  });
  const result = { registrationsKept: 0, registrationsRemoved: 0, waitlistPromoted: 0 };
  for (const r of registrations) {
    const lastDay = r.training.sessions[0]?.date.getTime();
    const outcome = registrationOnErasure(r.status, r._count.attendances, lastDay !== undefined && lastDay < today);
    if (outcome === "keep") {
      result.registrationsKept += 1;
      continue;
    }
    await tx.registration.delete({ where: { id: r.id } });
    result.registrationsRemoved += 1;
    if (outcome === "free-seat") result.waitlistPromoted += (await promoteFromWaitlist(tx, actor, r.trainingId, r.training.capacity, r.id)).length;
  }
  if (result.registrationsKept) await tx.registration.updateMany({ where: { contactId }, data: { certificateIssuedOn: null } });
  return result;
}
