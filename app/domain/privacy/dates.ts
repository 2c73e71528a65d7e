/**
 * Calendar arithmetic for legal deadlines, in UTC.
 *
 * GDPR periods "of one month" follow Regulation 1182/71 Art. 3(2)(c): the period ends on the same
 * day of the month, or on the month's last day when that day does not exist (31 Jan + 1 month =
 * 28/29 Feb). We do not push a deadline past weekends or holidays (Art. 3(4) would allow it):
 * the earlier date is the safe one for the company to keep.
 *
 * Everything is reckoned on UTC calendar days; callers store date-only values at UTC midnight.
 */

const DAY_MS = 86_400_000;

function assertValidDate(date: Date, name: string): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new TypeError(`${name} is not a valid Date`);
}

/** `date` plus `months` calendar months (may be negative), day clamped to the target month's end; time of day kept. */
export function addMonthsClamped(date: Date, months: number): Date {
  assertValidDate(date, "date");
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const monthIndex = date.getUTCMonth() + months;
  const year = date.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(date.getTime());
  // Set year, month and day in one call so an intermediate date never overflows into the next month.
  result.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return result;
}

/** Days since 1970-01-01 of the date's UTC calendar day. */
export function utcDayNumber(date: Date): number {
  assertValidDate(date, "date");
  return Math.floor(date.getTime() / DAY_MS);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier); time of day is ignored. */
export function calendarDaysBetween(from: Date, to: Date): number {
  return utcDayNumber(to) - utcDayNumber(from);
}
