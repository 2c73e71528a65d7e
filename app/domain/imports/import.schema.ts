/** Forms of the trade-fair import, shared by the pages (client validation), the actions and the CLI. */
import { z } from "zod";
import { CONTACT_FIELDS, mappingSchema } from "./header-mapping";

// Messages are catalogue keys, translated where they are shown.
const text = (max: number) => z.string().trim().max(max, "form.tooLong");
const optionalText = (max: number) => z.preprocess((v) => (v == null ? "" : v), text(max)).transform((v) => (v === "" ? null : v));
const isoDay = z
  .string()
  .max(10, "form.invalidDate")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "form.invalidDate")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "form.invalidDate");
const optionalDay = z.preprocess((v) => (v === "" || v == null ? null : v), isoDay.nullable());
const optionalId = z.preprocess(
  (v) => (v === "" || v == null ? null : v),
  z.coerce.number({ invalid_type_error: "form.invalidChoice" }).int("form.invalidChoice").positive("form.invalidChoice").max(Number.MAX_SAFE_INTEGER, "form.invalidChoice").nullable(),
);

export const tradeFairSchema = z
  .object({
    name: text(200).min(1, "form.required"),
    organiser: text(200).min(1, "form.required"),
    startsOn: optionalDay,
    endsOn: optionalDay,
    place: optionalText(200),
  })
  .refine((f) => !f.startsOn || !f.endsOn || f.startsOn <= f.endsOn, { message: "import.fair.endsBeforeStart", path: ["endsOn"] });
export type TradeFairInput = z.infer<typeof tradeFairSchema>;

/** The upload form: an existing fair, or a new one described inline. The file itself is checked by the server. */
export const newImportSchema = z
  .object({
    tradeFairId: optionalId,
    fairName: optionalText(200),
    fairOrganiser: optionalText(200),
    fairStartsOn: optionalDay,
    fairEndsOn: optionalDay,
    fairPlace: optionalText(200),
    /** Whose export this is; the column mapping is remembered per organiser. Defaults to the fair's. */
    organiser: optionalText(200),
    obtainedOn: optionalDay.refine((v) => v === null || v <= new Date().toISOString().slice(0, 10), "import.obtainedInFuture"),
  })
  .superRefine((v, ctx) => {
    if (v.tradeFairId !== null) return;
    if (!v.fairName) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "import.fair.required", path: ["fairName"] });
    if (!v.fairOrganiser) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "form.required", path: ["fairOrganiser"] });
  });
export type NewImportInput = z.infer<typeof newImportSchema>;

/** Form fields are named "mapping.0", "mapping.1"…: react-hook-form nests them, a posted form keeps them flat. */
function nestMapping(values: unknown): unknown {
  if (typeof values !== "object" || values === null || Array.isArray((values as { mapping?: unknown }).mapping)) return values;
  const flat = values as Record<string, unknown>;
  const mapping: unknown[] = [];
  for (const [key, value] of Object.entries(flat)) {
    const m = /^mapping\.(\d{1,3})$/.exec(key);
    if (m) mapping[Number(m[1])] = value;
  }
  return { ...flat, mapping: Array.from(mapping, (v) => v ?? "ignore") };
}

export const mappingFormSchema = z.preprocess(
  nestMapping,
  z
    .object({
      mapping: mappingSchema,
      /** The consent question as the organiser's form showed it: the evidence of every opt-in (Art. 7(1)). */
      optInWording: optionalText(1000),
    })
    .superRefine((v, ctx) => {
      if (v.mapping.includes("optIn") && !v.optInWording) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "import.reason.MAPPING_OPT_IN_NEEDS_WORDING", path: ["optInWording"] });
      }
    }),
);
export type MappingFormInput = z.infer<typeof mappingFormSchema>;

export const MAPPING_TARGETS = [...CONTACT_FIELDS, "ignore"] as const;

export const OUTCOMES = ["created", "merged", "duplicate", "suppressed", "rejected"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The report's row list: one outcome at a time, paged by spreadsheet row number. */
export const reportQuerySchema = z.object({
  outcome: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.enum(OUTCOMES).optional()),
  after: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number().int().min(0).max(2_000_000).optional()),
  conflicts: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional()),
});

const CHOICE = z.enum(["keep", "incoming"], { errorMap: () => ({ message: "form.invalidChoice" }) });

/** Resolving one merged row's conflicts: per field, keep the contact's value or take the file's. */
export const resolveConflictSchema = z.object({
  rowId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  choices: z.preprocess(
    (v) => v,
    z.record(z.enum(["firstName", "lastName", "email", "organisation", "jobTitle", "mobile", "phone", "language", "street", "postalCode", "city", "country", "notes"]), CHOICE),
  ),
});
export type ResolveConflictInput = z.infer<typeof resolveConflictSchema>;

/** Flat form values "choice.city=incoming" → { choices: { city: "incoming" } }. */
export function resolveFormValues(values: Record<string, unknown>): unknown {
  const choices: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) if (key.startsWith("choice.")) choices[key.slice(7)] = value;
  return { rowId: values.rowId, choices };
}
