import type { Language } from "~/domain/staff/roles";
import { divideRoundHalfUp, toScaledInteger } from "./decimal";
import { DISCOUNT_DECIMALS, QUANTITY_DECIMALS, VAT_RATES, type QuoteLine, type VatRate } from "./quote-line.schema";

/**
 * Quote and invoice totals in integer cents.
 *
 * Rounding: each line's net amount is rounded to the cent, then each line's VAT is rounded to the
 * cent, and totals are sums of those rounded amounts. EU law (Directive 2006/112) and Belgian
 * practice allow rounding per line or per rate; we round per line so every printed line adds up to
 * the printed totals with no "rounding difference" line. The per-rate VAT may therefore differ by
 * a few cents from (rate × per-rate net); that is accepted by the Belgian tax administration.
 *
 * Quantities must be > 0. A credit note is not a quote with negative lines: it copies the
 * invoice's lines and negates the whole result (`negateTotals`), so both documents round the same.
 */

export type LineTotals = { netCents: number; vatCents: number; totalCents: number };
export type RateTotals = { rate: VatRate; netCents: number; vatCents: number };
export type Totals = {
  lines: LineTotals[];
  /** Only the rates used, ordered 21, 12, 6, 0 as on the invoice. */
  byRate: RateTotals[];
  netCents: number;
  vatCents: number;
  totalCents: number;
};

/** A line as computeTotals needs it; the schema's output satisfies it. */
export type TotalsLine = Pick<QuoteLine, "quantity" | "unitPriceCents" | "vatRate" | "discountPercent">;

const QUANTITY_SCALE = 10n ** BigInt(QUANTITY_DECIMALS); // quantity in thousandths
const PERCENT_SCALE = 100n * 10n ** BigInt(DISCOUNT_DECIMALS); // discount in hundredths of a percent

/** Net and VAT of one line. Input is expected to have passed quoteLineSchema; anything else is a bug. */
export function computeLineTotals(line: TotalsLine): LineTotals {
  const quantity = toScaledInteger(line.quantity, QUANTITY_DECIMALS);
  if (quantity === null || quantity <= 0) throw new RangeError(`invalid quantity ${line.quantity}`);
  if (!Number.isSafeInteger(line.unitPriceCents) || line.unitPriceCents < 0) {
    throw new RangeError(`invalid unit price ${line.unitPriceCents}`);
  }
  if (!(VAT_RATES as readonly number[]).includes(line.vatRate)) throw new RangeError(`invalid VAT rate ${line.vatRate}`);
  const discount = toScaledInteger(line.discountPercent ?? 0, DISCOUNT_DECIMALS);
  if (discount === null || discount < 0 || BigInt(discount) > PERCENT_SCALE) {
    throw new RangeError(`invalid discount ${line.discountPercent}`);
  }

  // BigInt: 10^9 thousandths × 10^8 cents × 10^4 exceeds 2^53, and this must stay exact.
  const net = divideRoundHalfUp(
    BigInt(quantity) * BigInt(line.unitPriceCents) * (PERCENT_SCALE - BigInt(discount)),
    QUANTITY_SCALE * PERCENT_SCALE,
  );
  const vat = divideRoundHalfUp(net * BigInt(line.vatRate), 100n);
  const netCents = Number(net);
  const vatCents = Number(vat);
  return { netCents, vatCents, totalCents: netCents + vatCents };
}

export function computeTotals(lines: readonly TotalsLine[]): Totals {
  const lineTotals = lines.map(computeLineTotals);
  const perRate = new Map<VatRate, RateTotals>();
  let netCents = 0;
  let vatCents = 0;
  lines.forEach((line, i) => {
    const { netCents: net, vatCents: vat } = lineTotals[i];
    const rate = perRate.get(line.vatRate) ?? { rate: line.vatRate, netCents: 0, vatCents: 0 };
    rate.netCents += net;
    rate.vatCents += vat;
    perRate.set(line.vatRate, rate);
    netCents += net;
    vatCents += vat;
  });
  const totalCents = netCents + vatCents;
  // Only reachable with absurd inputs (hundreds of lines at the schema's maxima); not a user error.
  if (!Number.isSafeInteger(totalCents)) throw new RangeError("quote total exceeds safe integer range");
  const byRate = VAT_RATES.flatMap((rate) => perRate.get(rate) ?? []);
  return { lines: lineTotals, byRate, netCents, vatCents, totalCents };
}

/** The totals of a credit note for `totals`: every amount negated (`0 - x` so zero stays +0). */
export function negateTotals(totals: Totals): Totals {
  const neg = (cents: number) => 0 - cents;
  return {
    lines: totals.lines.map((l) => ({ netCents: neg(l.netCents), vatCents: neg(l.vatCents), totalCents: neg(l.totalCents) })),
    byRate: totals.byRate.map((r) => ({ rate: r.rate, netCents: neg(r.netCents), vatCents: neg(r.vatCents) })),
    netCents: neg(totals.netCents),
    vatCents: neg(totals.vatCents),
    totalCents: neg(totals.totalCents),
  };
}

const MONEY_LOCALES: Record<Language, string> = { en: "en-GB", nl: "nl-BE", fr: "fr-BE" };
const formatters = new Map<Language, Intl.NumberFormat>();

/** "€ 1.234,56" (nl), "1 234,56 €" (fr), "€1,234.56" (en), as Intl formats euros for each locale. */
export function formatCents(cents: number, language: Language): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be an integer, got ${cents}`);
  let formatter = formatters.get(language);
  if (!formatter) {
    formatter = new Intl.NumberFormat(MONEY_LOCALES[language], { style: "currency", currency: "EUR" });
    formatters.set(language, formatter);
  }
  // cents / 100 is within half a binary step of the exact amount, far below the half cent the
  // formatter rounds at, for any amount a quote can hold.
  return formatter.format(cents / 100);
}
