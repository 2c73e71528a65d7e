import { toScaledInteger } from "./decimal";
import { DISCOUNT_DECIMALS, QUANTITY_DECIMALS, type QuoteLine, type VatRate } from "./quote-line.schema";
import type { TotalsLine } from "./totals";

/** A line as stored: quantity in thousandths and discount in hundredths of a percent (integers, no float kept). */
export type StoredLine = { description: string; quantityMilli: number; unitPriceCents: number; vatRate: number; discountBasisPoints: number };

export function toStoredLine(line: QuoteLine): StoredLine {
  const quantityMilli = toScaledInteger(line.quantity, QUANTITY_DECIMALS);
  const discountBasisPoints = toScaledInteger(line.discountPercent ?? 0, DISCOUNT_DECIMALS);
  if (quantityMilli === null || discountBasisPoints === null) throw new RangeError("line did not pass quoteLineSchema");
  return { description: line.description, quantityMilli, unitPriceCents: line.unitPriceCents, vatRate: line.vatRate, discountBasisPoints };
}

export function fromStoredLine(row: StoredLine): TotalsLine & { description: string } {
  return {
    description: row.description,
    quantity: row.quantityMilli / 1000,
    unitPriceCents: row.unitPriceCents,
    vatRate: row.vatRate as VatRate,
    discountPercent: row.discountBasisPoints / 100,
  };
}
