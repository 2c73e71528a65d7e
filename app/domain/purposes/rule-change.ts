import { addPeriod, retentionEndDate, type RetentionRule } from "./retention";

/** The facts a processing record's row holds; the other anchors' dates (invoice, contract end…) live elsewhere. */
export type HeldFacts = { since: Date; lastInteractionAt: Date | null; retentionEndsAt: Date | null };

const totalMonths = (rule: RetentionRule) => rule.years * 12 + rule.months;

/**
 * A record's retention date after an admin changes its purpose's rule.
 * - Counting from the last interaction: recomputed exactly from the facts on the record.
 * - Same anchor, other period: the anchor's date is not kept on the record, so the old end date is
 *   moved by the change in period (exact, except that a month-end day may land up to 3 days early).
 *   An open end (no invoice yet, consent standing) stays open.
 * - Another anchor: recomputed from the facts held, as syncRetention does.
 */
export function retentionEndAfterRuleChange(before: RetentionRule, after: RetentionRule, facts: HeldFacts): Date | null {
  if (after.anchor === "lastInteraction" || after.anchor !== before.anchor) {
    return retentionEndDate(after, { since: facts.since, lastInteractionAt: facts.lastInteractionAt });
  }
  if (facts.retentionEndsAt === null) return null;
  return addPeriod(facts.retentionEndsAt, { years: 0, months: totalMonths(after) - totalMonths(before) });
}

export function sameRule(a: RetentionRule, b: RetentionRule): boolean {
  return a.anchor === b.anchor && a.years === b.years && a.months === b.months;
}

/**
 * A rule change whose recompute has not reached every record yet (ADR 019). The records of the
 * purpose that existed at the change (id up to `lastRecordId`) and whose contact comes after the
 * job's cursor still carry dates under the old rule.
 */
export type PendingRuleChange = { purposeId: number; before: RetentionRule; afterContactId: number; lastRecordId: number };

/**
 * The rule a record's date must follow now: the old rule while the recompute has yet to reach it
 * (it will move the date from the old rule to the new one), the purpose's rule otherwise.
 */
export function ruleInForce(current: RetentionRule, record: { id: number; purposeId: number; contactId: number }, pending: readonly PendingRuleChange[]): RetentionRule {
  const change = pending.find((c) => c.purposeId === record.purposeId && record.id <= c.lastRecordId && record.contactId > c.afterContactId);
  return change ? change.before : current;
}
