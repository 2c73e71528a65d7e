import { describe, expect, it } from "vitest";
import { recordRunsOutAt, retentionReview, type RetentionRecord } from "./retention-flags";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const today = d("2026-06-15");

describe("recordRunsOutAt", () => {
  it.each<[string, RetentionRecord, string | null]>([
    ["its retention date", { purposeCode: "p", retentionEndsAt: d("2026-01-01") }, "2026-01-01"],
    ["never while open-ended", { purposeCode: "p", retentionEndsAt: null }, null],
    ["when an open-ended purpose ended", { purposeCode: "p", retentionEndsAt: null, endedAt: d("2026-02-01") }, "2026-02-01"],
    ["its retention date, also after it ended", { purposeCode: "p", retentionEndsAt: d("2030-01-01"), endedAt: d("2025-01-01") }, "2030-01-01"],
    ["at the end of a later extension", { purposeCode: "p", retentionEndsAt: d("2026-01-01"), extendedUntil: d("2026-09-01") }, "2026-09-01"],
    ["at the end of a later hold", { purposeCode: "p", retentionEndsAt: d("2026-01-01"), legalHoldUntil: d("2027-01-01") }, "2027-01-01"],
    ["not earlier for an earlier extension", { purposeCode: "p", retentionEndsAt: d("2026-05-01"), extendedUntil: d("2026-03-01") }, "2026-05-01"],
    ["never while open-ended, hold or not", { purposeCode: "p", retentionEndsAt: null, legalHoldUntil: d("2026-01-01") }, null],
  ])("%s", (_case, record, expected) => {
    expect(recordRunsOutAt(record)?.toISOString().slice(0, 10) ?? null).toBe(expected);
  });
});

describe("retentionReview", () => {
  const within = (purposeCode: string): RetentionRecord => ({ purposeCode, retentionEndsAt: d("2027-01-01") });
  const past = (purposeCode: string, iso: string): RetentionRecord => ({ purposeCode, retentionEndsAt: d(iso) });

  it.each<[string, RetentionRecord[], { flagged: boolean; expired: string[]; allExpired: boolean }]>([
    ["every record within retention", [within("prospecting"), within("quotes")], { flagged: false, expired: [], allExpired: false }],
    ["one record run out flags the entry", [within("quotes"), past("prospecting", "2026-01-01")], { flagged: true, expired: ["prospecting"], allExpired: false }],
    ["all run out", [past("prospecting", "2026-03-01"), past("inquiries", "2025-12-01")], { flagged: true, expired: ["inquiries", "prospecting"], allExpired: true }],
    ["runs out on the day itself", [past("inquiries", "2026-06-15")], { flagged: true, expired: ["inquiries"], allExpired: true }],
    ["not the day before", [past("inquiries", "2026-06-16")], { flagged: false, expired: [], allExpired: false }],
    ["open-ended consent", [{ purposeCode: "newsletter", retentionEndsAt: null }], { flagged: false, expired: [], allExpired: false }],
    ["open-ended consent withdrawn", [{ purposeCode: "newsletter", retentionEndsAt: null, endedAt: d("2026-05-01") }, within("quotes")], { flagged: true, expired: ["newsletter"], allExpired: false }],
    ["a future legal hold suppresses the flag", [{ ...past("quotes", "2026-01-01"), legalHoldUntil: d("2026-07-01") }], { flagged: false, expired: [], allExpired: false }],
    ["a future extension suppresses the flag", [{ ...past("prospecting", "2026-01-01"), extendedUntil: d("2026-12-31") }], { flagged: false, expired: [], allExpired: false }],
    ["a hold that has ended does not", [{ ...past("quotes", "2026-01-01"), legalHoldUntil: d("2026-06-01") }], { flagged: true, expired: ["quotes"], allExpired: true }],
    ["a hold on one record does not cover another", [{ ...past("quotes", "2026-01-01"), legalHoldUntil: d("2030-01-01") }, past("prospecting", "2026-02-01")], { flagged: true, expired: ["prospecting"], allExpired: false }],
    ["no record at all is for a person to look at", [], { flagged: true, expired: [], allExpired: true }],
  ])("%s", (_case, records, expected) => {
    const { reasons: _reasons, ...rest } = retentionReview(records, today);
    expect(rest).toEqual(expected);
  });

  it("gives since when each purpose ran out, oldest first, counting extensions and holds that lapsed", () => {
    const review = retentionReview(
      [
        { purposeCode: "prospecting", retentionEndsAt: d("2026-01-01"), extendedUntil: d("2026-04-01") },
        { purposeCode: "inquiries", retentionEndsAt: d("2026-03-01") },
        { purposeCode: "newsletter", retentionEndsAt: null, endedAt: d("2026-03-01") },
        within("quotes"),
      ],
      today,
    );
    expect(review.reasons).toEqual([
      { purposeCode: "inquiries", since: d("2026-03-01") },
      { purposeCode: "newsletter", since: d("2026-03-01") },
      { purposeCode: "prospecting", since: d("2026-04-01") },
    ]);
    expect(review.expired).toEqual(["inquiries", "newsletter", "prospecting"]);
  });

  it("does not change the records it is given", () => {
    const records = [past("prospecting", "2026-03-01"), past("inquiries", "2025-12-01")];
    const copy = structuredClone(records);
    retentionReview(records, today);
    expect(records).toEqual(copy);
  });
});
