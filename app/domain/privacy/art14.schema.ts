import { z } from "zod";
import { pastDaySchema } from "./days";

/** How the Art. 14 notice reached the person: its own mail or letter, or inside the first mailing (Art. 14(3)(b)). */
export const NOTICE_CHANNELS = ["email", "letter", "first-mailing", "in-person"] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export const noticeSentSchema = z.object({
  contactId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  sentOn: pastDaySchema,
  channel: z.enum(NOTICE_CHANNELS, { errorMap: () => ({ message: "form.invalidChoice" }) }),
});
export type NoticeSentInput = z.infer<typeof noticeSentSchema>;

/** Keyset cursor of the overdue list: the due date and id of the last row shown. */
export const noticeCursorSchema = z.object({
  after: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(60).regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_\d{1,15}$/).optional()),
});

export function encodeNoticeCursor(row: { noticeDueAt: Date; id: number }): string {
  return `${row.noticeDueAt.toISOString()}_${row.id}`;
}

export function decodeNoticeCursor(after: string | undefined): { dueAt: Date; id: number } | null {
  if (!after) return null;
  const [at, id] = after.split("_");
  const dueAt = new Date(at);
  return Number.isNaN(dueAt.getTime()) ? null : { dueAt, id: Number(id) };
}
