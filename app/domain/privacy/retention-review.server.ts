import { recordAudit } from "~/domain/audit/audit.server";
import { listPurposes, purposeName } from "~/domain/purposes/purposes.server";
import type { Actor } from "~/domain/staff/roles";
import { staffNames } from "~/domain/staff/staff.server";
import { db, type Tx } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import { eraseContactIn } from "./erasure.server";
import { reviewQueuePage } from "./retention-review-sql.server";
import { REVIEW_PAGE_SIZE, type ReviewDecision, type ReviewFilter } from "./retention-review.schema";

/**
 * The managers' retention review (Art. 5(1)(e)): the contacts the sweep flagged, why, and the one
 * decision a person takes for each — erase, extend with a reason and a new date, or keep under a
 * legal hold. Each decision is a RetentionDecision row and an audit entry, in one transaction.
 */

export type ReviewEntry = {
  id: number;
  firstName: string;
  lastName: string;
  organisation: string | null;
  owner: string | null;
  flaggedAt: Date;
  /** The purposes that ran out, oldest first. */
  reasons: { purposeId: number; names: { nameEn: string; nameNl: string; nameFr: string }; runOutOn: Date | null; flaggedAt: Date | null }[];
};

function decodeCursor(cursor: string | undefined): { at: Date; id: number } | null {
  if (!cursor) return null;
  const [ms, id] = cursor.split(".").map(Number);
  return { at: new Date(ms), id };
}

