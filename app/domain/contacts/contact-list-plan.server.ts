/**
 * Where the contact list's SQL starts reading (SQLite). SQLite keeps no per-value statistics, so
 * "stage = lead" (half the table) and "tag = vip" (a few hundred rows) look alike to its planner;
 * at a million contacts the wrong start costs seconds. Capped, index-only counts decide instead:
 *
 * - search: the full-text or e-mail index finds the matches, which are sorted;
 * - drive: one filter matches at most DRIVE_LIMIT contacts, so its index finds them, the other
 *   filters are tested on each, and they are sorted;
 * - scan: everything matches often (1 in 100 or more at a million), so the sort order's own index
 *   is walked, testing rows until the page is full.
 */
import { preparedStatement } from "~/lib/db.server";
import type { ContactListFilter, ContactSort } from "./contact-list.schema";

export type Params = Record<string, string | number>;
export type Strategy = { kind: "search" | "drive" | "scan"; term: number | null };
export const DRIVE_LIMIT = 10_000;
/**
 * Search matches are sorted up to this many. A surname's matches sit together in name order, so a
 * scan could walk most of the index before reaching them; only a term shared by a twentieth of a
 * million contacts — no real surname is — is worth scanning for.
 */
export const SEARCH_SORT_LIMIT = 50_000;

/** Prepared once per SQL text (see preparedStatement). */
export const prepared = preparedStatement;

/**
 * The FTS5 query for what someone typed: every word must match as a prefix ("chlo dub" →
 * `"chlo"* "dub"*`). Quoting makes operators and punctuation plain text; the tokenizer
 * folds accents on both sides. Null when nothing searchable is left.
 */
export function ftsQuery(q: string): string | null {
  // A NUL (or any control character) inside a quoted FTS5 string ends it early: "unterminated string".
  const words = q.replace(/[\u0000-\u001f\u007f]/g, " ").split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return null;
  return words.map((word) => `"${word.replace(/"/g, '""')}"*`).join(" ");
}

/**
 * One filter: a test on the row and, when an index serves it, how to start from it and count it.
 * `column` names the Contact column it tests, when it is an equality a scan index can start with.
 */
export type Term = { sql: string; params: Params; column?: string; drive?: { from: string; where: string; probe: string } };

/** The filters, usually-selective first (on a tie the first one wins). */
export function terms(filter: ContactListFilter): Term[] {
  const out: Term[] = [];
  const column = (sql: string, params: Params, index?: string, name?: string) => {
    const from = `"Contact" c INDEXED BY "${index}"`;
    out.push({ sql, params, column: name, drive: index ? { from, where: sql, probe: `SELECT 1 FROM ${from} WHERE ${sql}` } : undefined });
  };
  // "No" answers are never selective: no index to start from.
  if (filter.restricted !== undefined) column(`c."restricted" = ${filter.restricted ? 1 : 0}`, {}, filter.restricted ? "Contact_restricted_id_idx" : undefined);
  // Flags are rows of their own (ADR 021).
  const flagged = 'EXISTS (SELECT 1 FROM "ContactRetentionFlag" f WHERE f."contactId" = c.id)';
  if (filter.retentionFlagged === true) {
    out.push({
      sql: flagged,
      params: {},
      drive: { from: '"ContactRetentionFlag" f CROSS JOIN "Contact" c ON c.id = f."contactId"', where: "1", probe: 'SELECT 1 FROM "ContactRetentionFlag"' },
    });
  }
  if (filter.retentionFlagged === false) out.push({ sql: `NOT ${flagged}`, params: {} });
  if (filter.tradeFairId !== undefined) column('c."tradeFairId" = @tradeFairId', { tradeFairId: filter.tradeFairId }, "Contact_tradeFairId_id_idx", "tradeFairId");
  if (filter.tag) {
    out.push({
      sql: 'EXISTS (SELECT 1 FROM "ContactTag" t WHERE t."contactId" = c.id AND t."tag" = @tag)',
      params: { tag: filter.tag },
      drive: { from: '"ContactTag" t CROSS JOIN "Contact" c ON c.id = t."contactId"', where: 't."tag" = @tag', probe: 'SELECT 1 FROM "ContactTag" t WHERE t."tag" = @tag' },
    });
  }
  if (filter.purposeId !== undefined) {
    out.push({
      sql: 'EXISTS (SELECT 1 FROM "ProcessingRecord" pr WHERE pr."contactId" = c.id AND pr."purposeId" = @purposeId AND pr."endedAt" IS NULL)',
      params: { purposeId: filter.purposeId },
      drive: {
        from: '"ProcessingRecord" pr CROSS JOIN "Contact" c ON c.id = pr."contactId"',
        where: 'pr."purposeId" = @purposeId AND pr."endedAt" IS NULL',
        probe: 'SELECT 1 FROM "ProcessingRecord" pr WHERE pr."purposeId" = @purposeId', // index-only: ended records still count
      },
    });
  }
  if (filter.sourceKind) column('c."sourceKind" = @sourceKind', { sourceKind: filter.sourceKind }, "Contact_sourceKind_id_idx", "sourceKind");
  // Owner before stage: the owner index also serves the stage.
  const owner = "Contact_ownerId_stage_sortName_id_idx";
  if (filter.ownerId === "unassigned") column('c."ownerId" IS NULL', {}, owner, "ownerId");
  else if (filter.ownerId !== undefined) column('c."ownerId" = @ownerId', { ownerId: filter.ownerId }, owner, "ownerId");
  if (filter.stage) column('c."stage" = @stage', { stage: filter.stage }, "Contact_stage_sortName_id_idx", "stage");
  return out;
}

