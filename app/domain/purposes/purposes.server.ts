import { commerceRetentionFacts } from "~/domain/quotes/retention-facts.server";
import type { Language } from "~/domain/staff/roles";
import { db, type Tx } from "~/lib/db.server";
import { pendingRuleChanges } from "./recompute-job.server";
import { retentionEndDate, type RetentionAnchor, type RetentionFacts, type RetentionRule } from "./retention";
import { ruleInForce } from "./rule-change";

export type PurposeRow = { id: number; code: string; nameEn: string; nameNl: string; nameFr: string; legalBasis: string; retentionAnchor: string; retentionYears: number; retentionMonths: number; marketing: boolean };

const purposeSelect = {
  id: true, code: true, nameEn: true, nameNl: true, nameFr: true, legalBasis: true,
  retentionAnchor: true, retentionYears: true, retentionMonths: true, marketing: true,
} as const;

/** Active purposes, in their seeded order. */
export async function listPurposes(tx?: Tx): Promise<PurposeRow[]> {
  const client = tx ?? (await db());
  return client.purpose.findMany({ where: { active: true }, orderBy: { id: "asc" }, select: purposeSelect });
}

export function purposeName(p: { nameEn: string; nameNl: string; nameFr: string }, language: Language | string): string {
  return language === "nl" ? p.nameNl : language === "fr" ? p.nameFr : p.nameEn;
}

export function ruleOf(p: { retentionAnchor: string; retentionYears: number; retentionMonths: number }): RetentionRule {
  return { anchor: p.retentionAnchor as RetentionAnchor, years: p.retentionYears, months: p.retentionMonths };
}

/** The facts about a contact that retention rules count from. */
export type ContactFacts = Omit<RetentionFacts, "since">;

/**
 * Recomputes the retention date of each of the contact's open processing records from its
 * purpose's rule. Called in the same transaction as whatever moved a fact (an interaction, an invoice…).
 * Returns how many records moved.
 */
export async function syncRetention(tx: Tx, contactId: number, extraFacts: ContactFacts = {}): Promise<number> {
  const contact = await tx.contact.findUniqueOrThrow({
    where: { id: contactId },
    select: {
      lastInteractionAt: true,
      processingRecords: {
        where: { endedAt: null },
        select: { id: true, purposeId: true, since: true, retentionEndsAt: true, purpose: { select: { retentionAnchor: true, retentionYears: true, retentionMonths: true } } },
      },
    },
  });
  // Invoice and training dates are read here, not passed by callers, so no caller can drop them.
  const stored = await commerceRetentionFacts(tx, contactId);
  // A record a rule change's recompute has not reached yet keeps to the old rule: the recompute moves it later.
  const pending = await pendingRuleChanges(tx);
  let moved = 0;
  for (const record of contact.processingRecords) {
    const rule = ruleInForce(ruleOf(record.purpose), { id: record.id, purposeId: record.purposeId, contactId }, pending);
    const end = retentionEndDate(rule, { since: record.since, lastInteractionAt: contact.lastInteractionAt, ...stored, ...extraFacts });
    if ((end?.getTime() ?? null) !== (record.retentionEndsAt?.getTime() ?? null)) {
      await tx.processingRecord.update({ where: { id: record.id }, data: { retentionEndsAt: end } });
      moved += 1;
    }
  }
  return moved;
}
