import { addMonthsClamped, calendarDaysBetween } from "./dates";

/**
 * Art. 14: people whose data we did not get from them must be told, "within a reasonable period
 * after obtaining the personal data, but at the latest within one month" (Art. 14(3)(a)), or at
 * the first communication if that comes sooner (14(3)(b): the first mail must carry the notice).
 *
 * Our privacy statement says data comes from the person or their company, except from trade-fair
 * organisers. So only "trade-fair" is a third-party source: a referral is recorded as the person
 * (or their company) contacting us on someone's recommendation. If a referrer ever hands over a
 * person's details, that is a third-party source too and belongs in this list.
 */
export const THIRD_PARTY_SOURCE_KINDS = ["trade-fair"] as const;

export function isThirdPartySource(sourceKind: string): boolean {
  return (THIRD_PARTY_SOURCE_KINDS as readonly string[]).includes(sourceKind);
}

export function noticeDueDate(obtainedAt: Date): Date {
  return addMonthsClamped(obtainedAt, 1);
}

export type NoticeState = "sent" | "due" | "overdue";

/** Day-based: on the due date itself the notice is still due, not overdue. */
export function noticeState(obtainedAt: Date, noticeSentAt: Date | null, today: Date): NoticeState {
  if (noticeSentAt !== null) return "sent";
  return calendarDaysBetween(noticeDueDate(obtainedAt), today) > 0 ? "overdue" : "due";
}
