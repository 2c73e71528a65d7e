/**
 * The SQL behind the contact list, its count and its export (SQLite, raw better-sqlite3).
 * Built from fixed fragments only — every value is a bound parameter — and prepared once per
 * shape. A PostgreSQL variant replaces this file and contact-list-plan.server.ts (its planner has
 * the statistics); contact-list.server.ts keeps its contract.
 */
import type { Language } from "~/domain/staff/roles";
import { rawDb } from "~/lib/db.server";
import { ftsQuery, prepared, scanIndex, strategyFor, terms, type Params, type Strategy } from "./contact-list-plan.server";
import type { ContactListFilter, ContactSort, CursorValues } from "./contact-list.schema";

/** One query of a page; a page is one query, or two for "last interaction" (dated rows, then undated). */
export type PageStep = { sql: string; params: Params };
type Source = { from: string; where: string[]; params: Params; idRef: string };

function source(filter: ContactListFilter, strategy: Strategy, sort: ContactSort | null): Source {
  const where: string[] = [];
  const params: Params = {};
  let from = `"Contact" c ${scanIndex(filter, sort)}`;
  let idRef = "c.id";
  // True when the rows come through the partial index of live contacts, which leaves erased ones out.
  let liveOnly = false;
  const all = terms(filter);
  const driving = strategy.kind === "drive" ? strategy.term : null;
  if (driving !== null) {
    const drive = all[driving].drive!;
    from = drive.from;
    where.push(drive.where);
  }
  if (filter.q?.includes("@")) {
    // A range on the unique e-mail index (e-mails are stored lower-case); x'ff' sorts after every UTF-8 byte.
    from = '"Contact" c INDEXED BY "Contact_email_key"';
    where.push(`c."email" >= @email AND c."email" < @email || x'ff'`);
    params.email = filter.q.toLowerCase();
  } else if (filter.q) {
    const match = ftsQuery(filter.q);
    if (match === null) where.push("0");
    else if (strategy.kind === "scan") {
      // Many matches: walk the sort index and test membership, rather than sort them all.
      where.push('c.id IN (SELECT rowid FROM "ContactSearch" WHERE "ContactSearch" MATCH @match)');
      params.match = match;
    } else {
      // CROSS JOIN keeps the full-text index as the outer loop, so a rare name never walks all contacts.
      from = '"ContactSearch" cs CROSS JOIN "Contact" c ON c.id = cs.rowid';
      if (all.length === 0 && sort === null) {
        // A count with nothing else to test: the full-text index alone answers it.
        from = '"ContactSearch" cs';
      } else if (all.length === 0 && (sort === "name" || sort === "name-desc")) {
        // Sorting thousands of matches by name: their sort keys come from a narrow index (id, sortName)
        // of the live contacts, not from the rows — half the time at a million contacts.
        from = '"ContactSearch" cs CROSS JOIN "Contact" c INDEXED BY "Contact_live_id_sortName_idx" ON c.id = cs.rowid';
        where.push('c."erasedAt" IS NULL'); // the partial index's own condition, so SQLite may use it
        liveOnly = true;
      }
      where.push('cs."ContactSearch" MATCH @match');
      params.match = match;
      idRef = "cs.rowid";
    }
  }
  for (const [i, term] of all.entries()) {
    if (i !== driving) where.push(term.sql);
    Object.assign(params, term.params);
  }
  // Last. Erased contacts stay as anonymised rows: asking the small index of erased ids rather than
  // each row keeps counts and index walks index-only (a row read costs ~2.5 µs a candidate at 1M).
  if (!liveOnly) where.push(`NOT EXISTS (SELECT 1 FROM "Contact" e INDEXED BY "Contact_erased_id_idx" WHERE e.id = ${idRef} AND e."erasedAt" IS NOT NULL)`);
  return { from, where, params, idRef };
}

