/**
 * A DateTime as the Prisma SQLite adapter stores it ("2026-11-26T12:55:52.848+00:00"). Raw SQL must
 * write and compare this exact form, since SQLite compares these dates as text.
 */
export function dbDateTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
