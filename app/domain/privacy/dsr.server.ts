import { recordAudit } from "~/domain/audit/audit.server";
import { listContacts } from "~/domain/contacts/contact-list.server";
import { contactListQuerySchema } from "~/domain/contacts/contact-list.schema";
import type { Actor } from "~/domain/staff/roles";
import { db } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import { dayStart } from "./days";
import { dsrDueDate, extendDsr, type DsrType } from "./dsr-dates";
import type { CloseDsrInput, RegisterDsrInput, VerifyIdentityInput } from "./dsr.schema";

/**
 * Data-subject requests (Art. 12, 15–21): registered with their statutory due date, linked to
 * the contacts they concern, identity verified (how and by whom, never a document copy),
 * extended at most once, closed with an outcome. Managers and admins only; every change is
 * audited on recordType "dsr" without the requester's name or e-mail in the summary.
 */

export type DsrFailure =
  | "NOT_FOUND" | "DSR_CLOSED" | "DSR_ALREADY_VERIFIED" | "DSR_ALREADY_EXTENDED" | "DSR_EXTENSION_REASON_REQUIRED"
  | "DSR_EXTENSION_TOO_LATE" | "DSR_CONTACT_NOT_FOUND" | "DSR_IDENTITY_NOT_VERIFIED" | "DSR_NO_CONTACTS";
export type DsrResult = { ok: true } | { ok: false; reason: DsrFailure };

export async function registerDsr(actor: Actor, input: RegisterDsrInput): Promise<{ ok: true; id: number }> {
  assertRole(actor, "manager");
  const receivedAt = dayStart(input.receivedOn);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const created = await tx.dataSubjectRequest.create({
      data: { type: input.type, requesterName: input.requesterName, requesterEmail: input.requesterEmail, receivedAt, dueAt: dsrDueDate(receivedAt), createdById: actor.id },
      select: { id: true },
    });
    await recordAudit(tx, { actor, action: "dsr.registered", recordType: "dsr", recordId: created.id, summary: { type: input.type, receivedOn: input.receivedOn } });
    return { ok: true as const, id: created.id };
  });
}

const listSelect = { id: true, type: true, requesterName: true, receivedAt: true, dueAt: true, extendedAt: true, identityVerifiedAt: true, status: true, closedAt: true, _count: { select: { contacts: true } } } as const;

/** Open requests, soonest due first (index status + dueAt), and the latest closed ones. */
export async function listDsrs(actor: Actor, closedLimit = 20) {
  assertRole(actor, "manager");
  const prisma = await db();
  const [open, closed] = await Promise.all([
    prisma.dataSubjectRequest.findMany({ where: { status: "open" }, orderBy: [{ dueAt: "asc" }, { id: "asc" }], take: 500, select: listSelect }),
    prisma.dataSubjectRequest.findMany({ where: { status: { not: "open" } }, orderBy: { closedAt: "desc" }, take: closedLimit, select: listSelect }),
  ]);
  return { open, closed };
}

export async function getDsr(actor: Actor, id: number) {
  assertRole(actor, "manager");
  const prisma = await db();
  const request = await prisma.dataSubjectRequest.findUnique({
    where: { id },
    select: {
      id: true, type: true, requesterName: true, requesterEmail: true, receivedAt: true, dueAt: true, extendedAt: true, extensionReason: true,
      status: true, identityMethod: true, identityNote: true, identityVerifiedAt: true, identityVerifiedById: true, closedAt: true, outcome: true,
      createdById: true, createdAt: true,
      contacts: { orderBy: { contactId: "asc" }, select: { contactId: true } },
    },
  });
  if (!request) return null;
  const contactIds = request.contacts.map((c) => c.contactId);
  const staffIds = [request.createdById, request.identityVerifiedById].filter((v): v is number => v !== null);
  const [contacts, staff] = await Promise.all([
    prisma.contact.findMany({
      where: { id: { in: contactIds } },
      orderBy: { id: "asc" },
      select: { id: true, firstName: true, lastName: true, email: true, restricted: true, erasedAt: true, organisation: { select: { name: true } } },
    }),
    prisma.staff.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true } }),
  ]);
  const staffName = (sid: number | null) => (sid === null ? null : (staff.find((s) => s.id === sid)?.name ?? null));
  const { contacts: _links, ...rest } = request;
  return { ...rest, type: request.type as DsrType, contacts, createdBy: staffName(request.createdById), verifiedBy: staffName(request.identityVerifiedById) };
}

export type DsrCandidate = { id: number; firstName: string; lastName: string; email: string | null; organisationName: string | null; sameEmail: boolean };

/**
 * Contacts the request may be about: the one with the requester's e-mail (unique index), then
 * name matches through the contact list's full-text search, or what staff typed in `q`.
 */
export async function findDsrCandidates(actor: Actor, request: { requesterName: string; requesterEmail: string | null }, q?: string): Promise<DsrCandidate[]> {
  assertRole(actor, "manager");
  const prisma = await db();
  const byEmail = request.requesterEmail && !q
    ? await prisma.contact.findUnique({ where: { email: request.requesterEmail }, select: { id: true, firstName: true, lastName: true, email: true, erasedAt: true, organisation: { select: { name: true } } } })
    : null;
  const query = contactListQuerySchema.parse({ q: (q ?? request.requesterName).slice(0, 100) });
  const found: DsrCandidate[] = byEmail && !byEmail.erasedAt
    ? [{ id: byEmail.id, firstName: byEmail.firstName, lastName: byEmail.lastName, email: byEmail.email, organisationName: byEmail.organisation?.name ?? null, sameEmail: true }]
    : [];
  for (const row of listContacts(query).rows.slice(0, 10)) {
    if (found.some((f) => f.id === row.id)) continue;
    found.push({ id: row.id, firstName: row.firstName, lastName: row.lastName, email: row.email, organisationName: row.organisationName, sameEmail: false });
  }
  return found;
}

