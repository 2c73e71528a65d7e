import { z } from "zod";
import { EMAIL_MAX_LENGTH, isValidEmail } from "~/domain/contacts/email";

/** Adding an address by hand. The address is hashed at once and never stored or echoed back. */
export const manualSuppressionSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "form.required")
    .max(EMAIL_MAX_LENGTH, "form.tooLong")
    .refine((v) => isValidEmail(v), "form.invalidEmail"),
});
