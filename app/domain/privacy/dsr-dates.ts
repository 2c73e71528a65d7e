import { addMonthsClamped, calendarDaysBetween } from "./dates";

/** Data-subject requests (GDPR Art. 12, 15–21): their kinds, identity checks and deadlines. */

export const DSR_TYPES = [
  "access",
  "rectification",
  "erasure",
  "restriction",
  "objection",
  "portability",
  "consent-withdrawal",
] as const;
export type DsrType = (typeof DSR_TYPES)[number];

/**
 * How staff confirmed who is asking. We record the method and who checked, never a copy of an
 * identity document: asking for one is disproportionate for a B2B contact list, and storing it
 * would itself be new personal data (Art. 5(1)(c), EDPB Guidelines 01/2022 on access).
 */
export const IDENTITY_VERIFICATION_METHODS = [
  "known-email-reply",
  "in-person",
  "video-call",
  "signed-letter",
  "existing-customer-details",
] as const;
export type IdentityVerificationMethod = (typeof IDENTITY_VERIFICATION_METHODS)[number];

/** Art. 12(3): answer "within one month of receipt of the request". */
export function dsrDueDate(receivedAt: Date): Date {
  return addMonthsClamped(receivedAt, 1);
}

export type DsrExtension =
  | { ok: true; dueDate: Date; extendedAt: Date; reason: string }
  | { ok: false; reason: "DSR_ALREADY_EXTENDED" | "DSR_EXTENSION_REASON_REQUIRED" | "DSR_EXTENSION_TOO_LATE" };

export const DSR_EXTENSION_REASON_MAX = 1000;

/**
 * Art. 12(3): the period "may be extended by two further months where necessary", once, and the
 * person must be told within the first month, so an extension after the original due date is refused.
 *
 * The new due date is the original due date + 2 months. That equals receipt + 3 months except when
 * the first month was clamped (31 Jan → 28 Feb → 28 Apr, not 30 Apr); we keep the earlier date,
 * because missing a statutory deadline is the risk, not answering two days early.
 */
export function extendDsr(
  request: { receivedAt: Date; extendedAt: Date | null },
  reason: string,
  now: Date,
): DsrExtension {
  if (request.extendedAt !== null) return { ok: false, reason: "DSR_ALREADY_EXTENDED" };
  const trimmed = reason.trim();
  if (trimmed === "") return { ok: false, reason: "DSR_EXTENSION_REASON_REQUIRED" };
  if (trimmed.length > DSR_EXTENSION_REASON_MAX) throw new RangeError("extension reason too long; the form schema bounds it");
  const originalDue = dsrDueDate(request.receivedAt);
  if (calendarDaysBetween(originalDue, now) > 0) return { ok: false, reason: "DSR_EXTENSION_TOO_LATE" };
  return { ok: true, dueDate: addMonthsClamped(originalDue, 2), extendedAt: now, reason: trimmed };
}

export type DsrStatus = "open" | "due-soon" | "overdue" | "closed";
export const DSR_DUE_SOON_DAYS = 7;

/** Day-based: a request due today is due soon, not overdue, until the day is over. */
export function dsrStatusOf(due: Date, today: Date, closedAt: Date | null): DsrStatus {
  if (closedAt !== null) return "closed";
  const daysLeft = calendarDaysBetween(today, due);
  if (daysLeft < 0) return "overdue";
  return daysLeft <= DSR_DUE_SOON_DAYS ? "due-soon" : "open";
}
