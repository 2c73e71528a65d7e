import type { z, ZodError } from "zod";

/** Field → catalogue key of its first error. */
export type FieldErrors = Record<string, string>;

export function zodFieldErrors(error: ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Plain object from form data; repeated names become arrays. Files are left out. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

export type ParsedForm<S extends z.ZodTypeAny> =
  | { ok: true; data: z.infer<S> }
  | { ok: false; errors: FieldErrors; values: Record<string, unknown> };

/** Validates form data with the same zod schema the client form uses. */
export function parseFormData<S extends z.ZodTypeAny>(formData: FormData, schema: S): ParsedForm<S> {
  const values = formDataToObject(formData);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  // Never echo passwords back to the page.
  for (const key of Object.keys(values)) if (/password|confirm|token/i.test(key)) delete values[key];
  return { ok: false, errors: zodFieldErrors(result.error), values };
}