/** How many contacts match, counting no further than `cap` + 1, from the filter with the fewest rows. */
export function countUpTo(filter: ContactListFilter, cap: number): number {
  const strategy = strategyFor(filter, null);
  const start: Strategy = strategy.term === null ? strategy : { kind: "drive", term: strategy.term };
  const src = source(filter, start, null);
  const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM ${src.from} WHERE ${src.where.join(" AND ")} LIMIT @limit)`;
  return (prepared(sql).get({ ...src.params, limit: cap + 1 }) as { n: number }).n;
}

const PURPOSE_NAME: Record<Language, string> = { en: "nameEn", nl: "nameNl", fr: "nameFr" };

const LIST_COLUMNS = `c.id, c."firstName", c."lastName", c."email", o."name" AS "organisationName", c."stage",
  s."name" AS "ownerName", c."restricted",
  (SELECT f."flaggedAt" FROM "ContactRetentionFlag" f WHERE f."contactId" = c.id) AS "retentionFlaggedAt", c."lastInteractionAt", c."sortName"`;

function exportColumns(language: Language): string {
  return `c.id, c."firstName", c."lastName", c."email", c."phone", c."mobile", c."jobTitle", o."name" AS "organisationName",
  c."stage", s."name" AS "ownerName", c."sourceKind", c."obtainedAt", c."sortName", c."lastInteractionAt",
  (SELECT group_concat(pu."${PURPOSE_NAME[language]}", ', ' ORDER BY pu.id) FROM "ProcessingRecord" pr
    JOIN "Purpose" pu ON pu.id = pr."purposeId" WHERE pr."contactId" = c.id AND pr."endedAt" IS NULL) AS "purposes"`;
}

export type Projection = { kind: "list" } | { kind: "export"; language: Language };
type Key = { inner: string; outer: string };

/**
 * Keyset step: pick the page's ids with LIMIT, then join the display columns for those rows only.
 * CROSS JOIN keeps the page outermost; otherwise the planner may walk the whole sortName index
 * to avoid sorting 50 rows.
 */
function step(src: Source, extra: string[], keys: Key[], dir: "ASC" | "DESC", projection: Projection, params: Params): PageStep {
  const where = [...src.where, ...extra].join(" AND ");
  const inner = `SELECT ${src.idRef} AS id FROM ${src.from} WHERE ${where} ORDER BY ${keys.map((k) => `${k.inner} ${dir}`).join(", ")} LIMIT @limit`;
  const columns = projection.kind === "list" ? LIST_COLUMNS : exportColumns(projection.language);
  const sql = `SELECT ${columns} FROM (${inner}) p CROSS JOIN "Contact" c ON c.id = p.id
    LEFT JOIN "Organisation" o ON o.id = c."organisationId" LEFT JOIN "Staff" s ON s.id = c."ownerId"
    ORDER BY ${keys.map((k) => `${k.outer} ${dir}`).join(", ")}`;
  return { sql, params: { ...src.params, ...params } };
}

/** The queries of one page of `sort`, starting after `after`. */
export function pageSteps(filter: ContactListFilter, sort: ContactSort, after: CursorValues | null, projection: Projection, strategy: Strategy): PageStep[] {
  if (after && after.sort !== sort) throw new Error("cursor made for another sort");
  const src = source(filter, strategy, sort);
  const key = (column: string): Key => ({ inner: column, outer: column });
  const id: Key = { inner: src.idRef, outer: "c.id" };
  if (sort === "name" || sort === "name-desc") {
    const named = after?.sort === sort ? after : null;
    const sortName = key('c."sortName"');
    const keyset = named ? [`(${sortName.inner}, ${id.inner}) ${sort === "name" ? ">" : "<"} (@afterKey, @afterId)`] : [];
    const params: Params = named ? { afterKey: named.sortName, afterId: named.id } : {};
    return [step(src, keyset, [sortName, id], sort === "name" ? "ASC" : "DESC", projection, params)];
  }
  if (sort === "newest") {
    const keyset = after ? [`${id.inner} < @afterId`] : [];
    return [step(src, keyset, [id], "DESC", projection, after ? { afterId: after.id } : {})];
  }
  // Most recent interaction first, never-contacted last (SQLite puts NULLs last in DESC order);
  // two index-ordered queries instead of one OR that would defeat the index.
  const last = after?.sort === "last-interaction" ? after : null;
  const at = key('c."lastInteractionAt"');
  const steps: PageStep[] = [];
  if (!last || last.lastInteractionAt !== null) {
    const keyset = [`${at.inner} IS NOT NULL`, ...(last ? [`(${at.inner}, ${id.inner}) < (@afterKey, @afterId)`] : [])];
    steps.push(step(src, keyset, [at, id], "DESC", projection, last ? { afterKey: last.lastInteractionAt as string, afterId: last.id } : {}));
  }
  const undated = [`${at.inner} IS NULL`, ...(last?.lastInteractionAt === null ? [`${id.inner} < @afterId`] : [])];
  steps.push(step(src, undated, [id], "DESC", projection, last?.lastInteractionAt === null ? { afterId: last.id } : {}));
  return steps;
}

/** Runs the steps of a page until `limit` rows are found. */
export function runPage<Row>(steps: PageStep[], limit: number): Row[] {
  const rows: Row[] = [];
  for (const s of steps) {
    if (rows.length >= limit) break;
    rows.push(...(prepared(s.sql).all({ ...s.params, limit: limit - rows.length }) as Row[]));
  }
  return rows;
}

/** EXPLAIN QUERY PLAN of a page's first query, for tests and benchmarks. */
export function explainPage(steps: PageStep[]): string[] {
  const [first] = steps;
  const rows = rawDb().prepare(`EXPLAIN QUERY PLAN ${first.sql}`).all({ ...first.params, limit: 51 }) as { detail: string }[];
  return rows.map((r) => r.detail);
}
