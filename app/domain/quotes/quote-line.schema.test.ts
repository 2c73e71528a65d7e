import { describe, expect, it } from "vitest";
import { quoteLineSchema } from "./quote-line.schema";

const valid = { description: "Training day", quantity: 1, unitPriceCents: 125000, vatRate: 21 };

function messageFor(input: Record<string, unknown>, field: string): string | undefined {
  const result = quoteLineSchema.safeParse(input);
  if (result.success) return undefined;
  return result.error.issues.find((issue) => issue.path[0] === field)?.message;
}

describe("quoteLineSchema", () => {
  it("reads form strings, with a decimal comma, and trims the description", () => {
    const result = quoteLineSchema.safeParse({
      description: "  Training day ",
      quantity: "1,5",
      unitPriceCents: "9999",
      vatRate: "12",
      discountPercent: " 12.5 ",
    });
    expect(result).toEqual({
      success: true,
      data: { description: "Training day", quantity: 1.5, unitPriceCents: 9999, vatRate: 12, discountPercent: 12.5 },
    });
  });

  it("treats a blank or missing discount as none", () => {
    expect(quoteLineSchema.parse({ ...valid, discountPercent: "" }).discountPercent).toBeUndefined();
    expect(quoteLineSchema.parse(valid).discountPercent).toBeUndefined();
  });

  it.each([
    ["quantity", 0.001],
    ["quantity", 1_000_000],
    ["quantity", 2.125],
    ["unitPriceCents", 0],
    ["unitPriceCents", 100_000_000],
    ["vatRate", 0],
    ["vatRate", 6],
    ["discountPercent", 0],
    ["discountPercent", 100],
    ["discountPercent", 33.33],
    ["description", "x".repeat(500)],
  ])("accepts %s = %s at the bounds", (field, value) => {
    expect(quoteLineSchema.safeParse({ ...valid, [field]: value }).success).toBe(true);
  });

  it.each([
    ["description", undefined, "form.required"],
    ["description", "   ", "form.required"],
    ["description", "x".repeat(501), "form.tooLong"],
    ["quantity", undefined, "form.required"],
    ["quantity", "", "form.required"],
    ["quantity", "abc", "form.invalidNumber"],
    ["quantity", "1.234,5", "form.invalidNumber"],
    ["quantity", 0, "quote.quantityRange"],
    ["quantity", 0.0009, "quote.quantityRange"],
    ["quantity", -1, "quote.quantityRange"],
    ["quantity", 1_000_000.001, "quote.quantityRange"],
    ["quantity", 1.0005, "quote.quantityDecimals"],
    ["quantity", Number.POSITIVE_INFINITY, "quote.quantityRange"],
    ["unitPriceCents", "", "form.required"],
    ["unitPriceCents", -1, "quote.unitPriceRange"],
    ["unitPriceCents", 100_000_001, "quote.unitPriceRange"],
    ["unitPriceCents", "12.5", "quote.unitPriceWholeCents"],
    ["vatRate", undefined, "form.required"],
    ["vatRate", "", "form.required"],
    ["vatRate", 7, "form.invalidChoice"],
    ["vatRate", "21%", "form.invalidChoice"],
    ["discountPercent", -1, "quote.discountRange"],
    ["discountPercent", 100.01, "quote.discountRange"],
    ["discountPercent", "12,345", "quote.discountDecimals"],
    ["discountPercent", "ten", "form.invalidNumber"],
  ])("refuses %s = %j with %s", (field, value, message) => {
    expect(messageFor({ ...valid, [field]: value }, field)).toBe(message);
  });
});
