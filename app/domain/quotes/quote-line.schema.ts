import { z } from "zod";
import { hasAtMostDecimals } from "./decimal";

/** Belgian VAT rates, in the order invoices list them. */
export const VAT_RATES = [21, 12, 6, 0] as const;
export type VatRate = (typeof VAT_RATES)[number];

export const QUANTITY_DECIMALS = 3;
export const DISCOUNT_DECIMALS = 2;

/**
 * Form values arrive as strings. Belgian staff type a decimal comma ("1,5"), so one comma is read
 * as the decimal point; thousands separators are refused rather than guessed ("1.234,5").
 */
function numberFromInput(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  const normalised = trimmed.replace(",", ".");
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(normalised) ? Number(normalised) : Number.NaN;
}

const number = () => z.number({ required_error: "form.required", invalid_type_error: "form.invalidNumber" });

// Messages are catalogue keys; forms and actions translate them in the staff member's language.
export const quoteLineSchema = z.object({
  description: z.string({ required_error: "form.required" }).trim().min(1, "form.required").max(500, "form.tooLong"),
  quantity: z.preprocess(
    numberFromInput,
    number()
      .min(0.001, "quote.quantityRange")
      .max(1_000_000, "quote.quantityRange")
      .refine((v) => hasAtMostDecimals(v, QUANTITY_DECIMALS), "quote.quantityDecimals"),
  ),
  unitPriceCents: z.preprocess(
    numberFromInput,
    number().int("quote.unitPriceWholeCents").min(0, "quote.unitPriceRange").max(100_000_000, "quote.unitPriceRange"),
  ),
  vatRate: z.preprocess(
    numberFromInput,
    z.union([z.literal(21), z.literal(12), z.literal(6), z.literal(0)], {
      errorMap: (_issue, ctx) => ({ message: ctx.data === undefined ? "form.required" : "form.invalidChoice" }),
    }),
  ),
  discountPercent: z.preprocess(
    numberFromInput,
    number()
      .min(0, "quote.discountRange")
      .max(100, "quote.discountRange")
      .refine((v) => hasAtMostDecimals(v, DISCOUNT_DECIMALS), "quote.discountDecimals")
      .optional(),
  ),
});

export type QuoteLine = z.infer<typeof quoteLineSchema>;
