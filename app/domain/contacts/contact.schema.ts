import { z } from "zod";
import { LANGUAGES } from "~/domain/staff/roles";
import { INTERACTION_KINDS, normaliseTag, SOURCE_KINDS, STAGES, TAG_MAX_LENGTH } from "./contact-rules";
import { EMAIL_MAX_LENGTH, isValidEmail, normaliseEmail } from "./email";
import { normalisePhone } from "./phone";

// Messages are catalogue keys, translated where they are shown.
const text = (max: number) => z.string().trim().max(max, "form.tooLong");
const optionalText = (max: number) =>
  z.preprocess((v) => (v == null ? "" : v), text(max)).transform((v) => (v === "" ? null : v));

const phoneField = optionalText(40)
  .refine((v) => v === null || normalisePhone(v).ok, "contact.PHONE_INVALID")
  .transform((v) => (v === null ? null : (normalisePhone(v) as { e164: string | null }).e164));

const optionalId = z.preprocess(
  (v) => (v === "" || v == null ? null : v),
  z.coerce.number().int().positive().nullable(),
);

const isoDay = z
  .string()
  .max(10, "form.invalidDate")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "form.invalidDate")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "form.invalidDate");

/** Checkbox groups post one value, several, or nothing. */
const idList = z.preprocess(
  (v) => (v == null || v === false || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.coerce.number().int().positive()).max(50),
);

export const contactSchema = z.object({
  firstName: text(100).min(1, "form.required"),
  lastName: text(100).min(1, "form.required"),
  email: optionalText(EMAIL_MAX_LENGTH)
    .refine((v) => v === null || isValidEmail(v), "form.invalidEmail")
    .transform((v) => (v === null ? null : normaliseEmail(v))),
  phone: phoneField,
  mobile: phoneField,
  jobTitle: optionalText(150),
  organisationName: optionalText(200),
  street: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  country: optionalText(100),
  language: z.preprocess((v) => (v === "" || v == null ? null : v), z.enum(LANGUAGES, { errorMap: () => ({ message: "form.invalidChoice" }) }).nullable()),
  stage: z.enum(STAGES, { errorMap: () => ({ message: "form.invalidChoice" }) }),
  ownerId: optionalId,
  tags: optionalText(500)
    .transform((v) => (v ? [...new Set(v.split(",").map(normaliseTag).filter(Boolean))] : []))
    .refine((tags) => tags.length <= 20 && tags.every((t) => t.length <= TAG_MAX_LENGTH), "contact.tagsInvalid"),
  sourceKind: z.enum(SOURCE_KINDS, { errorMap: () => ({ message: "form.invalidChoice" }) }),
  sourceDetail: optionalText(500),
  obtainedAt: isoDay.refine((v) => v <= new Date().toISOString().slice(0, 10), "contact.obtainedInFuture"),
  /** One processing record per chosen purpose: at least one (a contact is never held without a reason). */
  purposeIds: idList.refine((ids) => ids.length > 0, "contact.needsPurpose"),
  evidence: optionalText(1000),
  /** Set when staff saw the duplicate warning and chose to save anyway. */
  confirmDuplicate: z.preprocess((v) => v === "1" || v === "on" || v === true, z.boolean()).optional(),
});

export type ContactInput = z.infer<typeof contactSchema>;
export type ContactFormValues = z.input<typeof contactSchema>;

export const interactionSchema = z.object({
  kind: z.enum(INTERACTION_KINDS, { errorMap: () => ({ message: "form.invalidChoice" }) }),
  occurredOn: isoDay,
  summary: optionalText(2000),
});
export type InteractionInput = z.infer<typeof interactionSchema>;

export const restrictionSchema = z.object({
  reason: text(500).min(1, "contact.restrictionReasonRequired"),
});