/** Oldest flag first, by keyset on the flag (retention-review-sql.server.ts picks the page's ids). */
export async function listReviewQueue(actor: Actor, filter: ReviewFilter): Promise<{ entries: ReviewEntry[]; nextCursor: string | null }> {
  assertRole(actor, "manager");
  const found = reviewQueuePage({
    purpose: filter.purpose, owner: filter.owner, since: filter.since ? new Date(`${filter.since}T00:00:00Z`) : undefined,
    after: decodeCursor(filter.cursor), limit: REVIEW_PAGE_SIZE + 1,
  });
  const ids = found.slice(0, REVIEW_PAGE_SIZE).map((r) => r.id);
  const prisma = await db();
  const rows = await prisma.contact.findMany({
    where: { id: { in: ids } },
    select: {
      id: true, firstName: true, lastName: true, retentionFlag: { select: { flaggedAt: true } },
      organisation: { select: { name: true } },
      owner: { select: { name: true } },
      processingRecords: {
        where: { retentionFlag: { isNot: null } },
        orderBy: { retentionEndsAt: "asc" },
        select: {
          purposeId: true, retentionEndsAt: true, extendedUntil: true, retentionFlag: { select: { flaggedAt: true } },
          purpose: { select: { nameEn: true, nameNl: true, nameFr: true } },
        },
      },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  // A row decided between the two reads simply drops out of this page.
  const page = ids.flatMap((id) => {
    const r = byId.get(id);
    return r && r.retentionFlag ? [{ ...r, retentionFlaggedAt: r.retentionFlag.flaggedAt }] : [];
  });
  const entries = page.map((r) => ({
    id: r.id, firstName: r.firstName, lastName: r.lastName, organisation: r.organisation?.name ?? null, owner: r.owner?.name ?? null,
    flaggedAt: r.retentionFlaggedAt,
    reasons: r.processingRecords.map((p) => ({
      purposeId: p.purposeId, names: p.purpose, flaggedAt: p.retentionFlag?.flaggedAt ?? null,
      runOutOn: p.extendedUntil && p.retentionEndsAt && p.extendedUntil > p.retentionEndsAt ? p.extendedUntil : p.retentionEndsAt,
    })),
  }));
  const last = found[REVIEW_PAGE_SIZE - 1];
  const nextCursor = found.length > REVIEW_PAGE_SIZE ? `${Date.parse(last.at)}.${last.id}` : null;
  return { entries, nextCursor };
}

/** The choices of the queue's filters (the review queue and the list of holds share them), names in `language`. */
export async function queueFilterOptions(language: string) {
  const [purposes, owners] = await Promise.all([listPurposes(), staffNames()]);
  return {
    purposes: purposes.map((p) => ({ id: p.id, name: purposeName(p, language) })),
    owners: owners.map((o) => ({ id: o.id, name: o.name })),
  };
}

export type DecisionFailure = "NOT_FOUND" | "NOT_FLAGGED" | "LEGAL_HOLD" | "ALREADY_ERASED" | "DATE_NOT_FUTURE";
export type DecisionResult = { ok: true } | { ok: false; reason: DecisionFailure };

/** One decision on one flagged contact. */
export async function decideRetention(actor: Actor, contactId: number, decision: ReviewDecision): Promise<DecisionResult> {
  assertRole(actor, "manager");
  const prisma = await db();
  return prisma.$transaction((tx) => decideIn(tx, actor, contactId, decision));
}

/** The same decision for several entries; each is its own transaction, so one refusal does not undo the others. */
export async function decideRetentionBulk(
  actor: Actor, contactIds: number[], decision: Exclude<ReviewDecision, { kind: "erase" }>,
): Promise<{ ok: true; done: number; skipped: { id: number; reason: DecisionFailure }[] }> {
  assertRole(actor, "manager");
  const skipped: { id: number; reason: DecisionFailure }[] = [];
  let done = 0;
  for (const id of new Set(contactIds)) {
    const result = await decideRetention(actor, id, decision);
    if (result.ok) done += 1;
    else skipped.push({ id, reason: result.reason });
  }
  return { ok: true, done, skipped };
}

async function decideIn(tx: Tx, actor: Actor, contactId: number, decision: ReviewDecision): Promise<DecisionResult> {
  const contact = await tx.contact.findUnique({ where: { id: contactId }, select: { retentionFlag: { select: { flaggedAt: true } }, erasedAt: true } });
  if (!contact) return { ok: false, reason: "NOT_FOUND" };
  if (contact.erasedAt) return { ok: false, reason: "ALREADY_ERASED" };
  // Someone else may have decided meanwhile: the entry has left the queue.
  if (!contact.retentionFlag) return { ok: false, reason: "NOT_FLAGGED" };
  if (decision.kind === "erase") return eraseContactIn(tx, actor, contactId, { reason: decision.reason });

  const now = new Date();
  if (decision.kind === "extend" && decision.until.getTime() <= now.getTime()) return { ok: false, reason: "DATE_NOT_FUTURE" };
  // Extend moves the records that ran out; a hold keeps the whole entry, so it covers every open record.
  const records = await tx.processingRecord.findMany({
    where: decision.kind === "extend" ? { contactId, retentionFlag: { isNot: null }, endedAt: null } : { contactId, endedAt: null },
    select: { id: true, purpose: { select: { code: true } } },
  });
  const ids = records.map((r) => r.id);
  await tx.processingRecord.updateMany({
    where: { id: { in: ids } },
    data: decision.kind === "extend"
      ? { extendedUntil: decision.until, extensionReason: decision.reason }
      : { legalHoldReason: decision.reason, legalHoldAt: now },
  });
  await tx.retentionFlag.deleteMany({ where: { recordId: { in: ids } } });
  await tx.contactRetentionFlag.delete({ where: { contactId } });
  const newDate = decision.kind === "extend" ? decision.until : null;
  const rows = ids.length ? ids.map((id) => ({ processingRecordId: id as number | null })) : [{ processingRecordId: null }];
  for (const row of rows) {
    await tx.retentionDecision.create({ data: { contactId, ...row, decision: decision.kind, reason: decision.reason, newDate, staffId: actor.id } });
  }
  await recordAudit(tx, {
    actor, action: decision.kind === "extend" ? "retention.extended" : "retention.held", recordType: "contact", recordId: contactId,
    // Ids, purpose codes and the date only; the reason (staff's words) is in the decision rows.
    summary: { records: ids, purposes: records.map((r) => r.purpose.code), until: newDate?.toISOString().slice(0, 10) },
  });
  return { ok: true };
}
