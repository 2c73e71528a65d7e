/**
 * The importer's raw SQL: lookups against the unique and composite indexes, and the inserts of
 * one chunk. Prepared once per connection. Only app/domain/imports uses it (ADR 003, 010).
 */
import type Database from "better-sqlite3";

/** A contact as the merge rules see it. */
export type ExistingRow = {
  id: number; firstName: string; lastName: string; email: string | null; phone: string | null; mobile: string | null;
  jobTitle: string | null; street: string | null; postalCode: string | null; city: string | null; country: string | null;
  language: string | null; organisationId: number | null; organisationName: string | null; restricted: number; erasedAt: string | null;
  updatedAt: string;
};

const EXISTING_COLUMNS = `c.id, c.firstName, c.lastName, c.email, c.phone, c.mobile, c.jobTitle, c.street, c.postalCode, c.city,
  c.country, c.language, c.organisationId, o.name AS organisationName, c.restricted, c.erasedAt, c.updatedAt`;

export type NewContact = {
  id: number; firstName: string; lastName: string; sortName: string; email: string | null; phone: string | null; mobile: string | null;
  jobTitle: string | null; street: string | null; postalCode: string | null; city: string | null; country: string | null;
  language: string | null; ownerId: number | null; organisationId: number | null; obtainedAt: string; tradeFairId: number | null;
  importBatchId: number; noticeDueAt: string; now: string;
};

