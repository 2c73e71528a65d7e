import { describe, expect, it } from "vitest";
import { addDays, businessDay, customerSnapshot, dayFromIso, isOverdue, paidOnRefusal } from "./invoice-rules";

const d = dayFromIso;

describe("businessDay", () => {
  it.each([
    // 23:30 UTC on 31 December is already New Year in Brussels (UTC+1): the new invoice year.
    ["2026-12-31T23:30:00Z", "2027-01-01"],
    ["2026-12-31T22:59:00Z", "2026-12-31"],
    // Summer time (UTC+2).
    ["2026-06-30T22:30:00Z", "2026-07-01"],
    ["2026-06-30T21:59:00Z", "2026-06-30"],
  ])("%s is %s in Belgium", (instant, day) => {
    expect(businessDay(new Date(instant)).toISOString()).toBe(`${day}T00:00:00.000Z`);
  });
});

describe("isOverdue", () => {
  const base = { kind: "invoice", dueOn: d("2026-03-31"), paidOn: null, credited: false };
  it.each([
    ["on the due day", base, "2026-03-31", false],
    ["the day after", base, "2026-04-01", true],
    ["paid", { ...base, paidOn: d("2026-04-02") }, "2026-05-01", false],
    ["credited", { ...base, credited: true }, "2026-05-01", false],
    ["a credit note", { ...base, kind: "credit-note" }, "2026-05-01", false],
  ])("%s", (_name, invoice, today, expected) => {
    expect(isOverdue(invoice, d(today))).toBe(expected);
  });
});

describe("paidOnRefusal", () => {
  it.each([
    ["2026-03-01", null],
    ["2026-02-28", "PAID_BEFORE_ISSUE"],
    ["2026-03-10", null],
    ["2026-03-11", "PAID_IN_FUTURE"],
  ])("paid on %s → %s", (paidOn, expected) => {
    expect(paidOnRefusal(d(paidOn), d("2026-03-01"), d("2026-03-10"))).toBe(expected);
  });
});

describe("customerSnapshot", () => {
  const person = { firstName: "Chloé", lastName: "Dubois", street: "Rue Haute 1", postalCode: "1000", city: "Bruxelles", country: null };
  const company = { name: "Schelde Logistics", vatNumber: "BE0123456749", street: "Kaai 5", postalCode: "2000", city: "Antwerpen", country: "België" };
  const noAddress = { street: null, postalCode: null, city: null, country: null };

  it("keeps the person, the company, its VAT number and the company's address", () => {
    expect(customerSnapshot(person, company)).toEqual({
      customerName: "Chloé Dubois", customerCompany: "Schelde Logistics", customerVat: "BE0123456749", customerAddress: "Kaai 5\n2000 Antwerpen\nBelgië",
    });
  });
  it("falls back to the person's address when the company has none", () => {
    expect(customerSnapshot(person, { ...company, ...noAddress }).customerAddress).toBe("Rue Haute 1\n1000 Bruxelles");
  });
  it("invoices a company without a contact person under its own name", () => {
    expect(customerSnapshot(null, company)).toMatchObject({ customerName: "Schelde Logistics", customerCompany: null });
  });
  it("invoices a private person without a VAT number", () => {
    expect(customerSnapshot(person, null)).toMatchObject({ customerName: "Chloé Dubois", customerVat: null, customerCompany: null });
  });
  it("needs someone to invoice", () => {
    expect(() => customerSnapshot(null, null)).toThrow();
  });
  it("adds days across month ends", () => {
    expect(addDays(d("2026-01-31"), 30).toISOString().slice(0, 10)).toBe("2026-03-02");
  });
});
