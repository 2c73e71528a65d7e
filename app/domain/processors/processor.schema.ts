import { z } from "zod";
import { commaList } from "~/domain/purposes/purpose.schema";

/** Art. 46: how a transfer outside the EEA is safeguarded (adequacy decision, standard clauses, binding corporate rules), or not. */
export const SAFEGUARDS = ["adequacy", "scc", "bcr", "none"] as const;
export type Safeguard = (typeof SAFEGUARDS)[number];

const text = (max: number) => z.string().trim().min(1, "form.required").max(max, "form.tooLong");
const isoDay = z
  .string()
  .max(10, "form.invalidDate")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "form.invalidDate")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "form.invalidDate");

export const processorSchema = z
  .object({
    name: text(200),
    service: text(100),
    dataCategories: commaList,
    dpaSignedOn: z.preprocess((v) => (v === "" || v == null ? null : v), isoDay.nullable()),
    location: text(100),
    outsideEea: z.preprocess((v) => v === "on" || v === "1" || v === true, z.boolean()),
    safeguard: z.preprocess((v) => (v === "" || v == null ? null : v), z.enum(SAFEGUARDS, { errorMap: () => ({ message: "form.invalidChoice" }) }).nullable()),
  })
  // A transfer outside the EEA must say what it rests on, even if that is "none" (the register then shows the gap).
  .refine((p) => !p.outsideEea || p.safeguard !== null, { path: ["safeguard"], message: "processor.safeguardRequired" });

export type ProcessorInput = z.infer<typeof processorSchema>;
export type ProcessorFormValues = z.input<typeof processorSchema>;
