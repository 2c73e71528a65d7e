import { z } from "zod";
import { checkVat } from "~/domain/organisations/vat";

const text = (max: number) => z.preprocess((v) => (v == null ? "" : v), z.string().trim().max(max, "form.tooLong"));
const optionalText = (max: number) => text(max).transform((v) => (v === "" ? null : v));
const days = (max: number) => z.coerce.number({ invalid_type_error: "form.invalidNumber" }).int("form.invalidNumber").min(0, "invoice.termsRange").max(max, "invoice.termsRange");

/** IBAN check (ISO 13616): move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function isValidIban(raw: string): boolean {
  const iban = raw.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const ch of digits) remainder = (remainder * 10 + Number(ch)) % 97;
  return remainder === 1;
}

/** Company details printed on quotes and invoices (admin → Company). */
export const companySchema = z.object({
  name: text(200).refine((v) => v.length > 0, "form.required"),
  street: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  country: optionalText(100),
  vatNumber: optionalText(30)
    .refine((v) => v === null || checkVat(v).ok, "company.vatInvalid")
    .transform((v) => (v === null ? null : (checkVat(v) as { vat: string }).vat)),
  iban: optionalText(40)
    .refine((v) => v === null || isValidIban(v), "company.ibanInvalid")
    .transform((v) => (v === null ? null : v.replace(/\s+/g, "").toUpperCase())),
  bic: optionalText(11),
  email: optionalText(200),
  phone: optionalText(40),
  paymentTermsDays: days(120),
  quoteValidityDays: days(365),
});

export type CompanyDetails = z.infer<typeof companySchema>;
