/**
 * Writes one classified chunk inside the importer's write transaction: created contacts with
 * their processing records, merges that fill only empty fields, and one ImportRow per row as the
 * record of what happened (and what undo must revert).
 */
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { contactSortName, foldText } from "~/domain/contacts/contact-rules";
import { retentionEndDate, type RetentionAnchor } from "~/domain/purposes/retention";
import type { Decision, ImportPurpose, PurposeCode, RunState } from "./import-classify.server";
import { encodeReasons } from "./import-reasons";
import { type FillableColumn, fillColumns, statements } from "./import-sql.server";
import { sqlDate } from "~/lib/write-lock.server";

/** The batch's facts every row shares. */
export type BatchFacts = {
  batchId: number;
  staffId: number;
  /** Sales import for themselves; managers leave new leads unassigned (as on the contact form). */
  ownerId: number | null;
  tradeFairId: number | null;
  tradeFairName: string;
  obtainedAt: Date;
  noticeDueAt: Date;
  optInWording: string | null;
  purposes: Record<PurposeCode, ImportPurpose>;
};

/**
 * ImportRow.filled: what the row added, so undo and rollback can take exactly that back.
 * `fields` holds a short hash of each value written (to see whether staff changed it since, without
 * keeping a second copy of the value).
 */
export type FilledRecord = {
  fields?: Partial<Record<FillableColumn, string>>;
  purposes?: PurposeCode[];
  organisationCreated?: number;
  noteId?: number;
  /** The contact's updatedAt before the merge and the one the merge wrote: a rollback puts it back if untouched since. */
  updatedAt?: [string, string];
};

export function valueHash(value: string | number): string {
  return createHash("sha256").update(String(value)).digest("hex").slice(0, 16);
}

const COLUMN_OF: Partial<Record<string, FillableColumn>> = {
  firstName: "firstName", lastName: "lastName", email: "email", phone: "phone", mobile: "mobile", jobTitle: "jobTitle",
  street: "street", postalCode: "postalCode", city: "city", country: "country", language: "language",
};

