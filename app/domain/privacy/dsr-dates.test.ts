import { describe, expect, it } from "vitest";
import { DSR_TYPES, dsrDueDate, dsrStatusOf, extendDsr, IDENTITY_VERIFICATION_METHODS } from "./dsr-dates";

const d = (iso: string) => new Date(iso);

describe("dsrDueDate", () => {
  it.each([
    ["2026-03-10T00:00:00Z", "2026-04-10T00:00:00.000Z"],
    ["2026-01-31T00:00:00Z", "2026-02-28T00:00:00.000Z"],
    ["2028-01-31T00:00:00Z", "2028-02-29T00:00:00.000Z"],
    ["2026-05-31T14:20:00Z", "2026-06-30T14:20:00.000Z"],
    ["2026-12-15T00:00:00Z", "2027-01-15T00:00:00.000Z"],
  ])("received %s is due %s", (received, due) => {
    expect(dsrDueDate(d(received)).toISOString()).toBe(due);
  });
});

describe("extendDsr", () => {
  const request = { receivedAt: d("2026-03-10T00:00:00Z"), extendedAt: null };
  const now = d("2026-03-20T10:00:00Z");

  it("extends once by two months, keeping the trimmed reason", () => {
    expect(extendDsr(request, "  Export spans six systems ", now)).toEqual({
      ok: true,
      dueDate: d("2026-06-10T00:00:00Z"),
      extendedAt: now,
      reason: "Export spans six systems",
    });
  });

  it.each([
    ["2026-01-31T00:00:00Z", "2026-04-28T00:00:00.000Z"], // 28 Feb + 2 months: the earlier of the two readings
    ["2026-11-30T00:00:00Z", "2027-02-28T00:00:00.000Z"],
    ["2026-10-31T00:00:00Z", "2027-01-30T00:00:00.000Z"],
    ["2026-12-31T00:00:00Z", "2027-03-31T00:00:00.000Z"],
  ])("received %s, extended, is due %s", (received, due) => {
    const result = extendDsr({ receivedAt: d(received), extendedAt: null }, "complex", d(received));
    expect(result.ok && result.dueDate.toISOString()).toBe(due);
  });

  it.each([
    [{ ...request, extendedAt: d("2026-03-15T00:00:00Z") }, "more work", now, "DSR_ALREADY_EXTENDED"],
    [request, "", now, "DSR_EXTENSION_REASON_REQUIRED"],
    [request, " \n\t ", now, "DSR_EXTENSION_REASON_REQUIRED"],
    [request, "too late", d("2026-04-11T00:00:00Z"), "DSR_EXTENSION_TOO_LATE"],
  ] as const)("refuses: %#", (req, reason, at, expected) => {
    expect(extendDsr(req, reason, at)).toEqual({ ok: false, reason: expected });
  });

  it("still extends on the original due date itself", () => {
    expect(extendDsr(request, "complex", d("2026-04-10T23:00:00Z")).ok).toBe(true);
  });

  it("throws on an unbounded reason (the form schema bounds it)", () => {
    expect(() => extendDsr(request, "x".repeat(1001), now)).toThrow(RangeError);
  });
});

describe("dsrStatusOf", () => {
  const due = d("2026-04-10T00:00:00Z");
  it.each([
    ["2026-03-10T00:00:00Z", null, "open"],
    ["2026-04-02T23:59:00Z", null, "open"], // 8 days left
    ["2026-04-03T00:00:00Z", null, "due-soon"], // 7 days left
    ["2026-04-10T23:59:00Z", null, "due-soon"], // the due day itself
    ["2026-04-11T00:00:00Z", null, "overdue"],
    ["2026-06-01T00:00:00Z", null, "overdue"],
    ["2026-06-01T00:00:00Z", "2026-05-01T00:00:00Z", "closed"],
    ["2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z", "closed"],
  ])("on %s (closed %s) is %s", (today, closedAt, status) => {
    expect(dsrStatusOf(due, d(today), closedAt === null ? null : d(closedAt))).toBe(status);
  });
});

describe("constants", () => {
  it("lists every request type of Art. 15–21 and no document-copy verification", () => {
    expect(DSR_TYPES).toEqual(["access", "rectification", "erasure", "restriction", "objection", "portability", "consent-withdrawal"]);
    expect(IDENTITY_VERIFICATION_METHODS.some((m) => /(^|-)id(-|$)|passport|document|copy|card/.test(m))).toBe(false);
  });
});
