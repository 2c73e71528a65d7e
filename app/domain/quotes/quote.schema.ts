import { z } from "zod";
import { parseEuroInput } from "./money-input";
import { QUOTE_STATUSES } from "./numbering";
import { quoteLineSchema } from "./quote-line.schema";

// Messages are catalogue keys, translated where they are shown.
export const MAX_QUOTE_LINES = 100;
export const LINE_FIELDS = ["description", "quantity", "unitPrice", "vatRate", "discountPercent"] as const;

const optionalText = (max: number) =>
  z.preprocess((v) => (v == null ? "" : v), z.string().trim().max(max, "form.tooLong")).transform((v) => (v === "" ? null : v));

const optionalId = z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.number().int().positive().max(2 ** 31).nullable());

export const isoDay = z
  .string({ required_error: "form.required" })
  .max(10, "form.invalidDate")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "form.invalidDate")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "form.invalidDate");

/** The price is typed in euros ("12,50") and stored in cents. */
const unitPrice = z.preprocess((v) => (v == null ? "" : v), z.string().max(30, "form.tooLong")).transform((raw, ctx) => {
  const parsed = parseEuroInput(raw);
  if (parsed.ok) {
    if (parsed.cents <= 100_000_000) return parsed.cents;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "quote.unitPriceRange" });
    return z.NEVER;
  }
  const message = { EMPTY: "form.required", INVALID: "form.invalidNumber", TOO_MANY_DECIMALS: "quote.unitPriceWholeCents", TOO_LARGE: "quote.unitPriceRange" }[parsed.reason];
  ctx.addIssue({ code: z.ZodIssueCode.custom, message });
  return z.NEVER;
});

export const quoteFormLineSchema = z
  .object({
    description: quoteLineSchema.shape.description,
    quantity: quoteLineSchema.shape.quantity,
    unitPrice,
    vatRate: quoteLineSchema.shape.vatRate,
    discountPercent: quoteLineSchema.shape.discountPercent,
  })
  .transform(({ unitPrice: unitPriceCents, ...rest }) => ({ ...rest, unitPriceCents }));

type RawLine = Record<string, unknown>;

const isBlank = (line: RawLine) => LINE_FIELDS.every((f) => line[f] == null || String(line[f]).trim() === "");

/**
 * Lines arrive nested from react-hook-form ({ lines: [{…}] }) or flat from a posted form
 * ("lines.0.description"); both become one array. Wholly blank lines are dropped, so a spare empty
 * row (shown when JavaScript is off) does not block saving.
 */
export function collectLines(values: unknown): RawLine[] {
  if (typeof values !== "object" || values === null) return [];
  const record = values as Record<string, unknown>;
  let lines: RawLine[];
  if (Array.isArray(record.lines)) {
    lines = record.lines.filter((l): l is RawLine => typeof l === "object" && l !== null);
  } else {
    const byIndex = new Map<number, RawLine>();
    for (const [key, value] of Object.entries(record)) {
      const m = /^lines\.(\d{1,3})\.(\w+)$/.exec(key);
      if (!m || !(LINE_FIELDS as readonly string[]).includes(m[2])) continue;
      const index = Number(m[1]);
      const line = byIndex.get(index) ?? {};
      line[m[2]] = Array.isArray(value) ? value[0] : value;
      byIndex.set(index, line);
    }
    lines = [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, l]) => l);
  }
  return lines.filter((l) => !isBlank(l));
}

export const quoteFormSchema = z.preprocess(
  (values) => (typeof values === "object" && values !== null ? { ...values, lines: collectLines(values) } : values),
  z
    .object({
      contactId: optionalId,
      organisationId: optionalId,
      validUntil: isoDay,
      notes: optionalText(2000),
      lines: z.array(quoteFormLineSchema).min(1, "quote.needsLine").max(MAX_QUOTE_LINES, "quote.tooManyLines"),
    })
    .refine((q) => q.contactId !== null || q.organisationId !== null, { message: "quote.needsCustomer", path: ["contactId"] }),
);

export type QuoteInput = z.infer<typeof quoteFormSchema>;
export type QuoteFormLine = { description: string; quantity: string; unitPrice: string; vatRate: string; discountPercent: string };

export const quoteListQuerySchema = z.object({
  status: z.enum(QUOTE_STATUSES).optional().or(z.literal("").transform(() => undefined)),
  before: z.coerce.number().int().positive().optional(),
});

export const issueInvoiceSchema = z.object({
  paymentTermsDays: z.coerce.number({ invalid_type_error: "form.invalidNumber" }).int("form.invalidNumber").min(0, "invoice.termsRange").max(120, "invoice.termsRange"),
});

export const markPaidSchema = z.object({ paidOn: isoDay });
