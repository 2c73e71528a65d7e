import { z } from "zod";

const optionalInt = z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number().int().positive().optional());
const optionalDate = z.preprocess(
  (v) => (v === "" || v == null ? undefined : v),
  z.string().max(10, "form.invalidDate").regex(/^\d{4}-\d{2}-\d{2}$/, "form.invalidDate").optional(),
);

/** Filters of the audit trail page, read from the query string. */
export const auditFilterSchema = z.object({
  staff: optionalInt,
  type: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(40).optional()),
  from: optionalDate,
  to: optionalDate,
  before: optionalInt,
});