export function writeChunk(raw: Database.Database, decisions: readonly Decision[], facts: BatchFacts, state: RunState, now: Date): void {
  const sql = statements(raw);
  const nowIso = sqlDate(now);
  const obtainedIso = sqlDate(facts.obtainedAt);
  const noticeDueIso = sqlDate(facts.noticeDueAt);
  const records = recordValues(facts);
  const firstId = sql.contactSeq.get()!.next;
  let nextId = firstId;

  // Within one transaction an organisation cannot disappear: its id is looked up once per chunk.
  const organisations = new Map<string, number>();
  const organisationFor = (name: string, sortName: string, filled: FilledRecord): number => {
    const known = organisations.get(sortName) ?? sql.organisationId.get(sortName);
    if (known !== undefined) {
      organisations.set(sortName, known);
      return known;
    }
    const id = Number(sql.insertOrganisation.run(name, sortName, nowIso, nowIso).lastInsertRowid);
    filled.organisationCreated = id;
    organisations.set(sortName, id);
    return id;
  };
  const addRecords = (contactId: number, codes: readonly PurposeCode[]) => {
    for (const code of codes) {
      if (code === "newsletter") state.newsletterContacts.push(contactId);
      const r = records[code];
      sql.insertRecord.run(contactId, r.purposeId, r.legalBasis, obtainedIso, r.evidence, r.retentionEndsAt, nowIso);
    }
  };
  const addNote = (contactId: number, text: string | undefined, filled: FilledRecord) => {
    if (!text) return;
    filled.noteId = Number(sql.insertNote.run(contactId, facts.staffId, obtainedIso, text, nowIso).lastInsertRowid);
  };
  const json = (value: object | null) => (value && Object.keys(value).length ? JSON.stringify(value) : null);

  for (const d of decisions) {
    const rowNumber = d.row.rowNumber;
    if (d.kind === "created") {
      const { lead } = d;
      const filled: FilledRecord = { purposes: d.addPurposes };
      const organisationId = lead.organisation && d.orgSort ? organisationFor(lead.organisation, d.orgSort, filled) : null;
      const id = nextId++;
      addRecords(id, d.addPurposes);
      sql.insertContact.run({
        id, firstName: lead.firstName ?? "", lastName: lead.lastName ?? "", sortName: contactSortName(lead.firstName ?? "", lead.lastName ?? ""),
        email: lead.email ?? null, phone: lead.phone ?? null, mobile: lead.mobile ?? null, jobTitle: lead.jobTitle ?? null,
        street: lead.street ?? null, postalCode: lead.postalCode ?? null, city: lead.city ?? null, country: lead.country ?? null,
        language: lead.language ?? null, ownerId: facts.ownerId, organisationId, obtainedAt: obtainedIso, tradeFairId: facts.tradeFairId,
        importBatchId: facts.batchId, noticeDueAt: noticeDueIso, now: nowIso,
      });
      addNote(id, lead.notes, filled);
      sql.insertRow.run(facts.batchId, rowNumber, "created", encodeReasons(d.notes), id, json(filled), null, null);
      rememberContact(state, d.keys, id);
    } else if (d.kind === "merged") {
      const { match } = d;
      const filled: FilledRecord = {};
      const values: Partial<Record<FillableColumn, string | number>> = {};
      for (const [field, value] of Object.entries(d.fill)) {
        if (field === "organisation") values.organisationId = organisationFor(value, foldText(value), filled);
        else if (COLUMN_OF[field]) values[COLUMN_OF[field]!] = value;
      }
      if (fillColumns(raw, match.id, values, nowIso)) filled.updatedAt = [match.updatedAt, nowIso];
      if (values.firstName !== undefined || values.lastName !== undefined) {
        raw.prepare(`UPDATE "Contact" SET sortName = ? WHERE id = ?`).run(
          contactSortName(String(values.firstName ?? match.firstName), String(values.lastName ?? match.lastName)), match.id);
      }
      if (Object.keys(values).length) filled.fields = Object.fromEntries(Object.entries(values).map(([c, v]) => [c, valueHash(v)]));
      if (d.addPurposes.length) filled.purposes = d.addPurposes;
      addRecords(match.id, d.addPurposes);
      // The organiser's remark is kept as a note on the timeline, never as an overwrite.
      if (!match.restricted) addNote(match.id, d.lead.notes, filled);
      sql.insertRow.run(facts.batchId, rowNumber, "merged", encodeReasons(d.notes), match.id, json(filled), d.conflicts.length ? JSON.stringify(d.conflicts) : null, null);
      rememberContact(state, d.keys, match.id);
    } else if (d.kind === "duplicate") {
      const contactId = d.firstKey ? (state.seen.get(d.firstKey) ?? null) : d.contactId;
      sql.insertRow.run(facts.batchId, rowNumber, "duplicate", "DUPLICATE_IN_FILE", contactId, null, null, null);
    } else if (d.kind === "suppressed") {
      // Nothing of a suppressed person is kept: no cells, no link.
      sql.insertRow.run(facts.batchId, rowNumber, "suppressed", "SUPPRESSED", null, null, null, null);
    } else {
      // The cells stay so the person can download, fix and re-upload the row.
      sql.insertRow.run(facts.batchId, rowNumber, "rejected", encodeReasons([d.reason]), null, null, null, JSON.stringify(d.row.cells));
    }
  }
  // New contacts are searchable in the same transaction that created them.
  if (nextId > firstId) sql.indexCreated.run({ first: firstId, last: nextId - 1, batchId: facts.batchId });
}

/** Each purpose's record is the same for every row of the batch: computed once per chunk. */
function recordValues(facts: BatchFacts) {
  const values = (code: PurposeCode) => {
    const purpose = facts.purposes[code];
    const rule = { anchor: purpose.retentionAnchor as RetentionAnchor, years: purpose.retentionYears, months: purpose.retentionMonths };
    const ends = retentionEndDate(rule, { since: facts.obtainedAt });
    return {
      purposeId: purpose.id,
      legalBasis: purpose.legalBasis,
      // Consent is proven by the organiser's opt-in wording; legitimate interest by where the lead came from.
      evidence: code === "newsletter" ? facts.optInWording : `${facts.tradeFairName} (import #${facts.batchId})`,
      retentionEndsAt: ends ? sqlDate(ends) : null,
    };
  };
  return { prospecting: values("prospecting"), newsletter: values("newsletter") };
}

/** Later duplicates of this person point at the contact the first row led to. */
function rememberContact(state: RunState, keys: readonly string[], contactId: number) {
  for (const key of keys) state.seen.set(key, contactId);
}
