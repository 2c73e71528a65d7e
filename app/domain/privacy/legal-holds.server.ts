import { recordAudit } from "~/domain/audit/audit.server";
import type { Actor } from "~/domain/staff/roles";
import { db, preparedStatement } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import { isoDb } from "./db-dates";
import { flagContactForReview } from "./processing.server";
import { retentionReview } from "./retention-flags";
import { REVIEW_PAGE_SIZE, type ReviewFilter } from "./retention-review.schema";

/**
 * Entries kept under a legal hold (Art. 17(3)(e)): a manager placed them from the review queue for a
 * dispute or an audit, so the sweep leaves them alone and erasure is refused. Lifting the hold is a
 * decision like the others — a reason, a RetentionDecision row per record and an audit entry, in one
 * transaction — and puts the entry back under its retention periods at once.
 */

export type HeldEntry = {
  id: number;
  firstName: string;
  lastName: string;
  organisation: string | null;
  owner: string | null;
  heldAt: Date;
  /** Who placed the hold (the latest hold decision); null when no decision row names anyone. */
  heldBy: string | null;
  /** The reasons given, as stored on the held records (one, unless holds were placed at different times). */
  reasons: string[];
  purposes: { purposeId: number; names: { nameEn: string; nameNl: string; nameFr: string } }[];
};

type HeldPageQuery = { purpose?: number; owner?: number | "unassigned"; since?: Date; after: { at: Date; id: number } | null; limit: number };

/**
 * One page of held contacts, oldest hold first, by keyset on (hold time, contact id). Holds are few,
 * so the partial index of held records (migration 0009) is read whole, in contact order for the
 * grouping; CROSS JOIN keeps SQLite from walking all of an owner's contacts instead.
 */
function heldPage(query: HeldPageQuery): { id: number; at: string }[] {
  const where = ['pr."legalHoldReason" IS NOT NULL', 'pr."endedAt" IS NULL', 'c."erasedAt" IS NULL'];
  const having: string[] = [];
  const params: Record<string, string | number> = { limit: query.limit };
  const at = 'min(coalesce(pr."legalHoldAt", pr."createdAt"))';
  if (query.owner === "unassigned") where.push('c."ownerId" IS NULL');
  else if (query.owner !== undefined) {
    where.push('c."ownerId" = @owner');
    params.owner = query.owner;
  }
  if (query.purpose !== undefined) {
    having.push('max(pr."purposeId" = @purpose) = 1');
    params.purpose = query.purpose;
  }
  if (query.since) {
    having.push(`${at} >= @since`);
    params.since = isoDb(query.since);
  }
  if (query.after) {
    having.push(`(${at}, pr."contactId") > (@afterAt, @afterId)`);
    params.afterAt = isoDb(query.after.at);
    params.afterId = query.after.id;
  }
  const sql = `SELECT pr."contactId" AS id, ${at} AS at
    FROM "ProcessingRecord" pr INDEXED BY "ProcessingRecord_held_contactId_idx" CROSS JOIN "Contact" c ON c.id = pr."contactId"
    WHERE ${where.join(" AND ")} GROUP BY pr."contactId" ${having.length ? `HAVING ${having.join(" AND ")}` : ""}
    ORDER BY at, id LIMIT @limit`;
  return preparedStatement(sql).all(params) as { id: number; at: string }[];
}

function decodeCursor(cursor: string | undefined): { at: Date; id: number } | null {
  if (!cursor) return null;
  const [ms, id] = cursor.split(".").map(Number);
  return { at: new Date(ms), id };
}

