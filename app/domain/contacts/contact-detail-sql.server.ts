/**
 * The contact page's reads as prepared statements (SQLite, raw): four statements instead of the ten
 * SQL queries Prisma compiles for the same nested select, on the page staff open most (ADR 016:
 * each Prisma query costs ~1 ms of CPU in its query compiler). Dates come back as Date, flags as
 * booleans: the shape Prisma gave.
 */
import { preparedStatements } from "~/lib/db.server";
import { fromDbDateTime } from "~/lib/db-datetime";

const SQL = {
  contact: `SELECT c.id, c."firstName", c."lastName", c."email", c."phone", c."mobile", c."jobTitle", c."street", c."postalCode", c."city",
      c."country", c."language", c."stage", c."sourceKind", c."sourceDetail", c."obtainedAt", c."restricted", c."restrictionReason",
      c."restrictedAt", c."lastInteractionAt", f."flaggedAt" AS "retentionFlaggedAt", c."noticeDueAt", c."noticeSentAt", c."erasedAt",
      c."createdAt", c."ownerId", s."name" AS "ownerName", c."organisationId", o."name" AS "organisationName",
      c."tradeFairId", t."name" AS "tradeFairName"
    FROM "Contact" c
    LEFT JOIN "Staff" s ON s.id = c."ownerId"
    LEFT JOIN "Organisation" o ON o.id = c."organisationId"
    LEFT JOIN "TradeFair" t ON t.id = c."tradeFairId"
    LEFT JOIN "ContactRetentionFlag" f ON f."contactId" = c.id
    WHERE c.id = ?`,
  tags: `SELECT "tag" FROM "ContactTag" WHERE "contactId" = ? ORDER BY "tag"`,
  // Open records first (NULL sorts first, as Prisma's ascending order on SQLite), then by id.
  records: `SELECT pr.id, pr."legalBasis", pr."sourceKind", pr."since", pr."evidence", pr."retentionEndsAt", f."flaggedAt", pr."endedAt",
      pr."extendedUntil", pr."legalHoldReason", p.id AS "purposeId", p."code", p."nameEn", p."nameNl", p."nameFr", p."retentionAnchor",
      p."retentionYears", p."retentionMonths"
    FROM "ProcessingRecord" pr
    JOIN "Purpose" p ON p.id = pr."purposeId"
    LEFT JOIN "RetentionFlag" f ON f."recordId" = pr.id
    WHERE pr."contactId" = ? ORDER BY pr."endedAt", pr.id`,
  interactions: `SELECT i.id, i."kind", i."occurredAt", i."summary", s."name" AS "staffName"
    FROM "Interaction" i LEFT JOIN "Staff" s ON s.id = i."staffId"
    WHERE i."contactId" = ? ORDER BY i."occurredAt" DESC, i.id DESC LIMIT 50`,
};

type Text = string | null;
type ContactRow = {
  id: number; firstName: string; lastName: string; email: Text; phone: Text; mobile: Text; jobTitle: Text; street: Text; postalCode: Text;
  city: Text; country: Text; language: Text; stage: string; sourceKind: string; sourceDetail: Text; obtainedAt: string; restricted: number;
  restrictionReason: Text; restrictedAt: Text; lastInteractionAt: Text; retentionFlaggedAt: Text; noticeDueAt: Text; noticeSentAt: Text;
  erasedAt: Text; createdAt: string; ownerId: number | null; ownerName: Text; organisationId: number | null; organisationName: Text;
  tradeFairId: number | null; tradeFairName: Text;
};
type RecordRow = {
  id: number; legalBasis: string; sourceKind: string; since: string; evidence: Text; retentionEndsAt: Text; flaggedAt: Text; endedAt: Text;
  extendedUntil: Text; legalHoldReason: Text; purposeId: number; code: string; nameEn: string; nameNl: string; nameFr: string;
  retentionAnchor: string; retentionYears: number; retentionMonths: number;
};
type InteractionRow = { id: number; kind: string; occurredAt: string; summary: string; staffName: Text };

/** Everything the contact page shows about the person, or null. */
export function readContactDetail(id: number) {
  const s = preparedStatements(SQL);
  const c = s.contact.get(id) as ContactRow | undefined;
  if (!c) return null;
  const tags = s.tags.all(id) as { tag: string }[];
  const records = s.records.all(id) as RecordRow[];
  const interactions = s.interactions.all(id) as InteractionRow[];
  return {
    id: c.id, firstName: c.firstName, lastName: c.lastName, email: c.email, phone: c.phone, mobile: c.mobile, jobTitle: c.jobTitle,
    street: c.street, postalCode: c.postalCode, city: c.city, country: c.country, language: c.language, stage: c.stage,
    sourceKind: c.sourceKind, sourceDetail: c.sourceDetail, obtainedAt: fromDbDateTime(c.obtainedAt), restricted: c.restricted !== 0,
    restrictionReason: c.restrictionReason, restrictedAt: fromDbDateTime(c.restrictedAt), lastInteractionAt: fromDbDateTime(c.lastInteractionAt),
    retentionFlaggedAt: fromDbDateTime(c.retentionFlaggedAt), noticeDueAt: fromDbDateTime(c.noticeDueAt), noticeSentAt: fromDbDateTime(c.noticeSentAt),
    erasedAt: fromDbDateTime(c.erasedAt), createdAt: fromDbDateTime(c.createdAt), ownerId: c.ownerId,
    owner: c.ownerId === null || c.ownerName === null ? null : { id: c.ownerId, name: c.ownerName },
    organisation: c.organisationId === null || c.organisationName === null ? null : { id: c.organisationId, name: c.organisationName },
    tradeFair: c.tradeFairId === null || c.tradeFairName === null ? null : { id: c.tradeFairId, name: c.tradeFairName },
    tags,
    processingRecords: records.map((r) => ({
      id: r.id, legalBasis: r.legalBasis, sourceKind: r.sourceKind, since: fromDbDateTime(r.since), evidence: r.evidence,
      retentionEndsAt: fromDbDateTime(r.retentionEndsAt), flaggedAt: fromDbDateTime(r.flaggedAt), endedAt: fromDbDateTime(r.endedAt),
      extendedUntil: fromDbDateTime(r.extendedUntil), legalHoldReason: r.legalHoldReason,
      purpose: {
        id: r.purposeId, code: r.code, nameEn: r.nameEn, nameNl: r.nameNl, nameFr: r.nameFr, retentionAnchor: r.retentionAnchor,
        retentionYears: r.retentionYears, retentionMonths: r.retentionMonths,
      },
    })),
    interactions: interactions.map((i) => ({ id: i.id, kind: i.kind, occurredAt: fromDbDateTime(i.occurredAt), summary: i.summary, staff: i.staffName === null ? null : { name: i.staffName } })),
  };
}
