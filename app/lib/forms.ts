import type { z, ZodError, ZodIssue } from "zod";

/** Field → catalogue key of its first error. */
export type FieldErrors = Record<string, string>;

const CATALOGUE_KEY = /^[a-zA-Z][\w-]*(\.[\w-]+)+$/;

/**
 * Schema messages are catalogue keys. Where a schema left zod's own English default ("Number must
 * be greater than 0", "Invalid discriminator value…"), the nearest generic key stands in, so the
 * page can always translate what it shows.
 */
function messageKey(issue: ZodIssue): string {
  if (CATALOGUE_KEY.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return issue.received === "undefined" ? "form.required" : issue.expected === "number" ? "form.invalidNumber" : "form.invalidChoice";
    case "too_big":
      return issue.type === "number" || issue.type === "bigint" ? "form.invalidNumber" : "form.tooLong";
    case "too_small":
      return issue.type === "number" || issue.type === "bigint" ? "form.invalidNumber" : "form.required";
    case "not_multiple_of":
      return "form.invalidNumber";
    case "invalid_string":
      return issue.validation === "email" ? "form.invalidEmail" : issue.validation === "date" || issue.validation === "datetime" ? "form.invalidDate" : "form.invalidChoice";
    case "invalid_date":
      return "form.invalidDate";
    default:
      return "form.invalidChoice";
  }
}

export function zodFieldErrors(error: ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    errors[key] ??= messageKey(issue);
  }
  return errors;
}

/** Plain object from form data; repeated names become arrays. Files are left out. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    // "__proto__" would set the object's prototype instead of a field.
    if (typeof value !== "string" || key === "__proto__") continue;
    const existing = Object.hasOwn(out, key) ? out[key] : undefined;
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
