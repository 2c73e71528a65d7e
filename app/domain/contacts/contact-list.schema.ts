import { z } from "zod";
import { SOURCE_KINDS, STAGES, TAG_MAX_LENGTH } from "./contact-rules";

export const CONTACT_SORTS = ["name", "name-desc", "newest", "last-interaction"] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

/** At most this many contacts in one bulk action: a page or a few, never "everything". */
export const BULK_LIMIT = 500;

/** The sort values of the last row shown; the next page starts after them. */
export type CursorValues =
  | { sort: "name" | "name-desc"; sortName: string; id: number }
  | { sort: "newest"; id: number }
  | { sort: "last-interaction"; lastInteractionAt: string | null; id: number };

/** Opaque to the browser: base64url of the sort values. */
export function encodeCursor(values: CursorValues): string {
  const key = values.sort === "newest" ? [] : values.sort === "last-interaction" ? [values.lastInteractionAt] : [values.sortName];
  return Buffer.from(JSON.stringify([values.sort, ...key, values.id]), "utf8").toString("base64url");
}

/** The values in a cursor made for `sort`, or null when it was made for another sort or tampered with. */
export function decodeCursor(sort: ContactSort, cursor: string): CursorValues | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed[0] !== sort) return null;
  const id = parsed[parsed.length - 1];
  if (!Number.isSafeInteger(id) || id < 1) return null;
  if (sort === "newest") return parsed.length === 2 ? { sort, id } : null;
  const key = parsed[1];
  if (parsed.length !== 3) return null;
  if (sort === "last-interaction") return key === null || typeof key === "string" ? { sort, lastInteractionAt: key, id } : null;
  return typeof key === "string" ? { sort, sortName: key, id } : null;
}

const blankToUndefined = (v: unknown) => (v === "" || v == null ? undefined : v);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const positiveId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const yesNo = optional(z.enum(["yes", "no"])).transform((v) => (v === undefined ? undefined : v === "yes"));

/** Tags as the contact form stores them (normaliseTag: trimmed, lower case), with no comma (the form splits on commas). */
export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "form.required")
  .max(TAG_MAX_LENGTH, "form.tooLong")
  .refine((v) => !v.includes(","), "contactList.bulk.tagInvalid");

/** The order of a list nobody chose an order for. */
export function defaultSort(q: string | undefined): ContactSort {
  return q ? "newest" : "name";
}

/**
 * The query string of the contact list (and of its CSV export). Every string is bounded; an
 * unknown sort, stage or source answers 400 rather than silently showing something else.
 */
export const contactListQuerySchema = z
  .object({
    q: optional(z.string().trim().max(100)).transform((v) => (v ? v : undefined)),
    stage: optional(z.enum(STAGES)),
    ownerId: optional(z.union([z.literal("unassigned"), positiveId])),
    tag: optional(tagSchema),
    purposeId: optional(positiveId),
    sourceKind: optional(z.enum(SOURCE_KINDS)),
    tradeFairId: optional(positiveId),
    restricted: yesNo,
    retentionFlagged: yesNo,
    sort: z.preprocess(blankToUndefined, z.enum(CONTACT_SORTS).optional()),
    cursor: optional(z.string().max(400).regex(/^[A-Za-z0-9_-]+$/)),
  })
  // Unless someone picks an order: browsing lists by name, a search lists its matches newest first
  // (the full-text index's own order, so a common prefix never sorts 100,000 matches; ADR 016).
  .transform((query) => ({ ...query, sort: query.sort ?? defaultSort(query.q) }))
  .superRefine((query, ctx) => {
    if (query.cursor && !decodeCursor(query.sort, query.cursor)) ctx.addIssue({ code: "custom", path: ["cursor"], message: "form.invalidChoice" });
  });

export type ContactListQuery = z.infer<typeof contactListQuerySchema>;
export type ContactListFilter = Omit<ContactListQuery, "sort" | "cursor">;

export const contactExportQuerySchema = z.object({
  delimiter: z.preprocess(blankToUndefined, z.enum(["semicolon", "comma"]).default("semicolon")),
});

/** Checkboxes post one value, several or none. */
const idSelection = z.preprocess(
  (v) => (v == null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(positiveId).min(1, "contactList.bulk.noneSelected").max(BULK_LIMIT, "contactList.bulk.tooMany"),
);

/** The list's bulk form; `intent` says which button was pressed. */
export const bulkActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("assign-owner"),
    ids: idSelection,
    ownerId: z.union(
      [z.literal("unassigned").transform(() => null), z.string().max(15).regex(/^[1-9]\d{0,14}$/).transform(Number)],
      { errorMap: () => ({ message: "contactList.bulk.ownerRequired" }) },
    ),
  }),
  z.object({ intent: z.literal("add-tag"), ids: idSelection, tag: tagSchema }),
]);

export type BulkActionInput = z.infer<typeof bulkActionSchema>;
export const BULK_INTENTS = ["assign-owner", "add-tag"] as const;
