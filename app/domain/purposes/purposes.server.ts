import { commerceRetentionFacts } from "~/domain/quotes/retention-facts.server";
import type { Language } from "~/domain/staff/roles";
import { db, type Tx } from "~/lib/db.server";
import { dbDateTime, fromDbDateTime } from "~/lib/db-datetime";
import { pendingRuleChanges } from "./recompute-job.server";
import { retentionEndDate, ruleOf, type RetentionFacts } from "./retention";
import { ruleInForce } from "./rule-change";

export type PurposeRow = { id: number; code: string; nameEn: string; nameNl: string; nameFr: string; legalBasis: string; retentionAnchor: string; retentionYears: number; retentionMonths: number; marketing: boolean };

/**
 * Active purposes, in their seeded order. Read by every contact save: a raw query in the caller's
 * transaction (a Prisma model query compiles on every call in Prisma 6, ADR 016).
 */
export async function listPurposes(tx?: Tx): Promise<PurposeRow[]> {
  const client = tx ?? (await db());
  const rows = await client.$queryRaw<(Omit<PurposeRow, "marketing"> & { marketing: number | boolean })[]>`
    SELECT id, code, "nameEn", "nameNl", "nameFr", "legalBasis", "retentionAnchor", "retentionYears", "retentionMonths", marketing
    FROM "Purpose" WHERE active = 1 ORDER BY id`;
  return rows.map((r) => ({ ...r, id: Number(r.id), retentionYears: Number(r.retentionYears), retentionMonths: Number(r.retentionMonths), marketing: Boolean(r.marketing) }));
}

export function purposeName(p: { nameEn: string; nameNl: string; nameFr: string }, language: Language | string): string {
  return language === "nl" ? p.nameNl : language === "fr" ? p.nameFr : p.nameEn;
}

/** The facts about a contact that retention rules count from. */
export type ContactFacts = Omit<RetentionFacts, "since">;

/**
 * Recomputes the retention date of each of the contact's open processing records from its
 * purpose's rule. Called in the same transaction as whatever moved a fact (an interaction, an invoice…).
 * Returns how many records moved.
 */
export async function syncRetention(tx: Tx, contactId: number, extraFacts: ContactFacts = {}): Promise<number> {
  // Raw queries in the caller's transaction: this runs on every save and every logged interaction.
  type Row = { lastInteractionAt: string | null; id: number | null; purposeId: number | null; since: string | null; retentionEndsAt: string | null; retentionAnchor: string | null; retentionYears: number | null; retentionMonths: number | null };
  const rows = await tx.$queryRaw<Row[]>`
    SELECT c."lastInteractionAt", pr.id, pr."purposeId", pr."since", pr."retentionEndsAt", p."retentionAnchor", p."retentionYears", p."retentionMonths"
    FROM "Contact" c
    LEFT JOIN "ProcessingRecord" pr ON pr."contactId" = c.id AND pr."endedAt" IS NULL
    LEFT JOIN "Purpose" p ON p.id = pr."purposeId"
    WHERE c.id = ${contactId}`;
  if (rows.length === 0) throw new Error(`contact ${contactId} not found`);
  const lastInteractionAt = fromDbDateTime(rows[0].lastInteractionAt);
  // Invoice and training dates are read here, not passed by callers, so no caller can drop them.
  const stored = await commerceRetentionFacts(tx, contactId);
  // A record a rule change's recompute has not reached yet keeps to the old rule: the recompute moves it later.
  const pending = await pendingRuleChanges(tx);
  let moved = 0;
  for (const record of rows) {
    if (record.id === null || record.purposeId === null || record.since === null) continue;
    const current = ruleOf({ retentionAnchor: record.retentionAnchor!, retentionYears: Number(record.retentionYears), retentionMonths: Number(record.retentionMonths) });
    const rule = ruleInForce(current, { id: Number(record.id), purposeId: Number(record.purposeId), contactId }, pending);
    const end = retentionEndDate(rule, { since: fromDbDateTime(record.since), lastInteractionAt, ...stored, ...extraFacts });
    if ((end?.getTime() ?? null) !== (fromDbDateTime(record.retentionEndsAt)?.getTime() ?? null)) {
      await tx.$executeRaw`UPDATE "ProcessingRecord" SET "retentionEndsAt" = ${end ? dbDateTime(end) : null} WHERE id = ${Number(record.id)}`;
      moved += 1;
    }
  }
  return moved;
}
