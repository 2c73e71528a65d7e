import { z } from "zod";

// Messages are catalogue keys.
const blank = (v: unknown) => (v === "" || v == null ? undefined : v);
const positiveId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const isoDay = z
  .string()
  .max(10, "form.invalidDate")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "form.invalidDate")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "form.invalidDate");
const reason = z.string().trim().min(1, "review.reasonRequired").max(500, "form.tooLong");
/** A new retention date must lie after today (UTC day), or the entry would be flagged again at once. */
const futureDay = isoDay.refine((v) => v > new Date().toISOString().slice(0, 10), "review.dateNotFuture");

export const REVIEW_PAGE_SIZE = 25;
export const REVIEW_BULK_LIMIT = 100;

/** Keyset cursor: "<flagged (or held) at, epoch ms>.<contact id>". */
export const reviewCursorSchema = z.string().max(31).regex(/^\d{1,15}\.\d{1,15}$/);

export const reviewFilterSchema = z.object({
  purpose: z.preprocess(blank, positiveId.optional()),
  owner: z.preprocess(blank, z.union([z.literal("unassigned"), positiveId]).optional()),
  /** Flagged on or after this day. */
  since: z.preprocess(blank, isoDay.optional()),
  cursor: z.preprocess(blank, reviewCursorSchema.optional()),
});
export type ReviewFilter = z.infer<typeof reviewFilterSchema>;

const contactId = positiveId;

/** One row's form: the button pressed is the intent. */
export const reviewDecisionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("erase"),
    contactId,
    reason: z.preprocess((v) => (v == null ? "" : v), z.string().trim().max(500, "form.tooLong")),
    // Erasure cannot be undone: the form asks for an explicit tick, with or without JavaScript.
    confirm: z.preprocess((v) => v === "on" || v === "1", z.literal(true, { errorMap: () => ({ message: "review.confirmRequired" }) })),
  }),
  z.object({ intent: z.literal("extend"), contactId, reason, until: futureDay }),
  z.object({ intent: z.literal("hold"), contactId, reason }),
]);
export type ReviewDecisionInput = z.infer<typeof reviewDecisionSchema>;

const idSelection = z.preprocess(
  (v) => (v == null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(positiveId).min(1, "review.noneSelected").max(REVIEW_BULK_LIMIT, "review.tooMany"),
);

/** The bulk form under the queue: extend or hold every ticked entry with one reason. */
export const reviewBulkSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("bulk-extend"), ids: idSelection, reason, until: futureDay }),
  z.object({ intent: z.literal("bulk-hold"), ids: idSelection, reason }),
]);
export type ReviewBulkInput = z.infer<typeof reviewBulkSchema>;

/** Lifting a legal hold (the list of entries on hold): always with a reason, as placing it was. */
export const liftHoldSchema = z.object({ intent: z.literal("lift"), contactId, reason });
export type LiftHoldInput = z.infer<typeof liftHoldSchema>;

export type ReviewDecision =
  | { kind: "erase"; reason: string }
  | { kind: "extend"; reason: string; until: Date }
  | { kind: "hold"; reason: string };

/** A validated form as the domain takes it; dates are UTC days. */
export function decisionOf(input: ReviewDecisionInput | ReviewBulkInput): ReviewDecision {
  switch (input.intent) {
    case "erase":
      return { kind: "erase", reason: input.reason || "retention review" };
    case "extend":
    case "bulk-extend":
      return { kind: "extend", reason: input.reason, until: new Date(`${input.until}T00:00:00Z`) };
    case "hold":
    case "bulk-hold":
      return { kind: "hold", reason: input.reason };
  }
}
