import { describe, expect, it } from "vitest";
import {
  addPeriod,
  describeRule,
  retentionEndDate,
  RETENTION_ANCHORS,
  SEEDED_PURPOSES,
  type RetentionFacts,
  type RetentionRule,
} from "./retention";

const d = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
const day = (date: Date | null) => (date === null ? null : date.toISOString().slice(0, 10));

function seededRule(code: string): RetentionRule {
  const purpose = SEEDED_PURPOSES.find((p) => p.code === code);
  if (!purpose) throw new Error(`no seeded purpose ${code}`);
  return purpose.rule;
}

describe("addPeriod", () => {
  it.each([
    ["2025-03-15", 1, 0, "2026-03-15"],
    ["2025-03-15", 0, 6, "2025-09-15"],
    ["2025-08-31", 0, 6, "2026-02-28"],
    ["2025-01-31", 0, 1, "2025-02-28"],
    ["2024-01-31", 0, 1, "2024-02-29"],
    ["2025-03-31", 0, 1, "2025-04-30"],
    ["2025-12-31", 0, 2, "2026-02-28"],
    ["2025-11-30", 0, 3, "2026-02-28"],
    ["2024-02-29", 1, 0, "2025-02-28"],
    ["2024-02-29", 4, 0, "2028-02-29"],
    ["2024-02-29", 0, 12, "2025-02-28"],
    ["2024-02-29", 0, 48, "2028-02-29"],
    ["2024-02-28", 1, 0, "2025-02-28"],
    ["2023-02-28", 1, 0, "2024-02-28"],
    ["2025-12-31", 10, 0, "2035-12-31"],
    ["2025-07-10", 1, 18, "2028-01-10"],
    ["2025-07-10", 0, 0, "2025-07-10"],
    ["2025-03-31", 0, -1, "2025-02-28"],
  ])("%s + %i years %i months = %s", (start, years, months, expected) => {
    expect(day(addPeriod(d(start), { years, months }))).toBe(expected);
  });

  it("returns midnight UTC and drops the time of day", () => {
    const result = addPeriod(d("2025-06-30T23:59:59Z"), { years: 0, months: 1 });
    expect(result.toISOString()).toBe("2025-07-30T00:00:00.000Z");
  });

  it("does not modify its argument", () => {
    const start = d("2025-01-31");
    addPeriod(start, { years: 1, months: 1 });
    expect(start.toISOString()).toBe("2025-01-31T00:00:00.000Z");
  });
});

describe("retentionEndDate for the seeded purposes", () => {
  const since = d("2024-05-02T09:30:00Z");
  it.each<[string, RetentionFacts, string | null]>([
    // answering inquiries: 1 year after last interaction
    ["answering-inquiries", { since, lastInteractionAt: d("2025-03-14T16:45:00Z") }, "2026-03-14"],
    ["answering-inquiries", { since }, "2025-05-02"],
    ["answering-inquiries", { since, lastInteractionAt: null }, "2025-05-02"],
    ["answering-inquiries", { since, lastInteractionAt: d("2024-02-29") }, "2025-05-02"],
    // prospecting: 3 years after last interaction
    ["prospecting", { since, lastInteractionAt: d("2025-10-01") }, "2028-10-01"],
    ["prospecting", { since, lastInteractionAt: d("2024-02-29") }, "2027-05-02"],
    ["prospecting", { since: d("2024-02-29"), lastInteractionAt: d("2024-02-29") }, "2027-02-28"],
    ["prospecting", { since }, "2027-05-02"],
    // quotes and invoices: 31 December of the invoice's year + 10 years
    ["quotes-invoices", { since, invoiceIssuedAt: d("2025-01-02") }, "2035-12-31"],
    ["quotes-invoices", { since, invoiceIssuedAt: d("2025-12-31T23:00:00Z") }, "2035-12-31"],
    ["quotes-invoices", { since, invoiceIssuedAt: d("2024-02-29") }, "2034-12-31"],
    ["quotes-invoices", { since }, null],
    ["quotes-invoices", { since, invoiceIssuedAt: null }, null],
    // file management: 5 years after the contract ends
    ["file-management", { since, contractEndedAt: d("2026-06-30") }, "2031-06-30"],
    ["file-management", { since, contractEndedAt: d("2028-02-29") }, "2033-02-28"],
    // while it runs: counted from its latest sign of life (ADR 025)
    ["file-management", { since }, "2029-05-02"],
    ["file-management", { since, lastInteractionAt: d("2026-01-31") }, "2031-01-31"],
    ["file-management", { since, invoiceIssuedAt: d("2027-02-28"), lastInteractionAt: d("2026-01-31") }, "2032-02-28"],
    ["file-management", { since, trainingDate: d("2028-02-29"), invoiceIssuedAt: d("2027-02-28") }, "2033-02-28"],
    ["file-management", { since, lastInteractionAt: d("2023-01-01"), invoiceIssuedAt: null }, "2029-05-02"],
    // an ended contract counts from its end, even with later activity
    ["file-management", { since, contractEndedAt: d("2026-06-30"), lastInteractionAt: d("2027-01-05") }, "2031-06-30"],
    // training: 5 years after the training
    ["training", { since, trainingDate: d("2025-11-20") }, "2030-11-20"],
    ["training", { since, trainingDate: d("2024-02-29") }, "2029-02-28"],
    ["training", { since }, "2029-05-02"],
    // newsletter: until consent is withdrawn
    ["newsletter", { since }, null],
    ["newsletter", { since, consentWithdrawnAt: null }, null],
    ["newsletter", { since, consentWithdrawnAt: d("2025-04-01T13:12:00Z") }, "2025-04-01"],
    // offer after a visit: 6 months after the visit
    ["offer-after-visit", { since, visitAt: d("2025-08-31") }, "2026-02-28"],
    ["offer-after-visit", { since, visitAt: d("2023-08-31") }, "2024-02-29"],
    ["offer-after-visit", { since, visitAt: d("2025-03-10") }, "2025-09-10"],
    ["offer-after-visit", { since }, "2024-11-02"],
  ])("%s with %o ends %s", (code, facts, expected) => {
    const end = retentionEndDate(seededRule(code), facts);
    expect(day(end)).toBe(expected);
    if (end) expect(end.toISOString().endsWith("T00:00:00.000Z")).toBe(true);
  });

  it("ignores facts for other anchors", () => {
    const facts = { since, visitAt: d("2030-01-01"), contractEndedAt: d("2030-01-01") };
    expect(day(retentionEndDate(seededRule("prospecting"), facts))).toBe("2027-05-02");
  });

  it("applies an admin-edited period to any anchor", () => {
    const rule: RetentionRule = { anchor: "consentWithdrawn", years: 0, months: 1 };
    expect(day(retentionEndDate(rule, { since, consentWithdrawnAt: d("2025-01-31") }))).toBe(
      "2025-02-28",
    );
  });
});

