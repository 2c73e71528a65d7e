/**
 * DateTime as the Prisma SQLite adapter stores it ("2026-11-26T12:55:52.848+00:00"). Raw SQL must
 * write and compare this exact form: dates are compared as text.
 */
export function isoDb(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

const DAY_MS = 86_400_000;

/** 00:00 UTC of the day after `today`: a date "before the end of today" is strictly below it. */
export function endOfUtcDay(today: Date): Date {
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) + DAY_MS);
}

/** 00:00 UTC of `today`. */
export function startOfUtcDay(today: Date): Date {
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
}
