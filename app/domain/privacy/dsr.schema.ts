import { z } from "zod";
import { EMAIL_MAX_LENGTH, isValidEmail, normaliseEmail } from "~/domain/contacts/email";
import { RECORDABLE_CONSENT_CHANNELS } from "./consent.schema";
import { pastDaySchema } from "./days";
import { DSR_EXTENSION_REASON_MAX, DSR_TYPES, IDENTITY_VERIFICATION_METHODS } from "./dsr-dates";

const choice = { errorMap: () => ({ message: "form.invalidChoice" }) };
const optionalText = (max: number) =>
  z.preprocess((v) => (v == null ? "" : v), z.string().trim().max(max, "form.tooLong")).transform((v) => (v === "" ? null : v));

export const registerDsrSchema = z.object({
  type: z.enum(DSR_TYPES, choice),
  requesterName: z.string().trim().min(1, "form.required").max(200, "form.tooLong"),
  requesterEmail: optionalText(EMAIL_MAX_LENGTH)
    .refine((v) => v === null || isValidEmail(v), "form.invalidEmail")
    .transform((v) => (v === null ? null : normaliseEmail(v))),
  receivedOn: pastDaySchema,
});
export type RegisterDsrInput = z.infer<typeof registerDsrSchema>;

/** How identity was checked, and a short note (never a copy of a document: there is no upload). */
export const verifyIdentitySchema = z.object({
  method: z.enum(IDENTITY_VERIFICATION_METHODS, choice),
  note: optionalText(500),
});
export type VerifyIdentityInput = z.infer<typeof verifyIdentitySchema>;

export const extendDsrSchema = z.object({
  reason: z.string().trim().min(1, "dsr.DSR_EXTENSION_REASON_REQUIRED").max(DSR_EXTENSION_REASON_MAX, "form.tooLong"),
});

export const DSR_CLOSE_STATUSES = ["done", "refused"] as const;
export const closeDsrSchema = z.object({
  status: z.enum(DSR_CLOSE_STATUSES, choice),
  outcome: z.string().trim().min(1, "dsr.outcomeRequired").max(2000, "form.tooLong"),
});
export type CloseDsrInput = z.infer<typeof closeDsrSchema>;

const positiveId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const contactIdSchema = z.object({ contactId: positiveId });

export const objectionSchema = z.object({
  contactId: positiveId,
  channel: z.enum(RECORDABLE_CONSENT_CHANNELS, choice),
});

export const erasureSchema = z.object({ contactId: positiveId });

/** The detail page's contact search box (GET). */
export const dsrSearchSchema = z.object({
  q: z.preprocess((v) => (v == null ? "" : v), z.string().trim().max(100)).transform((v) => (v === "" ? undefined : v)),
});