type OpenCheck = { status: string } | null;
function openFailure(request: OpenCheck): DsrFailure | null {
  if (!request) return "NOT_FOUND";
  return request.status === "open" ? null : "DSR_CLOSED";
}

export async function linkDsrContact(actor: Actor, requestId: number, contactId: number, link = true): Promise<DsrResult> {
  assertRole(actor, "manager");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const failure = openFailure(await tx.dataSubjectRequest.findUnique({ where: { id: requestId }, select: { status: true } }));
    if (failure) return { ok: false as const, reason: failure };
    if (link) {
      if (!(await tx.contact.findUnique({ where: { id: contactId }, select: { id: true } }))) return { ok: false as const, reason: "DSR_CONTACT_NOT_FOUND" as const };
      await tx.dsrContact.upsert({ where: { requestId_contactId: { requestId, contactId } }, create: { requestId, contactId }, update: {} });
    } else {
      await tx.dsrContact.deleteMany({ where: { requestId, contactId } });
    }
    await recordAudit(tx, { actor, action: link ? "dsr.contact-linked" : "dsr.contact-unlinked", recordType: "dsr", recordId: requestId, summary: { contactId } });
    return { ok: true as const };
  });
}

/** Art. 12(6): record how identity was confirmed and by whom, once. */
export async function verifyDsrIdentity(actor: Actor, requestId: number, input: VerifyIdentityInput): Promise<DsrResult> {
  assertRole(actor, "manager");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const request = await tx.dataSubjectRequest.findUnique({ where: { id: requestId }, select: { status: true, identityVerifiedAt: true } });
    const failure = openFailure(request);
    if (failure) return { ok: false as const, reason: failure };
    if (request!.identityVerifiedAt) return { ok: false as const, reason: "DSR_ALREADY_VERIFIED" as const };
    await tx.dataSubjectRequest.update({
      where: { id: requestId },
      data: { identityMethod: input.method, identityNote: input.note, identityVerifiedAt: new Date(), identityVerifiedById: actor.id },
    });
    await recordAudit(tx, { actor, action: "dsr.identity-verified", recordType: "dsr", recordId: requestId, summary: { method: input.method } });
    return { ok: true as const };
  });
}

/** Art. 12(3): one extension of two months, with a reason, asked within the first month. */
export async function extendDsrRequest(actor: Actor, requestId: number, reason: string, now = new Date()): Promise<DsrResult> {
  assertRole(actor, "manager");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const request = await tx.dataSubjectRequest.findUnique({ where: { id: requestId }, select: { status: true, receivedAt: true, extendedAt: true } });
    const failure = openFailure(request);
    if (failure) return { ok: false as const, reason: failure };
    const extension = extendDsr(request!, reason, now);
    if (!extension.ok) return extension;
    await tx.dataSubjectRequest.update({ where: { id: requestId }, data: { dueAt: extension.dueDate, extendedAt: extension.extendedAt, extensionReason: extension.reason } });
    // The reason is free text and may describe the person: only that there is one is audited.
    await recordAudit(tx, { actor, action: "dsr.extended", recordType: "dsr", recordId: requestId, summary: { dueAt: extension.dueDate.toISOString().slice(0, 10) } });
    return { ok: true as const };
  });
}

export async function closeDsr(actor: Actor, requestId: number, input: CloseDsrInput): Promise<DsrResult> {
  assertRole(actor, "manager");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const failure = openFailure(await tx.dataSubjectRequest.findUnique({ where: { id: requestId }, select: { status: true } }));
    if (failure) return { ok: false as const, reason: failure };
    await tx.dataSubjectRequest.update({ where: { id: requestId }, data: { status: input.status, outcome: input.outcome, closedAt: new Date() } });
    await recordAudit(tx, { actor, action: "dsr.closed", recordType: "dsr", recordId: requestId, summary: { status: input.status } });
    return { ok: true as const };
  });
}

/** For actions that hand data over or erase it: the request is open, identity verified, and the contact linked to it. */
export async function requireVerifiedLink(requestId: number, contactId: number | null): Promise<DsrFailure | null> {
  const prisma = await db();
  const request = await prisma.dataSubjectRequest.findUnique({
    where: { id: requestId },
    select: { status: true, identityVerifiedAt: true, contacts: { where: contactId === null ? undefined : { contactId }, select: { contactId: true } } },
  });
  const failure = openFailure(request);
  if (failure) return failure;
  if (!request!.identityVerifiedAt) return "DSR_IDENTITY_NOT_VERIFIED";
  if (request!.contacts.length === 0) return contactId === null ? "DSR_NO_CONTACTS" : "DSR_CONTACT_NOT_FOUND";
  return null;
}

/** Open and overdue counts for the privacy landing page (index status + dueAt). */
export async function dsrCounts(actor: Actor, today = new Date()) {
  assertRole(actor, "manager");
  const prisma = await db();
  const startOfToday = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const [open, overdue] = await Promise.all([
    prisma.dataSubjectRequest.count({ where: { status: "open" } }),
    prisma.dataSubjectRequest.count({ where: { status: "open", dueAt: { lt: startOfToday } } }),
  ]);
  return { open, overdue };
}
