import { recordAudit } from "~/domain/audit/audit.server";
import type { Actor } from "~/domain/staff/roles";
import { db } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import { decodeNoticeCursor, encodeNoticeCursor, type NoticeSentInput } from "./art14.schema";
import { startOfUtcDay } from "./db-dates";
import { dayStart } from "./days";

export const NOTICE_PAGE_SIZE = 50;

/**
 * Art. 14 notices not sent in time: third-party-sourced contacts (they are the only ones with a
 * noticeDueAt) whose due day has passed without a notice. Ordered by due date then id and paged by
 * that key, so the walk starts on the noticeDueAt index and never uses OFFSET.
 */
export async function listOverdueNotices(actor: Actor, after?: string, today = new Date()) {
  assertRole(actor, "manager");
  const cursor = decodeNoticeCursor(after);
  const prisma = await db();
  const rows = await prisma.contact.findMany({
    where: {
      noticeSentAt: null,
      erasedAt: null,
      // The range alone drives the index walk; the OR only skips the rows of the cursor's own day already shown.
      noticeDueAt: { lt: startOfUtcDay(today), gte: cursor?.dueAt },
      OR: cursor ? [{ noticeDueAt: { gt: cursor.dueAt } }, { id: { gt: cursor.id } }] : undefined,
    },
    orderBy: [{ noticeDueAt: "asc" }, { id: "asc" }],
    take: NOTICE_PAGE_SIZE + 1,
    select: {
      id: true, firstName: true, lastName: true, email: true, obtainedAt: true, noticeDueAt: true, restricted: true,
      organisation: { select: { name: true } }, tradeFair: { select: { name: true } },
    },
  });
  const page = rows.slice(0, NOTICE_PAGE_SIZE) as (typeof rows[number] & { noticeDueAt: Date })[];
  return { rows: page, nextCursor: rows.length > NOTICE_PAGE_SIZE ? encodeNoticeCursor(page[page.length - 1]) : null };
}

export type NoticeResult = { ok: true } | { ok: false; reason: "NOT_FOUND" | "CONTACT_ERASED" | "NOTICE_NOT_DUE" | "NOTICE_ALREADY_SENT" | "NOTICE_BEFORE_OBTAINED" };

/**
 * Records that the notice was sent (when and how). Allowed on a restricted contact: informing the
 * person is the company's duty, not processing for a purpose.
 */
export async function markNoticeSent(actor: Actor, input: NoticeSentInput): Promise<NoticeResult> {
  assertRole(actor, "manager");
  const sentAt = dayStart(input.sentOn);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: input.contactId }, select: { obtainedAt: true, noticeDueAt: true, noticeSentAt: true, erasedAt: true } });
    if (!contact) return { ok: false as const, reason: "NOT_FOUND" as const };
    if (contact.erasedAt) return { ok: false as const, reason: "CONTACT_ERASED" as const };
    if (!contact.noticeDueAt) return { ok: false as const, reason: "NOTICE_NOT_DUE" as const };
    if (contact.noticeSentAt) return { ok: false as const, reason: "NOTICE_ALREADY_SENT" as const };
    if (sentAt < startOfUtcDay(contact.obtainedAt)) return { ok: false as const, reason: "NOTICE_BEFORE_OBTAINED" as const };
    await tx.contact.update({ where: { id: input.contactId }, data: { noticeSentAt: sentAt, noticeChannel: input.channel } });
    await recordAudit(tx, { actor, action: "contact.notice-sent", recordType: "contact", recordId: input.contactId, summary: { channel: input.channel, sentOn: input.sentOn } });
    return { ok: true as const };
  });
}

/** How many notices are overdue, counted up to `cap` (the landing page says "100+" beyond it). */
export async function countOverdueNotices(actor: Actor, cap = 100, today = new Date()): Promise<{ count: number; more: boolean }> {
  assertRole(actor, "manager");
  const prisma = await db();
  const rows = await prisma.contact.findMany({
    where: { noticeSentAt: null, erasedAt: null, noticeDueAt: { lt: startOfUtcDay(today) } },
    take: cap + 1,
    select: { id: true },
  });
  return { count: Math.min(rows.length, cap), more: rows.length > cap };
}
