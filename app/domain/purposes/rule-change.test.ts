import { describe, expect, it } from "vitest";
import type { RetentionRule } from "./retention";
import { retentionEndAfterRuleChange, ruleInForce, sameRule } from "./rule-change";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const day = (date: Date | null) => (date === null ? null : date.toISOString().slice(0, 10));
const rule = (anchor: RetentionRule["anchor"], years: number, months = 0): RetentionRule => ({ anchor, years, months });

describe("retentionEndAfterRuleChange", () => {
  type Held = { since: string; last: string | null; ends: string | null; invoice?: string; training?: string };
  it.each<[string, RetentionRule, RetentionRule, Held, string | null]>([
    ["last interaction 3 → 2 years, from the interaction", rule("lastInteraction", 3), rule("lastInteraction", 2), { since: "2020-01-10", last: "2024-06-30", ends: "2027-06-30" }, "2026-06-30"],
    ["last interaction, none yet: from since", rule("lastInteraction", 3), rule("lastInteraction", 1, 6), { since: "2024-02-29", last: null, ends: "2027-02-28" }, "2025-08-29"],
    ["an interaction before since counts from since", rule("lastInteraction", 1), rule("lastInteraction", 2), { since: "2024-05-02", last: "2024-01-01", ends: "2025-05-02" }, "2026-05-02"],
    ["invoice year end 10 → 7 years: from the invoice's year", rule("invoiceYearEnd", 10), rule("invoiceYearEnd", 7), { since: "2020-01-01", last: null, ends: "2035-12-31", invoice: "2025-03-04" }, "2032-12-31"],
    ["invoice year end, no invoice yet: stays open", rule("invoiceYearEnd", 10), rule("invoiceYearEnd", 7), { since: "2020-01-01", last: null, ends: null }, null],
    ["a stale date is put right from the facts", rule("invoiceYearEnd", 10), rule("invoiceYearEnd", 10), { since: "2020-01-01", last: null, ends: null, invoice: "2025-03-04" }, "2035-12-31"],
    ["visit 6 → 3 months", rule("visit", 0, 6), rule("visit", 0, 3), { since: "2025-01-15", last: null, ends: "2025-07-15" }, "2025-04-15"],
    ["training 5 → 6 years", rule("trainingDate", 5), rule("trainingDate", 6), { since: "2020-01-01", last: null, ends: "2030-11-20", training: "2025-11-20" }, "2031-11-20"],
    ["training on 29 February, 5 → 6 years: exact, not shifted", rule("trainingDate", 5), rule("trainingDate", 6), { since: "2020-01-01", last: null, ends: "2029-02-28", training: "2024-02-29" }, "2030-02-28"],
    ["contract 5 → 7 years: from its latest sign of life", rule("contractEnd", 5), rule("contractEnd", 7), { since: "2020-01-01", last: "2024-01-31", ends: null, invoice: "2023-06-01" }, "2031-01-31"],
    ["consent standing stays open", rule("consentWithdrawn", 0), rule("consentWithdrawn", 0, 1), { since: "2020-01-01", last: null, ends: null }, null],
    ["consent withdrawn: plus one month", rule("consentWithdrawn", 0), rule("consentWithdrawn", 0, 1), { since: "2020-01-01", last: null, ends: "2025-01-31" }, "2025-02-28"],
    ["new anchor: from the facts held (visit → since)", rule("lastInteraction", 1), rule("visit", 0, 6), { since: "2025-03-10", last: "2025-05-01", ends: "2026-05-01" }, "2025-09-10"],
    ["new anchor contract end: from the latest fact held", rule("lastInteraction", 1), rule("contractEnd", 5), { since: "2025-03-10", last: "2025-05-01", ends: "2026-05-01", training: "2025-06-12" }, "2030-06-12"],
    ["new anchor consent withdrawal: open while consent stands", rule("lastInteraction", 1), rule("consentWithdrawn", 0), { since: "2025-03-10", last: "2025-05-01", ends: "2026-05-01" }, null],
  ])("%s", (_name, before, after, f, expected) => {
    const facts = {
      since: d(f.since), lastInteractionAt: f.last ? d(f.last) : null, retentionEndsAt: f.ends ? d(f.ends) : null,
      invoiceIssuedAt: f.invoice ? d(f.invoice) : null, trainingDate: f.training ? d(f.training) : null,
    };
    expect(day(retentionEndAfterRuleChange(before, after, facts))).toBe(expected);
  });
});

describe("sameRule", () => {
  it.each([
    [rule("visit", 0, 6), rule("visit", 0, 6), true],
    [rule("visit", 0, 6), rule("visit", 0, 5), false],
    [rule("visit", 1, 0), rule("visit", 0, 12), false],
    [rule("visit", 0, 6), rule("trainingDate", 0, 6), false],
  ])("%o vs %o → %s", (a, b, expected) => {
    expect(sameRule(a, b)).toBe(expected);
  });
});

describe("ruleInForce", () => {
  const current = rule("trainingDate", 3);
  const pending = [{ purposeId: 5, before: rule("trainingDate", 5), afterContactId: 100, lastRecordId: 900 }];
  it.each<[string, { id: number; purposeId: number; contactId: number }, RetentionRule]>([
    ["not reached yet: the old rule", { id: 800, purposeId: 5, contactId: 101 }, rule("trainingDate", 5)],
    ["already recomputed (contact at or before the cursor): the new rule", { id: 800, purposeId: 5, contactId: 100 }, current],
    ["created after the change: the new rule", { id: 901, purposeId: 5, contactId: 150 }, current],
    ["another purpose: its own rule", { id: 800, purposeId: 6, contactId: 150 }, current],
  ])("%s", (_name, record, expected) => {
    expect(ruleInForce(current, record, pending)).toEqual(expected);
  });
  it("with no change pending, the purpose's rule", () => {
    expect(ruleInForce(current, { id: 1, purposeId: 5, contactId: 1 }, [])).toEqual(current);
  });
});
