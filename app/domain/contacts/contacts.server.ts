import { changedFields, recordAudit } from "~/domain/audit/audit.server";
import { listPurposes, syncRetention } from "~/domain/purposes/purposes.server";
import { retentionEndDate, ruleOf } from "~/domain/purposes/retention";
import { isThirdPartySource, noticeDueDate } from "~/domain/privacy/art14";
import { endProcessingRecords, type EndableRecord } from "~/domain/privacy/processing.server";
import { isSuppressedIn } from "~/domain/privacy/suppression-list.server";
import type { Actor } from "~/domain/staff/roles";
import { db, type Tx } from "~/lib/db.server";
import { canReassignOwner, contactEditDenied, contactSortName, foldText, type EditDenied } from "./contact-rules";
import type { ContactInput } from "./contact.schema";

export type Duplicate = { id: number; firstName: string; lastName: string; email: string | null; organisation: string | null; sameEmail: boolean };

export type SaveResult =
  | { ok: true; id: number }
  | { ok: false; reason: "DUPLICATE"; duplicates: Duplicate[] }
  | { ok: false; reason: "EMAIL_TAKEN"; duplicates: Duplicate[] }
  | { ok: false; reason: "OWNER_NOT_ALLOWED" | "PURPOSE_UNKNOWN" | "NOT_FOUND" | "EMAIL_SUPPRESSED" | EditDenied };

/** Contacts that look like the same person: same e-mail, or same first + last name in the same organisation. */
export async function findDuplicates(
  tx: Tx,
  input: { email: string | null; firstName: string; lastName: string; organisationId: number | null },
  excludeId?: number,
): Promise<Duplicate[]> {
  if (!input.email && !input.organisationId) return [];
  // Raw in the caller's transaction: it runs on every save (a Prisma query compiles each time, ADR 016).
  // A NULL parameter matches nothing, so each half of the OR applies only when it has a value;
  // SQLite answers each half from its own index (e-mail; organisation + sort name).
  const rows = await tx.$queryRaw<{ id: number; firstName: string; lastName: string; email: string | null; organisation: string | null }[]>`
    SELECT c.id, c."firstName", c."lastName", c."email", o."name" AS "organisation"
    FROM "Contact" c LEFT JOIN "Organisation" o ON o.id = c."organisationId"
    WHERE (c."email" = ${input.email} OR (c."organisationId" = ${input.organisationId} AND c."sortName" = ${contactSortName(input.firstName, input.lastName)}))
      AND c."erasedAt" IS NULL AND c.id <> ${excludeId ?? 0}
    LIMIT 5`;
  return rows.map((r) => ({ id: Number(r.id), firstName: r.firstName, lastName: r.lastName, email: r.email, organisation: r.organisation, sameEmail: Boolean(input.email && r.email === input.email) }));
}

/** The organisation with this name (accent- and case-insensitive), created when there is none. */
async function organisationIdFor(tx: Tx, actor: Actor, name: string | null): Promise<number | null> {
  if (!name) return null;
  const sortName = foldText(name);
  const [existing] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Organisation" WHERE "sortName" = ${sortName} ORDER BY id LIMIT 1`;
  if (existing) return Number(existing.id);
  const created = await tx.organisation.create({ data: { name, sortName }, select: { id: true } });
  await recordAudit(tx, { actor, action: "organisation.created", recordType: "organisation", recordId: created.id, summary: { via: "contact-form" } });
  return created.id;
}

function contactData(input: ContactInput, organisationId: number | null) {
  const obtainedAt = new Date(`${input.obtainedAt}T00:00:00Z`);
  return {
    firstName: input.firstName, lastName: input.lastName, sortName: contactSortName(input.firstName, input.lastName),
    email: input.email, phone: input.phone, mobile: input.mobile, jobTitle: input.jobTitle,
    street: input.street, postalCode: input.postalCode, city: input.city, country: input.country,
    language: input.language, stage: input.stage, ownerId: input.ownerId, organisationId,
    sourceKind: input.sourceKind, sourceDetail: input.sourceDetail, obtainedAt,
    // Art. 14: data not obtained from the person must be followed by a notice within a month.
    noticeDueAt: isThirdPartySource(input.sourceKind) ? noticeDueDate(obtainedAt) : null,
  };
}

