import { translator } from "~/lib/i18n/i18next.server";
import { isLanguage } from "~/lib/i18n/i18n";
import type { Language } from "~/domain/staff/roles";
import { formatVat } from "~/domain/organisations/vat";
import { db } from "~/lib/db.server";
import { getCompanyDetails } from "./company.server";
import type { CompanyDetails } from "./company.schema";
import { getInvoice } from "./invoice-read.server";
import { customerSnapshot, type CustomerSnapshot } from "./invoice-rules";
import { fromStoredLine } from "./quote-lines";
import { computeTotals, formatCents, type RateTotals } from "./totals";

/** A print-ready document: every text already in the customer's language, every amount formatted. */
export type PrintDocument = {
  language: Language;
  title: string;
  number: string;
  facts: { label: string; value: string }[];
  seller: { lines: string[]; isPlaceholder: boolean };
  customer: { heading: string; lines: string[] };
  columns: { description: string; quantity: string; unitPrice: string; discount: string; vatRate: string; net: string };
  lines: { description: string; quantity: string; unitPrice: string; discount: string; vatRate: string; net: string }[];
  breakdown: { heading: string; rate: string; base: string; vat: string; rows: { rate: string; base: string; vat: string }[] };
  totals: { label: string; value: string; grand?: boolean }[];
  notes: string | null;
  footer: string | null;
};

type Seller = Omit<CompanyDetails, "paymentTermsDays" | "quoteValidityDays">;

function sellerLines(seller: Seller, t: (k: string, v?: Record<string, string>) => string): string[] {
  return [
    seller.name, seller.street, [seller.postalCode, seller.city].filter(Boolean).join(" "), seller.country,
    seller.vatNumber ? t("print.vatNumber", { vat: formatVat(seller.vatNumber) }) : null,
    seller.email, seller.phone,
  ].filter((l): l is string => Boolean(l));
}

function customerLines(c: CustomerSnapshot, t: (k: string, v?: Record<string, string>) => string): string[] {
  return [c.customerCompany, c.customerName, ...(c.customerAddress?.split("\n") ?? []), c.customerVat ? t("print.vatNumber", { vat: formatVat(c.customerVat) }) : null]
    .filter((l): l is string => Boolean(l));
}

async function build(
  language: Language, kind: "quote" | "invoice" | "credit-note", number: string, facts: [string, string][], seller: Seller & { isPlaceholder?: boolean },
  customer: CustomerSnapshot, lines: { description: string; quantity: number; unitPriceCents: number; discountPercent: number; vatRate: number; netCents: number }[],
  byRate: RateTotals[], totals: { netCents: number; vatCents: number; totalCents: number }, notes: string | null, footer: string | null,
): Promise<PrintDocument> {
  const t = await translator(language);
  const money = (c: number) => formatCents(c, language);
  const number_ = (n: number) => n.toLocaleString(language === "en" ? "en-GB" : `${language}-BE`, { maximumFractionDigits: 3 });
  return {
    language, number, title: t(`print.title.${kind}`),
    facts: facts.map(([label, value]) => ({ label: t(label), value })),
    seller: { lines: sellerLines(seller, t), isPlaceholder: Boolean(seller.isPlaceholder) },
    customer: { heading: t("print.customer"), lines: customerLines(customer, t) },
    columns: { description: t("print.description"), quantity: t("print.quantity"), unitPrice: t("print.unitPrice"), discount: t("print.discount"), vatRate: t("print.vatRate"), net: t("print.net") },
    lines: lines.map((l) => ({ description: l.description, quantity: number_(l.quantity), unitPrice: money(l.unitPriceCents), discount: l.discountPercent ? `${number_(l.discountPercent)} %` : "", vatRate: `${l.vatRate} %`, net: money(l.netCents) })),
    breakdown: { heading: t("print.vatBreakdown"), rate: t("print.vatRate"), base: t("print.taxableBase"), vat: t("print.vat"), rows: byRate.map((r) => ({ rate: `${r.rate} %`, base: money(r.netCents), vat: money(r.vatCents) })) },
    totals: [
      { label: t("print.totalNet"), value: money(totals.netCents) },
      { label: t("print.totalVat"), value: money(totals.vatCents) },
      { label: t(kind === "credit-note" ? "print.totalCredited" : "print.totalDue"), value: money(totals.totalCents), grand: true },
    ],
    notes,
    footer,
  };
}

const day = (d: Date, language: Language) => new Intl.DateTimeFormat(language === "en" ? "en-GB" : `${language}-BE`, { dateStyle: "long", timeZone: "UTC" }).format(d);

/** The quote in its contact's language (else `fallback`), with today's company details. */
export async function printableQuote(id: number, fallback: string): Promise<PrintDocument | null> {
  const prisma = await db();
  const quote = await prisma.quote.findUnique({
    where: { id },
    select: {
      number: true, quoteDate: true, validUntil: true, notes: true,
      contact: { select: { firstName: true, lastName: true, street: true, postalCode: true, city: true, country: true, language: true } },
      organisation: { select: { name: true, vatNumber: true, street: true, postalCode: true, city: true, country: true } },
      lines: { orderBy: { position: "asc" }, select: { description: true, quantityMilli: true, unitPriceCents: true, vatRate: true, discountBasisPoints: true } },
    },
  });
  if (!quote || (!quote.contact && !quote.organisation)) return null;
  const language: Language = isLanguage(quote.contact?.language) ? quote.contact.language : isLanguage(fallback) ? fallback : "en";
  const lines = quote.lines.map(fromStoredLine);
  const totals = computeTotals(lines);
  const company = await getCompanyDetails();
  const t = await translator(language);
  return build(language, "quote", quote.number, [["print.quoteDate", day(quote.quoteDate, language)], ["print.validUntil", day(quote.validUntil, language)]], company,
    customerSnapshot(quote.contact, quote.organisation), lines.map((l, i) => ({ ...l, discountPercent: l.discountPercent ?? 0, netCents: totals.lines[i].netCents })),
    totals.byRate, totals, quote.notes, t("print.quoteFooter", { date: day(quote.validUntil, language) }));
}

/** The invoice or credit note exactly as issued: its own snapshot of seller, customer, lines and language. */
export async function printableInvoice(id: number): Promise<PrintDocument | null> {
  const invoice = await getInvoice(id);
  if (!invoice) return null;
  const language: Language = isLanguage(invoice.language) ? invoice.language : "en";
  const t = await translator(language);
  const facts: [string, string][] = [["print.issuedOn", day(invoice.issuedOn, language)]];
  if (invoice.kind === "invoice") facts.push(["print.dueOn", day(invoice.dueOn, language)]);
  if (invoice.creditOf) facts.push(["print.creditOf", invoice.creditOf.number]);
  if (invoice.quote) facts.push(["print.quoteRef", invoice.quote.number]);
  const footer = invoice.kind === "invoice"
    ? t(invoice.seller.iban ? "print.payTo" : "print.payBy", { amount: formatCents(invoice.totalCents, language), iban: invoice.seller.iban ?? "", number: invoice.number, date: day(invoice.dueOn, language) })
    : null;
  return build(language, invoice.kind === "credit-note" ? "credit-note" : "invoice", invoice.number, facts, { ...invoice.seller, isPlaceholder: false },
    invoice, invoice.lines, invoice.byRate, invoice, null, footer);
}