describe("describeRule", () => {
  it.each(RETENTION_ANCHORS.map((anchor) => [anchor]))("gives a catalogue key for %s", (anchor) => {
    expect(describeRule({ anchor, years: 3, months: 6 })).toEqual({
      key: `retention.rule.${anchor}`,
      values: { years: 3, months: 6 },
    });
  });
});

describe("SEEDED_PURPOSES", () => {
  it("are the seven purposes of the privacy statement, with unique kebab-case codes", () => {
    const codes = SEEDED_PURPOSES.map((p) => p.code);
    expect(codes).toEqual([
      "answering-inquiries",
      "prospecting",
      "quotes-invoices",
      "file-management",
      "training",
      "newsletter",
      "offer-after-visit",
    ]);
    for (const code of codes) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it.each(SEEDED_PURPOSES.map((p) => [p.code, p]))("%s is complete", (_code, purpose) => {
    for (const name of Object.values(purpose.names)) expect(name.trim()).not.toBe("");
    expect(purpose.categories.length).toBeGreaterThan(0);
    expect(purpose.categories).toContain("identity");
    expect(RETENTION_ANCHORS).toContain(purpose.rule.anchor);
  });

  it.each([
    ["answering-inquiries", "consent", false, { anchor: "lastInteraction", years: 1, months: 0 }],
    ["prospecting", "legitimate-interest", true, { anchor: "lastInteraction", years: 3, months: 0 }],
    ["quotes-invoices", "contract", false, { anchor: "invoiceYearEnd", years: 10, months: 0 }],
    ["file-management", "contract", false, { anchor: "contractEnd", years: 5, months: 0 }],
    ["training", "contract", false, { anchor: "trainingDate", years: 5, months: 0 }],
    ["newsletter", "consent", true, { anchor: "consentWithdrawn", years: 0, months: 0 }],
    ["offer-after-visit", "consent", true, { anchor: "visit", years: 0, months: 6 }],
  ])("%s: basis %s, marketing %s, rule %o", (code, basis, marketing, rule) => {
    const purpose = SEEDED_PURPOSES.find((p) => p.code === code)!;
    expect(purpose.legalBasis).toBe(basis);
    expect(purpose.marketing).toBe(marketing);
    expect(purpose.rule).toEqual(rule);
  });

  it("invoices move from contract to legal obligation; billing data only there", () => {
    const withLater = SEEDED_PURPOSES.filter((p) => p.laterBasis);
    expect(withLater.map((p) => [p.code, p.laterBasis])).toEqual([
      ["quotes-invoices", "legal-obligation"],
    ]);
    const billing = SEEDED_PURPOSES.filter((p) => p.categories.includes("billing"));
    expect(billing.map((p) => p.code)).toEqual(["quotes-invoices"]);
  });
});