const count = (sql: string, params: Params, cap: number) => (prepared(`SELECT count(*) AS n FROM (${sql} LIMIT @limit)`).get({ ...params, limit: cap + 1 }) as { n: number }).n;

/**
 * A probe that reached its cap is remembered this long: at a million contacts an owner's or a
 * stage's probe counts 10,000 index entries (1.5 ms) on every list page, and a set that big a
 * moment ago still is. The probe only picks where reading starts, never which rows match, so a
 * stale answer can cost speed, not correctness. Answers under the cap are never remembered.
 */
export const BIG_PROBE_MEMORY_MS = 30_000;
const BIG_PROBE_MEMORY_SIZE = 500;
const bigProbes = new Map<string, number>();

/** count(sql) up to `cap` + 1, remembering answers over the cap (see BIG_PROBE_MEMORY_MS). */
export function probeCount(sql: string, params: Params, cap: number, now = Date.now()): number {
  const key = `${cap}\u0000${sql}\u0000${JSON.stringify(params)}`;
  const seen = bigProbes.get(key);
  if (seen !== undefined && now - seen < BIG_PROBE_MEMORY_MS) return cap + 1;
  bigProbes.delete(key);
  const n = count(sql, params, cap);
  if (n > cap) {
    if (bigProbes.size >= BIG_PROBE_MEMORY_SIZE) bigProbes.delete(bigProbes.keys().next().value!);
    bigProbes.set(key, now);
  }
  return n;
}

/**
 * How to read the list for `sort` (null: for a count, in any order). `term` is the filter with the
 * fewest rows, the best place to start counting even when the page itself scans.
 */
export function strategyFor(filter: ContactListFilter, sort: ContactSort | null): Strategy {
  if (filter.q) {
    // Full-text matches come in rowid order, which is "newest" already; e-mail ranges are short.
    const match = filter.q.includes("@") || sort === null || sort === "newest" ? null : ftsQuery(filter.q);
    if (match === null) return { kind: "search", term: null };
    const n = probeCount('SELECT 1 FROM "ContactSearch" WHERE "ContactSearch" MATCH @match', { match }, SEARCH_SORT_LIMIT);
    return { kind: n <= SEARCH_SORT_LIMIT ? "search" : "scan", term: null };
  }
  let best: { term: number; n: number } | null = null;
  const all = terms(filter);
  for (const [i, term] of all.entries()) {
    if (!term.drive) continue;
    const n = probeCount(term.drive.probe, term.params, DRIVE_LIMIT);
    if (!best || n < best.n) best = { term: i, n };
    if (n === 0) break;
  }
  if (!best) return { kind: "scan", term: null };
  // The sort index starts with the best filter's column: walking it reads those rows only, already in order.
  const column = all[best.term].column;
  if (sort !== null && column && scanColumns(filter, sort).includes(column)) return { kind: "scan", term: best.term };
  return { kind: best.n <= DRIVE_LIMIT ? "drive" : "scan", term: best.term };
}

/**
 * The index a scan walks: one that yields rows in `sort` order, narrowed by the filter columns it
 * starts with (`columns`) when it can be.
 */
function scanPlan(filter: ContactListFilter, sort: ContactSort | null): { index: string; columns: string[] } {
  if (sort === "name" || sort === "name-desc") {
    if (filter.stage && filter.ownerId !== undefined) return { index: 'INDEXED BY "Contact_ownerId_stage_sortName_id_idx"', columns: ["ownerId", "stage"] };
    if (filter.stage) return { index: 'INDEXED BY "Contact_stage_sortName_id_idx"', columns: ["stage"] };
    return { index: 'INDEXED BY "Contact_sortName_id_idx"', columns: [] };
  }
  if (sort === "last-interaction") {
    // A fair's dated contacts in order, then its undated ones by id, from one index.
    if (filter.tradeFairId !== undefined) return { index: 'INDEXED BY "Contact_tradeFairId_lastInteractionAt_id_idx"', columns: ["tradeFairId"] };
    return { index: 'INDEXED BY "Contact_lastInteractionAt_id_idx"', columns: [] };
  }
  // (column, id) indexes list a fair's or a source's contacts newest first: no walking past the
  // newer contacts of other imports to reach an older one.
  if (sort === "newest" && filter.tradeFairId !== undefined) return { index: 'INDEXED BY "Contact_tradeFairId_id_idx"', columns: ["tradeFairId"] };
  if (sort === "newest" && filter.sourceKind) return { index: 'INDEXED BY "Contact_sourceKind_id_idx"', columns: ["sourceKind"] };
  return { index: "NOT INDEXED", columns: [] }; // rowid order ("newest", counts); primary-key lookups stay allowed
}

export const scanIndex = (filter: ContactListFilter, sort: ContactSort | null): string => scanPlan(filter, sort).index;
const scanColumns = (filter: ContactListFilter, sort: ContactSort): string[] => scanPlan(filter, sort).columns;