function prepare(raw: Database.Database) {
  return {
    // json_each keeps it one statement with one parameter, whatever the chunk size; the IN uses the unique index.
    byEmails: raw.prepare<[string], ExistingRow>(
      `SELECT ${EXISTING_COLUMNS} FROM "Contact" c LEFT JOIN "Organisation" o ON o.id = c.organisationId
       WHERE c.email IN (SELECT value FROM json_each(?))`,
    ),
    organisationIds: raw.prepare<[string], { id: number; sortName: string }>(
      `SELECT id, sortName FROM "Organisation" WHERE sortName IN (SELECT value FROM json_each(?)) ORDER BY id`,
    ),
    byNameInOrganisation: raw.prepare<[number, string], ExistingRow>(
      `SELECT ${EXISTING_COLUMNS} FROM "Contact" c LEFT JOIN "Organisation" o ON o.id = c.organisationId
       WHERE c.organisationId = ? AND c.sortName = ? ORDER BY c.id LIMIT 1`,
    ),
    organisationId: raw.prepare<[string], number>(`SELECT id FROM "Organisation" WHERE sortName = ? ORDER BY id LIMIT 1`).pluck(),
    contactSeq: raw.prepare<[], { next: number }>(
      `SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'Contact'), 0), COALESCE((SELECT MAX(id) FROM "Contact"), 0)) + 1 AS next`,
    ),
    insertOrganisation: raw.prepare<[string, string, string, string]>(
      `INSERT INTO "Organisation" (name, sortName, createdAt, updatedAt) VALUES (?, ?, ?, ?)`,
    ),
    insertRecord: raw.prepare<[number, number, string, string, string | null, string | null, string]>(
      `INSERT INTO "ProcessingRecord" (contactId, purposeId, legalBasis, sourceKind, since, evidence, retentionEndsAt, createdAt)
       VALUES (?, ?, ?, 'trade-fair', ?, ?, ?, ?)`,
    ),
    insertContact: raw.prepare<NewContact>(
      `INSERT INTO "Contact" (id, firstName, lastName, sortName, email, phone, mobile, jobTitle, street, postalCode, city, country,
         language, stage, ownerId, organisationId, sourceKind, obtainedAt, tradeFairId, importBatchId, noticeDueAt, createdAt, updatedAt)
       VALUES (@id, @firstName, @lastName, @sortName, @email, @phone, @mobile, @jobTitle, @street, @postalCode, @city, @country,
         @language, 'lead', @ownerId, @organisationId, 'trade-fair', @obtainedAt, @tradeFairId, @importBatchId, @noticeDueAt, @now, @now)`,
    ),
    // The search index rows of the contacts a chunk created (ids first…last), as the insert trigger
    // writes them for every other contact (migration 0013): one statement instead of one per contact.
    indexCreated: raw.prepare<{ first: number; last: number; batchId: number }>(
      `INSERT INTO "ContactSearch" (rowid, name, email, organisation)
       SELECT c.id, c."firstName" || ' ' || c."lastName", COALESCE(c."email", ''),
         COALESCE((SELECT "name" FROM "Organisation" WHERE "id" = c."organisationId"), '')
       FROM "Contact" c WHERE c.id BETWEEN @first AND @last AND c."importBatchId" = @batchId`,
    ),
    insertNote: raw.prepare<[number, number, string, string, string]>(
      `INSERT INTO "Interaction" (contactId, staffId, kind, occurredAt, summary, createdAt) VALUES (?, ?, 'note', ?, ?, ?)`,
    ),
    insertRow: raw.prepare<[number, number, string, string | null, number | null, string | null, string | null, string | null]>(
      `INSERT INTO "ImportRow" (batchId, rowNumber, outcome, reason, contactId, filled, conflicts, cells) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    purposesOf: raw.prepare<[number], { purposeId: number; endedAt: string | null }>(
      `SELECT purposeId, endedAt FROM "ProcessingRecord" WHERE contactId = ?`,
    ),
    progress: raw.prepare<{ id: number; rowsDone: number; created: number; merged: number; duplicate: number; suppressed: number; rejected: number; now: string }>(
      `UPDATE "ImportBatch" SET rowsDone = @rowsDone, created = @created, merged = @merged, duplicate = @duplicate,
         suppressed = @suppressed, rejected = @rejected, heartbeatAt = @now WHERE id = @id`,
    ),
    heartbeat: raw.prepare<[string, number]>(`UPDATE "ImportBatch" SET heartbeatAt = ? WHERE id = ?`),
    batchFlags: raw.prepare<[number], { status: string; cancelRequested: number }>(
      `SELECT status, cancelRequested FROM "ImportBatch" WHERE id = ?`,
    ),
    audit: raw.prepare<[string, number | null, string | null, string, string, string]>(
      `INSERT INTO "AuditEntry" (at, staffId, ip, action, recordType, recordId, summary) VALUES (?, ?, ?, ?, 'import-batch', ?, ?)`,
    ),
  };
}

export type ImportStatements = ReturnType<typeof prepare>;
const cache = new WeakMap<Database.Database, ImportStatements>();

export function statements(raw: Database.Database): ImportStatements {
  let prepared = cache.get(raw);
  if (!prepared) {
    prepared = prepare(raw);
    cache.set(raw, prepared);
  }
  return prepared;
}

/** Contact columns a merge may fill, by import field. `organisation` is written as organisationId. */
export const FILLABLE_COLUMNS = ["firstName", "lastName", "email", "phone", "mobile", "jobTitle", "street", "postalCode", "city", "country", "language"] as const;
export type FillableColumn = (typeof FILLABLE_COLUMNS)[number] | "organisationId";

const updates = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * Sets the given columns of one contact, only where they are still empty, so a value staff typed
 * a moment ago is never overwritten. Statements are cached per column set (few combinations occur).
 */
export function fillColumns(raw: Database.Database, contactId: number, values: Partial<Record<FillableColumn, string | number>>, now: string): number {
  const columns = Object.keys(values).sort() as FillableColumn[];
  if (columns.length === 0) return 0;
  let byKey = updates.get(raw);
  if (!byKey) updates.set(raw, (byKey = new Map()));
  const key = columns.join(",");
  let statement = byKey.get(key);
  if (!statement) {
    const sets = columns.map((c) => `"${c}" = CASE WHEN "${c}" IS NULL OR "${c}" = '' THEN @${c} ELSE "${c}" END`);
    statement = raw.prepare(`UPDATE "Contact" SET ${sets.join(", ")}, updatedAt = @now WHERE id = @id`);
    byKey.set(key, statement);
  }
  return statement.run({ ...values, id: contactId, now }).changes;
}

/** Empties columns again (undo and rollback), only those named; names are NOT NULL, so they go back to "". */
export function clearColumns(raw: Database.Database, contactId: number, columns: readonly FillableColumn[], now: string): void {
  if (columns.length === 0) return;
  let byKey = clears.get(raw);
  if (!byKey) clears.set(raw, (byKey = new Map()));
  const key = [...columns].sort().join(",");
  let statement = byKey.get(key);
  if (!statement) {
    const sets = key.split(",").map((c) => `"${c}" = ${c === "firstName" || c === "lastName" ? "''" : "NULL"}`).join(", ");
    statement = raw.prepare(`UPDATE "Contact" SET ${sets}, updatedAt = ? WHERE id = ?`);
    byKey.set(key, statement);
  }
  statement.run(now, contactId);
}

const clears = new WeakMap<Database.Database, Map<string, Database.Statement>>();
