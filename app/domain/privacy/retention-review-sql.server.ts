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
  const where = ['c."retentionFlaggedAt" IS NOT NULL', 'c."erasedAt" IS NULL'];
  const params: Record<string, string | number> = { limit: query.limit };
  if (query.since) {
    where.push('c."retentionFlaggedAt" >= @since');
    params.since = isoDb(query.since);
  }
  if (query.owner === "unassigned") where.push('c."ownerId" IS NULL');
  else if (query.owner !== undefined) {
    where.push('c."ownerId" = @owner');
    params.owner = query.owner;
  }
  if (query.after) {
    where.push('(c."retentionFlaggedAt", c.id) > (@afterAt, @afterId)');
    params.afterAt = isoDb(query.after.at);
    params.afterId = query.after.id;
  }
  let from = '"Contact" c';
  if (query.purpose !== undefined) {
    params.purpose = query.purpose;
    const few = (prepared(`SELECT count(*) AS n FROM (SELECT 1 FROM "ProcessingRecord" INDEXED BY "ProcessingRecord_flagged_purposeId_idx"
      WHERE "purposeId" = @purpose AND "flaggedAt" IS NOT NULL LIMIT ${SMALL_PURPOSE + 1})`).get({ purpose: query.purpose }) as { n: number }).n <= SMALL_PURPOSE;
    if (few) {
      // A rare purpose: its few flagged records first, so an empty result does not walk the whole queue.
      from = '"ProcessingRecord" pr INDEXED BY "ProcessingRecord_flagged_purposeId_idx" CROSS JOIN "Contact" c ON c.id = pr."contactId"';
      where.push('pr."purposeId" = @purpose', 'pr."flaggedAt" IS NOT NULL');
    } else {
      where.push('EXISTS (SELECT 1 FROM "ProcessingRecord" pr WHERE pr."contactId" = c.id AND pr."purposeId" = @purpose AND pr."flaggedAt" IS NOT NULL)');
    }
  }
  const sql = `SELECT c.id, c."retentionFlaggedAt" AS at FROM ${from} WHERE ${where.join(" AND ")} ORDER BY c."retentionFlaggedAt", c.id LIMIT @limit`;
  return prepared(sql).all(params) as { id: number; at: string }[];
}
