import { z } from "zod";
import { LEGAL_BASES, RETENTION_ANCHORS, type LegalBasis, type RetentionAnchor } from "./retention";

// Messages are catalogue keys.
const name = z.string().trim().min(1, "form.required").max(200, "form.tooLong");
const count = (max: number) =>
  z.preprocess((v) => (v === "" || v == null ? "0" : v), z.coerce.number({ invalid_type_error: "purposeAdmin.wholeNumber" }).int("purposeAdmin.wholeNumber").min(0, "purposeAdmin.wholeNumber").max(max, "purposeAdmin.tooLarge"));

/** "identity, contact details" → ["identity", "contact details"]: trimmed, no blanks or repeats. */
export const commaList = z
  .preprocess((v) => (v == null ? "" : v), z.string().max(1000, "form.tooLong"))
  .transform((v) => [...new Set(v.split(",").map((item) => item.trim()).filter(Boolean))])
  .refine((items) => items.length <= 30 && items.every((item) => item.length <= 80), "purposeAdmin.listInvalid");

export const legalBasisEnum = z.enum(LEGAL_BASES as unknown as [LegalBasis, ...LegalBasis[]], { errorMap: () => ({ message: "form.invalidChoice" }) });

export const purposeSchema = z.object({
  nameEn: name,
  nameNl: name,
  nameFr: name,
  legalBasis: legalBasisEnum,
  laterBasis: z.preprocess((v) => (v === "" || v == null ? null : v), legalBasisEnum.nullable()),
  retentionAnchor: z.enum(RETENTION_ANCHORS as unknown as [RetentionAnchor, ...RetentionAnchor[]], { errorMap: () => ({ message: "form.invalidChoice" }) }),
  retentionYears: count(100),
  retentionMonths: count(120),
  categories: commaList.refine((items) => items.length > 0, "purposeAdmin.categoriesRequired"),
  recipients: commaList,
  marketing: z.preprocess((v) => v === "on" || v === "1" || v === true, z.boolean()),
});

export type PurposeInput = z.infer<typeof purposeSchema>;
export type PurposeFormValues = z.input<typeof purposeSchema>;
