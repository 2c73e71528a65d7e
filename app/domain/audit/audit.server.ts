import type { Actor } from "~/domain/staff/roles";
import type { Prisma, Tx } from "~/lib/db.server";
import { dbDateTime } from "~/lib/db-datetime";

export type AuditInput = {
  actor: Actor | null;
  action: string;
  recordType: string;
  recordId?: string | number | null;
  /** Changed field names and non-personal values only (ids, roles, counts, statuses). */
  summary?: Record<string, unknown>;
};

/**
 * Writes one audit entry. Call it inside the same transaction as the change it records, so that
 * a change never lands without its entry (and an entry never without its change).
 */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  const recordId = input.recordId == null ? null : String(input.recordId);
  // Every audited change pays for this insert: a raw statement in the same transaction costs about
  // a third of a Prisma create (whose query is compiled on every call in Prisma 6; ADR 016).
  await tx.$executeRaw`INSERT INTO "AuditEntry" ("at", "staffId", "ip", "action", "recordType", "recordId", "summary")
    VALUES (${dbDateTime(new Date())}, ${input.actor?.id ?? null}, ${input.actor?.ip ?? null}, ${input.action}, ${input.recordType}, ${recordId}, ${JSON.stringify(input.summary ?? {})})`;
}

/** Field names whose value changed between two versions of a record (values are not kept). */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): string[] {
  return Object.keys(after).filter((key) => {
    const a = before[key];
    const b = after[key];
    if (a instanceof Date && b instanceof Date) return a.getTime() !== b.getTime();
    return a !== b;
  });
}

export type AuditFilter = {
  staffId?: number;
  recordType?: string;
  from?: Date;
  to?: Date;
  /** Keyset cursor: entries with an id below this one. */
  before?: number;
};

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEntries(tx: Tx, filter: AuditFilter) {
  const where: Prisma.AuditEntryWhereInput = {
    staffId: filter.staffId,
    recordType: filter.recordType,
    at: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
    id: filter.before ? { lt: filter.before } : undefined,
  };
  const rows = await tx.auditEntry.findMany({
    where,
    orderBy: { id: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
    select: {
      id: true,
      at: true,
      action: true,
      recordType: true,
      recordId: true,
      ip: true,
      summary: true,
      staff: { select: { id: true, name: true } },
    },
  });
  const hasMore = rows.length > AUDIT_PAGE_SIZE;
  const entries = rows.slice(0, AUDIT_PAGE_SIZE);
  return { entries, nextCursor: hasMore ? entries[entries.length - 1].id : null };
}

export async function auditRecordTypes(tx: Tx): Promise<string[]> {
  const rows = await tx.auditEntry.findMany({ distinct: ["recordType"], select: { recordType: true } });
  return rows.map((r) => r.recordType).sort();
}