/** The entries on legal hold, with the same filters and paging as the review queue ("since" is the day the hold was placed). */
export async function listLegalHolds(actor: Actor, filter: ReviewFilter): Promise<{ entries: HeldEntry[]; nextCursor: string | null }> {
  assertRole(actor, "manager");
  const found = heldPage({
    purpose: filter.purpose, owner: filter.owner, since: filter.since ? new Date(`${filter.since}T00:00:00Z`) : undefined,
    after: decodeCursor(filter.cursor), limit: REVIEW_PAGE_SIZE + 1,
  });
  const page = found.slice(0, REVIEW_PAGE_SIZE);
  const ids = page.map((r) => r.id);
  const prisma = await db();
  const [rows, decisions] = await Promise.all([
    prisma.contact.findMany({
      where: { id: { in: ids } },
      select: {
        id: true, firstName: true, lastName: true,
        organisation: { select: { name: true } },
        owner: { select: { name: true } },
        processingRecords: {
          where: { legalHoldReason: { not: null }, endedAt: null },
          orderBy: { id: "asc" },
          select: { purposeId: true, legalHoldReason: true, purpose: { select: { nameEn: true, nameNl: true, nameFr: true } } },
        },
      },
    }),
    prisma.retentionDecision.findMany({ where: { contactId: { in: ids }, decision: "hold" }, orderBy: { id: "desc" }, select: { contactId: true, staffId: true } }),
  ]);
  const placedBy = new Map<number, number>();
  for (const d of decisions) if (!placedBy.has(d.contactId)) placedBy.set(d.contactId, d.staffId);
  const staff = await prisma.staff.findMany({ where: { id: { in: [...new Set(placedBy.values())] } }, select: { id: true, name: true } });
  const staffName = new Map(staff.map((s) => [s.id, s.name]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  // A hold lifted between the two reads simply drops out of this page.
  const entries = page.flatMap(({ id, at }) => {
    const r = byId.get(id);
    if (!r || r.processingRecords.length === 0) return [];
    const by = placedBy.get(id);
    return [{
      id, firstName: r.firstName, lastName: r.lastName, organisation: r.organisation?.name ?? null, owner: r.owner?.name ?? null,
      heldAt: new Date(at), heldBy: by === undefined ? null : (staffName.get(by) ?? null),
      reasons: [...new Set(r.processingRecords.map((p) => p.legalHoldReason ?? ""))].filter(Boolean),
      purposes: r.processingRecords.map((p) => ({ purposeId: p.purposeId, names: p.purpose })),
    }];
  });
  const last = found[REVIEW_PAGE_SIZE - 1];
  const nextCursor = found.length > REVIEW_PAGE_SIZE ? `${Date.parse(last.at)}.${last.id}` : null;
  return { entries, nextCursor };
}

export type LiftHoldResult = { ok: true; flagged: boolean } | { ok: false; reason: "NOT_FOUND" | "ALREADY_ERASED" | "NOT_HELD" };

/**
 * Lifts the hold on every record of the contact. What ran out during the hold is flagged at once,
 * by the sweep's own rule (retentionReview), so the entry is back in the review queue without
 * waiting for the next sweep; the sweep then finds nothing to change.
 */
export async function liftLegalHold(actor: Actor, contactId: number, reason: string): Promise<LiftHoldResult> {
  assertRole(actor, "manager");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: contactId }, select: { erasedAt: true } });
    if (!contact) return { ok: false as const, reason: "NOT_FOUND" as const };
    if (contact.erasedAt) return { ok: false as const, reason: "ALREADY_ERASED" as const };
    const held = await tx.processingRecord.findMany({ where: { contactId, legalHoldReason: { not: null } }, select: { id: true, endedAt: true, purpose: { select: { code: true } } } });
    // Someone else may have lifted it meanwhile (a hold on an ended record keeps nothing).
    if (!held.some((r) => r.endedAt === null)) return { ok: false as const, reason: "NOT_HELD" as const };

    const now = new Date();
    const ids = held.map((r) => r.id);
    await tx.processingRecord.updateMany({ where: { id: { in: ids } }, data: { legalHoldReason: null, legalHoldAt: null } });
    const open = await tx.processingRecord.findMany({
      where: { contactId, endedAt: null },
      select: { id: true, purposeId: true, retentionEndsAt: true, extendedUntil: true, retentionFlag: { select: { flaggedAt: true } }, purpose: { select: { code: true } } },
    });
    const { expired } = retentionReview(open.map((r) => ({ purposeCode: r.purpose.code, retentionEndsAt: r.retentionEndsAt, extendedUntil: r.extendedUntil })), now);
    const due = open.filter((r) => expired.includes(r.purpose.code));
    if (due.length) {
      const unflagged = due.filter((r) => !r.retentionFlag);
      await tx.retentionFlag.createMany({ data: unflagged.map((r) => ({ recordId: r.id, contactId, purposeId: r.purposeId, flaggedAt: now })) });
      await flagContactForReview(tx, contactId, now);
    }
    const decisionIds: number[] = [];
    for (const id of ids) {
      const decision = await tx.retentionDecision.create({ data: { contactId, processingRecordId: id, decision: "lift-hold", reason, staffId: actor.id }, select: { id: true } });
      decisionIds.push(decision.id);
    }
    await recordAudit(tx, {
      actor, action: "retention.hold-lifted", recordType: "contact", recordId: contactId,
      // Ids and purpose codes only: the reason (staff's words, possibly naming people) is in the decision rows.
      summary: { records: ids, purposes: held.map((r) => r.purpose.code), decisionIds, flagged: due.map((r) => r.purpose.code) },
    });
    return { ok: true as const, flagged: due.length > 0 };
  });
}