/**
 * Creates a contact with one processing record per purpose, in one transaction with its audit
 * entry. The records are written first: the database refuses a contact without one.
 */
export async function createContact(actor: Actor, input: ContactInput): Promise<SaveResult> {
  if (input.purposeIds.length === 0) return { ok: false, reason: "PURPOSE_UNKNOWN" };
  const ownerId = input.ownerId ?? (canReassignOwner(actor) ? null : actor.id);
  if (!canReassignOwner(actor) && ownerId !== actor.id) return { ok: false, reason: "OWNER_NOT_ALLOWED" };
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const purposes = (await listPurposes(tx)).filter((p) => input.purposeIds.includes(p.id));
    if (purposes.length !== input.purposeIds.length) return { ok: false as const, reason: "PURPOSE_UNKNOWN" as const };
    // An erased or objecting person is not re-added (suppression list).
    if (await isSuppressedIn(tx, input.email)) return { ok: false as const, reason: "EMAIL_SUPPRESSED" as const };
    const organisationId = await organisationIdFor(tx, actor, input.organisationName);
    const duplicates = await findDuplicates(tx, { ...input, organisationId });
    if (duplicates.some((d) => d.sameEmail)) return { ok: false as const, reason: "EMAIL_TAKEN" as const, duplicates };
    if (duplicates.length && !input.confirmDuplicate) return { ok: false as const, reason: "DUPLICATE" as const, duplicates };

    const data = contactData({ ...input, ownerId }, organisationId);
    const id = await nextContactId(tx);
    await tx.processingRecord.createMany({
      data: purposes.map((p) => ({
        contactId: id, purposeId: p.id, legalBasis: p.legalBasis, sourceKind: input.sourceKind, since: data.obtainedAt,
        evidence: input.evidence, retentionEndsAt: retentionEndDate(ruleOf(p), { since: data.obtainedAt }),
      })),
    });
    await tx.contact.create({ data: { id, ...data, tags: { create: input.tags.map((tag) => ({ tag })) } } });
    await recordAudit(tx, {
      actor, action: "contact.created", recordType: "contact", recordId: id,
      summary: { purposes: purposes.map((p) => p.code), sourceKind: input.sourceKind, stage: input.stage },
    });
    return { ok: true as const, id };
  });
}

/** The id the next contact gets (inside the write transaction, so no one else can take it). */
async function nextContactId(tx: Tx): Promise<number> {
  const rows = await tx.$queryRawUnsafe<{ seq: bigint | number }[]>(`SELECT seq FROM sqlite_sequence WHERE name = 'Contact'`);
  return Number(rows[0]?.seq ?? 0) + 1;
}

