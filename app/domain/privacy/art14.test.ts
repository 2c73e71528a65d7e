import { describe, expect, it } from "vitest";
import { isThirdPartySource, noticeDueDate, noticeState } from "./art14";

const d = (iso: string) => new Date(iso);

describe("isThirdPartySource", () => {
  it.each([
    ["trade-fair", true],
    ["referral", false],
    ["web-form", false],
    ["phone", false],
    ["email", false],
    ["in-person", false],
    ["existing-customer", false],
    ["other", false],
    ["", false],
  ])("%j: %s", (kind, expected) => {
    expect(isThirdPartySource(kind)).toBe(expected);
  });
});

describe("noticeDueDate", () => {
  it.each([
    ["2026-03-12T00:00:00Z", "2026-04-12T00:00:00.000Z"],
    ["2026-01-31T00:00:00Z", "2026-02-28T00:00:00.000Z"],
    ["2028-01-30T00:00:00Z", "2028-02-29T00:00:00.000Z"],
    ["2026-08-31T00:00:00Z", "2026-09-30T00:00:00.000Z"],
  ])("obtained %s: inform by %s", (obtained, due) => {
    expect(noticeDueDate(d(obtained)).toISOString()).toBe(due);
  });
});

describe("noticeState", () => {
  const obtained = d("2026-01-31T00:00:00Z"); // due 28 Feb
  it.each([
    [null, "2026-02-01T00:00:00Z", "due"],
    [null, "2026-02-28T23:00:00Z", "due"],
    [null, "2026-03-01T00:00:00Z", "overdue"],
    ["2026-02-10T00:00:00Z", "2026-03-15T00:00:00Z", "sent"],
    ["2026-03-05T00:00:00Z", "2026-03-15T00:00:00Z", "sent"], // late, but sent: the overdue list is for unsent ones
  ])("sent %s, on %s: %s", (sentAt, today, expected) => {
    expect(noticeState(obtained, sentAt === null ? null : d(sentAt), d(today))).toBe(expected);
  });
});
