import { z } from "zod";
import { LANGUAGES, ROLES } from "./roles";

// Messages are catalogue keys; forms and actions translate them in the staff member's language.
export const emailField = z
  .string({ required_error: "form.required" })
  .trim()
  .min(1, "form.required")
  .max(254, "form.tooLong")
  .email("form.invalidEmail")
  .transform((value) => value.toLowerCase());

export const newPasswordField = z
  .string({ required_error: "form.required" })
  .min(12, "password.tooShort")
  .max(200, "form.tooLong");

export const signInSchema = z.object({
  email: z.string().trim().min(1, "form.required").max(254, "form.tooLong"),
  password: z.string().min(1, "form.required").max(200, "form.tooLong"),
  redirectTo: z.string().max(500).optional(),
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z
  .object({
    token: z.string().min(1).max(200),
    password: newPasswordField,
    confirm: z.string().max(200),
  })
  .refine((v) => v.password === v.confirm, { message: "password.mismatch", path: ["confirm"] });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "form.required").max(200, "form.tooLong"),
    password: newPasswordField,
    confirm: z.string().max(200),
  })
  .refine((v) => v.password === v.confirm, { message: "password.mismatch", path: ["confirm"] });

export const profileSchema = z.object({
  name: z.string().trim().min(1, "form.required").max(120, "form.tooLong"),
  email: emailField,
  language: z.enum(LANGUAGES, { errorMap: () => ({ message: "form.invalidChoice" }) }),
});

export const createStaffSchema = z.object({
  name: z.string().trim().min(1, "form.required").max(120, "form.tooLong"),
  email: emailField,
  role: z.enum(ROLES, { errorMap: () => ({ message: "form.invalidChoice" }) }),
  language: z.enum(LANGUAGES, { errorMap: () => ({ message: "form.invalidChoice" }) }),
});

export const changeRoleSchema = z.object({
  role: z.enum(ROLES, { errorMap: () => ({ message: "form.invalidChoice" }) }),
});

export type SignInInput = z.infer<typeof signInSchema>;
export type ProfileInput = z.infer<typeof profileSchema>;
export type CreateStaffInput = z.infer<typeof createStaffSchema>;
