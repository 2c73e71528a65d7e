import { addPeriod, retentionEndDate, type RetentionAnchor, type RetentionFacts, type RetentionRule } from "./retention";

/**
 * The facts a recompute reads for each record: its own row, its contact's last interaction, and the
 * contact's latest invoice and training day. A visit date and a consent withdrawal are not kept
 * apart from the record's date.
 */
export type HeldFacts = Pick<RetentionFacts, "invoiceIssuedAt" | "trainingDate"> & { since: Date; lastInteractionAt: Date | null; retentionEndsAt: Date | null };

const totalMonths = (rule: RetentionRule) => rule.years * 12 + rule.months;

/** Anchors whose date the held facts give in full. */
const RECOMPUTABLE: ReadonlySet<RetentionAnchor> = new Set(["lastInteraction", "invoiceYearEnd", "contractEnd", "trainingDate"]);

/**
 * A record's retention date after an admin changes its purpose's rule.
 * - Another anchor, or an anchor whose date the held facts give (last interaction, invoice, contract,
 *   training): recomputed exactly from the facts, as syncRetention does.
 * - Same anchor without its date held (a visit, a consent withdrawal): the old end date is moved by the
 *   change in period (exact, except that a month-end day may land up to 3 days early). An open end
 *   (consent standing) stays open.
 */
export function retentionEndAfterRuleChange(before: RetentionRule, after: RetentionRule, facts: HeldFacts): Date | null {
  if (after.anchor !== before.anchor || RECOMPUTABLE.has(after.anchor)) {
    const { retentionEndsAt: _current, ...held } = facts;
    return retentionEndDate(after, held);
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
