import { z } from "zod";
import { ROLES } from "./roles";

// Messages are catalogue keys. A code is a TOTP code (6 digits) or a recovery code (16 characters with dashes).
const codeField = z.string({ required_error: "form.required" }).trim().min(1, "form.required").max(40, "form.tooLong");

export const secondFactorSchema = z.object({
  code: codeField,
  redirectTo: z.string().max(500).optional(),
});

export const twoFactorCodeSchema = z.object({ code: codeField });

export const sessionIdSchema = z.object({ sessionId: z.string().max(64, "form.invalidChoice").regex(/^[0-9a-f]{64}$/, "form.invalidChoice") });

/** The roles ticked on the admin security page (none ticked → no field at all). */
export const requiredRolesSchema = z.object({
  roles: z
    .union([z.enum(ROLES), z.array(z.enum(ROLES)).max(ROLES.length)], { errorMap: () => ({ message: "form.invalidChoice" }) })
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});
