import { z } from "zod";

/**
 * Calendar days as staff type them (YYYY-MM-DD) and the instants we store for them. Forms ask
 * for a day; the ledgers need an instant that orders correctly against other events.
 */

/** Today's UTC calendar day as YYYY-MM-DD. */
export function isoToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** 00:00 UTC of a YYYY-MM-DD day (how date-only facts are stored, see privacy/dates.ts). */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/**
 * The instant stored for an event staff date by day: today means "now", so an event recorded
 * after another one today orders after it; an earlier day means its noon (UTC), so the day shows
 * the same in every time zone we serve.
 */
export function dayInstant(day: string, now = new Date()): Date {
  return day === isoToday(now) ? new Date(now.getTime()) : new Date(`${day}T12:00:00Z`);
}

/** A valid YYYY-MM-DD day (messages are catalogue keys). */
export const isoDaySchema = z
  .string()
  .trim()
  .max(10, "form.invalidDate")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "form.invalidDate")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "form.invalidDate");

/** A day that is not in the future: things that happened (received, given, sent). */
export const pastDaySchema = isoDaySchema.refine((v) => v <= isoToday(), "privacy.dateInFuture");
