import { describe, expect, it } from "vitest";
import { zodFieldErrors } from "~/lib/forms";
import { collectLines, quoteFormSchema } from "./quote.schema";
import { computeTotals } from "./totals";

const base = { contactId: "7", organisationId: "", validUntil: "2026-12-31", notes: "" };

describe("quoteFormSchema", () => {
  it("reads posted flat lines with euro amounts typed with a comma or a dot, skipping blank rows", () => {
    const parsed = quoteFormSchema.parse({
      ...base,
      "lines.1.description": "Course book", "lines.1.quantity": "3", "lines.1.unitPrice": "19.99", "lines.1.vatRate": "6", "lines.1.discountPercent": "",
      "lines.0.description": "Training day", "lines.0.quantity": "2", "lines.0.unitPrice": "1250,00", "lines.0.vatRate": "21", "lines.0.discountPercent": "10",
      "lines.2.description": "", "lines.2.quantity": "", "lines.2.unitPrice": "", "lines.2.discountPercent": "",
    });
    expect(parsed.contactId).toBe(7);
    expect(parsed.organisationId).toBeNull();
    expect(parsed.lines).toEqual([
      { description: "Training day", quantity: 2, unitPriceCents: 125000, vatRate: 21, discountPercent: 10 },
      { description: "Course book", quantity: 3, unitPriceCents: 1999, vatRate: 6, discountPercent: undefined },
    ]);
    expect(computeTotals(parsed.lines).totalCents).toBe(278607);
  });

  it("reads nested lines as react-hook-form holds them", () => {
    const parsed = quoteFormSchema.parse({ ...base, lines: [{ description: "x", quantity: "1", unitPrice: "0,5", vatRate: "0", discountPercent: "" }] });
    expect(parsed.lines[0].unitPriceCents).toBe(50);
  });

  it.each([
    ["abc", "form.invalidNumber"],
    ["1,005", "quote.unitPriceWholeCents"],
    ["1.234,50", "form.invalidNumber"],
    ["1000000,01", "quote.unitPriceRange"],
    ["", "form.required"],
  ])("refuses the unit price %j with %s, on the line's field", (unitPrice, message) => {
    const result = quoteFormSchema.safeParse({ ...base, "lines.0.description": "x", "lines.0.quantity": "1", "lines.0.unitPrice": unitPrice, "lines.0.vatRate": "21" });
    expect(result.success).toBe(false);
    if (!result.success) expect(zodFieldErrors(result.error)["lines.0.unitPrice"]).toBe(message);
  });

  it("needs a customer and a line", () => {
    const result = quoteFormSchema.safeParse({ ...base, contactId: "" });
    expect(result.success).toBe(false);
    if (!result.success) expect(zodFieldErrors(result.error)).toMatchObject({ lines: "quote.needsLine", contactId: "quote.needsCustomer" });
  });

  it("ignores unknown line fields and out-of-range indexes", () => {
    expect(collectLines({ "lines.0.description": "a", "lines.0.evil": "x", "lines.9999.description": "b" })).toEqual([{ description: "a" }]);
  });
});
