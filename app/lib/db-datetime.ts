/**
 * A DateTime as the Prisma SQLite adapter stores it ("2026-11-26T12:55:52.848+00:00"). Raw SQL must
 * write and compare this exact form, since SQLite compares these dates as text.
 */
export function dbDateTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/**
 * A stored DateTime read back by raw SQL: text as above (or a Date, when Prisma's `$queryRaw` has
 * parsed it already) to a Date; null stays null.
 */
export function fromDbDateTime(value: string | Date): Date;
export function fromDbDateTime(value: string | Date | null | undefined): Date | null;
export function fromDbDateTime(value: string | Date | null | undefined): Date | null {
  return value == null ? null : new Date(value);
}
