import { preparedStatement } from "~/lib/db.server";
import { isoDb } from "./db-dates";

/**
 * The ids (and flag times, for the next cursor) of one page of the review queue, oldest flag first (SQLite, raw). Only the page's ids are
 * picked here, through an index in queue order; the route's columns are read for those ids only.
 */

export type QueuePageQuery = {
  purpose?: number;
  owner?: number | "unassigned";
  /** Flagged on or after this instant. */
  since?: Date;
  after?: { at: Date; id: number } | null;
  limit: number;
};

/** Below this many flagged records of a purpose, start from them and sort; above, walk the queue and check. */
const SMALL_PURPOSE = 5_000;

const prepared = preparedStatement;

export function reviewQueuePage(query: QueuePageQuery): { id: number; at: string }[] {
  // Flags are their own rows (ADR 021); an erased contact's flags went with its data.
  const where = ['c."erasedAt" IS NULL'];
  const params: Record<string, string | number> = { limit: query.limit };
  if (query.since) {
    where.push('f."flaggedAt" >= @since');
    params.since = isoDb(query.since);
  }
  if (query.owner === "unassigned") where.push('f."ownerId" IS NULL');
  else if (query.owner !== undefined) {
    where.push('f."ownerId" = @owner');
    params.owner = query.owner;
  }
  if (query.after) {
    where.push('(f."flaggedAt", f."contactId") > (@afterAt, @afterId)');
    params.afterAt = isoDb(query.after.at);
    params.afterId = query.after.id;
  }
  let from = '"ContactRetentionFlag" f CROSS JOIN "Contact" c ON c.id = f."contactId"';
  if (query.purpose !== undefined) {
    params.purpose = query.purpose;
    const few = (prepared(`SELECT count(*) AS n FROM (SELECT 1 FROM "RetentionFlag" WHERE "purposeId" = @purpose LIMIT ${SMALL_PURPOSE + 1})`)
      .get({ purpose: query.purpose }) as { n: number }).n <= SMALL_PURPOSE;
    if (few) {
      // A rare purpose: its few flagged records first, so an empty result does not walk the whole queue.
      from = `"RetentionFlag" rf INDEXED BY "RetentionFlag_purposeId_contactId_idx" CROSS JOIN "ContactRetentionFlag" f ON f."contactId" = rf."contactId"
        CROSS JOIN "Contact" c ON c.id = f."contactId"`;
      where.push('rf."purposeId" = @purpose');
    } else {
      where.push('EXISTS (SELECT 1 FROM "RetentionFlag" rf WHERE rf."contactId" = f."contactId" AND rf."purposeId" = @purpose)');
    }
  }
  const sql = `SELECT c.id, f."flaggedAt" AS at FROM ${from} WHERE ${where.join(" AND ")} ORDER BY f."flaggedAt", f."contactId" LIMIT @limit`;
  return prepared(sql).all(params) as { id: number; at: string }[];
}
