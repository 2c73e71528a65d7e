import { utcDay } from "~/domain/purposes/retention";
import { dbDateTime } from "~/lib/db-datetime";

/** DateTime in the stored text form, for raw SQL (see app/lib/db-datetime.ts). */
export const isoDb = dbDateTime;

const DAY_MS = 86_400_000;

/** 00:00 UTC of `today` (the same rule as retention dates). */
export const startOfUtcDay = utcDay;

/** 00:00 UTC of the day after `today`: a date "before the end of today" is strictly below it. */
export function endOfUtcDay(today: Date): Date {
  return new Date(utcDay(today).getTime() + DAY_MS);
}