export async function updateContact(actor: Actor, id: number, input: ContactInput): Promise<SaveResult> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const before = await tx.contact.findUnique({
      where: { id },
      select: {
        firstName: true, lastName: true, email: true, phone: true, mobile: true, jobTitle: true, street: true, postalCode: true,
        city: true, country: true, language: true, stage: true, ownerId: true, organisationId: true, sourceKind: true,
        sourceDetail: true, obtainedAt: true, restricted: true, erasedAt: true, noticeDueAt: true,
        lastInteractionAt: true,
        processingRecords: { select: { id: true, purposeId: true, endedAt: true, since: true, purpose: { select: { retentionAnchor: true, retentionYears: true, retentionMonths: true } } } },
        tags: { select: { tag: true } },
      },
    });
    if (!before) return { ok: false as const, reason: "NOT_FOUND" as const };
    const denied = contactEditDenied(actor, before);
    if (denied) return { ok: false as const, reason: denied };
    if (input.ownerId !== before.ownerId && !canReassignOwner(actor)) return { ok: false as const, reason: "OWNER_NOT_ALLOWED" as const };
    // Only a new address is checked: a kept customer who objected to marketing keeps theirs.
    if (input.email !== before.email && (await isSuppressedIn(tx, input.email))) return { ok: false as const, reason: "EMAIL_SUPPRESSED" as const };
    const organisationId = await organisationIdFor(tx, actor, input.organisationName);
    const duplicates = await findDuplicates(tx, { ...input, organisationId }, id);
    if (duplicates.some((d) => d.sameEmail)) return { ok: false as const, reason: "EMAIL_TAKEN" as const, duplicates };
    const nameChanged = before.firstName !== input.firstName || before.lastName !== input.lastName || before.organisationId !== organisationId;
    if (duplicates.length && nameChanged && !input.confirmDuplicate) return { ok: false as const, reason: "DUPLICATE" as const, duplicates };

    const purposes = (await listPurposes(tx)).filter((p) => input.purposeIds.includes(p.id));
    if (purposes.length !== input.purposeIds.length) return { ok: false as const, reason: "PURPOSE_UNKNOWN" as const };
    const data = contactData(input, organisationId);
    // Keep the Art. 14 date once set (a notice may already be running).
    const { noticeDueAt, ...rest } = data;
    await tx.contact.update({ where: { id }, data: { ...rest, noticeDueAt: before.noticeDueAt ?? noticeDueAt } });
    const now = new Date();
    const purposeChanges = await syncPurposes(tx, id, before, purposes, input, now);
    const oldTags = before.tags.map((t) => t.tag).sort();
    if (oldTags.join(",") !== [...input.tags].sort().join(",")) {
      await tx.contactTag.deleteMany({ where: { contactId: id } });
      await tx.contactTag.createMany({ data: input.tags.map((tag) => ({ contactId: id, tag })) });
    }
    await syncRetention(tx, id);
    const fields = changedFields(before as unknown as Record<string, unknown>, { ...rest } as Record<string, unknown>);
    await recordAudit(tx, { actor, action: "contact.updated", recordType: "contact", recordId: id, summary: { fields, ...purposeChanges, tagsChanged: oldTags.length !== input.tags.length || undefined } });
    return { ok: true as const, id };
  });
}

/** Opens records for newly chosen purposes (or re-opens ended ones) and ends the ones no longer chosen; history stays. */
async function syncPurposes(
  tx: Tx, contactId: number, contact: { lastInteractionAt: Date | null; processingRecords: (EndableRecord & { purposeId: number; endedAt: Date | null })[] },
  purposes: Awaited<ReturnType<typeof listPurposes>>, input: ContactInput, now: Date,
) {
  const records = contact.processingRecords;
  const chosen = new Set(purposes.map((p) => p.id));
  const added: string[] = [];
  for (const p of purposes) {
    const record = records.find((r) => r.purposeId === p.id);
    if (!record) {
      await tx.processingRecord.create({ data: { contactId, purposeId: p.id, legalBasis: p.legalBasis, sourceKind: input.sourceKind, since: now, evidence: input.evidence } });
      added.push(p.code);
    } else if (record.endedAt) {
      await tx.processingRecord.update({ where: { id: record.id }, data: { endedAt: null, since: now, evidence: input.evidence ?? undefined } });
      added.push(p.code);
    }
  }
  // An unticked purpose ends today, and its date is set from that end: a contract's period starts now (ADR 025).
  const ending = records.filter((r) => !r.endedAt && !chosen.has(r.purposeId));
  await endProcessingRecords(tx, contactId, ending, now, contact.lastInteractionAt);
  const ended = ending.map((r) => String(r.purposeId));
  return { purposesAdded: added.length ? added : undefined, purposesEnded: ended.length ? ended : undefined };
}
