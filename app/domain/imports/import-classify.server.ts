/**
 * What becomes of each row of a chunk, against the database: the same code for the dry run
 * (preview, predicted totals) and the real import, so the prediction is the import minus the writes.
 */
import type Database from "better-sqlite3";
import { contactSortName, foldText } from "~/domain/contacts/contact-rules";
import { normaliseEmail } from "~/domain/contacts/email";
import { suppressionHash } from "~/domain/privacy/suppression.server";
import type { Mapping } from "./header-mapping";
import type { StoredReason } from "./import-reasons";
import { type ExistingRow, statements } from "./import-sql.server";
import type { RawRow } from "./read-csv.server";
import { type FieldConflict, type LeadCheck, type NormalisedLead, type Tally, type TextField, checkRow, importRowOutcome, inFileKey } from "./row-outcome";
import { InFileKeys } from "./in-file-keys";

export type PurposeCode = "prospecting" | "newsletter";
export type ImportPurpose = { id: number; legalBasis: string; retentionAnchor: string; retentionYears: number; retentionMonths: number };

/** Fixed for the whole file. */
export type ImportSettings = {
  mapping: Mapping;
  /** Keyed hashes of the suppression list, loaded once. */
  suppression: ReadonlySet<string>;
  suppressionKey: string;
  purposes: Record<PurposeCode, ImportPurpose>;
};

/** What the file has shown so far. */
export type RunState = {
  /** In-file identity keys → the contact the first such row led to (null until written, and in a dry run). */
  seen: InFileKeys;
  /** Contacts already merged into by an earlier row: a second row for the same person is a duplicate. */
  matched: Set<number>;
  counts: Tally;
  rowsDone: number;
  /** Contacts that got the newsletter purpose from this file, in row order: their consent events are appended at the end. */
  newsletterContacts: number[];
};

export function newRunState(): RunState {
  return { seen: new InFileKeys(), matched: new Set(), counts: { created: 0, merged: 0, duplicate: 0, suppressed: 0, rejected: 0 }, rowsDone: 0, newsletterContacts: [] };
}

type PreparedRow = { row: RawRow; check: LeadCheck; keys: string[]; suppressed: boolean; personSort: string; orgSort: string | null };

export type Decision =
  | { kind: "created"; row: RawRow; keys: string[]; lead: NormalisedLead; orgSort: string | null; addPurposes: PurposeCode[]; notes: StoredReason[] }
  | {
      kind: "merged"; row: RawRow; keys: string[]; lead: NormalisedLead; match: ExistingRow; fill: Partial<Record<TextField, string>>;
      conflicts: FieldConflict[]; addPurposes: PurposeCode[]; notes: StoredReason[];
    }
  | { kind: "duplicate"; row: RawRow; firstKey: string | null; contactId: number | null }
  | { kind: "suppressed"; row: RawRow }
  | { kind: "rejected"; row: RawRow; reason: StoredReason };

/**
 * Validation and keys: pure CPU work, done before taking the write lock. Same person within the
 * file = same e-mail, or same first name, last name and organisation (the database's merge rule).
 */
function prepare(rows: readonly RawRow[], settings: ImportSettings): PreparedRow[] {
  return rows.map((row) => {
    const check = checkRow(row, settings.mapping);
    if (!check.ok) return { row, check, keys: [], suppressed: false, personSort: "", orgSort: null };
    const lead = check.lead;
    if (lead.email) lead.email = normaliseEmail(lead.email);
    const keys = [inFileKey(lead)];
    const hasName = Boolean(lead.firstName && lead.lastName);
    const orgSort = hasName && lead.organisation ? foldText(lead.organisation) : null;
    if (lead.email && orgSort) keys.push(inFileKey({ ...lead, email: undefined }));
    const suppressed = lead.email ? settings.suppression.has(suppressionHash(lead.email, settings.suppressionKey)) : false;
    return { row, check, keys, suppressed, personSort: hasName ? contactSortName(lead.firstName!, lead.lastName!) : "", orgSort };
  });
}

function existingFields(match: ExistingRow): Partial<Record<TextField, string | null>> {
  const { firstName, lastName, email, phone, mobile, jobTitle, street, postalCode, city, country, language } = match;
  return { firstName, lastName, email, phone, mobile, jobTitle, street, postalCode, city, country, language, organisation: match.organisationName };
}

/** Reads what the rows need (by e-mail on the unique index, by name on (organisationId, sortName)) and decides each row in file order. */
function decide(raw: Database.Database, prepared: PreparedRow[], settings: ImportSettings, state: RunState): Decision[] {
  const sql = statements(raw);
  const emails = new Set<string>();
  const orgSorts = new Set<string>();
  for (const p of prepared) {
    if (!p.check.ok || p.suppressed) continue;
    if (p.check.lead.email) emails.add(p.check.lead.email);
    if (p.orgSort) orgSorts.add(p.orgSort);
  }
  const byEmail = new Map<string, ExistingRow>();
  if (emails.size) for (const r of sql.byEmails.all(JSON.stringify([...emails]))) if (r.email) byEmail.set(r.email, r);
  const orgIds = new Map<string, number[]>();
  if (orgSorts.size) {
    for (const o of sql.organisationIds.all(JSON.stringify([...orgSorts]))) orgIds.set(o.sortName, [...(orgIds.get(o.sortName) ?? []), o.id]);
  }
  const byName = (p: PreparedRow): ExistingRow | undefined => {
    for (const orgId of (p.orgSort && orgIds.get(p.orgSort)) || []) {
      const found = sql.byNameInOrganisation.get(orgId, p.personSort);
      if (found) return found;
    }
    return undefined;
  };

  return prepared.map((p): Decision => {
    const { row, check } = p;
    if (!check.ok) return { kind: "rejected", row, reason: check.field ? { code: check.reason, field: check.field } : { code: check.reason } };
    if (p.suppressed) return { kind: "suppressed", row };
    const firstKey = p.keys.find((key) => state.seen.has(key));
    if (firstKey) return { kind: "duplicate", row, firstKey, contactId: null };
    const lead = check.lead;
    const match = (lead.email && byEmail.get(lead.email)) || byName(p);
    // An erased person's record only remains anonymised; their address is on the suppression list.
    if (match?.erasedAt) return { kind: "suppressed", row };
    if (match && state.matched.has(match.id)) return { kind: "duplicate", row, firstKey: null, contactId: match.id };
    for (const key of p.keys) state.seen.set(key, null);
    const notes: StoredReason[] = check.warnings.map((code) => ({ code }));
    const outcome = importRowOutcome(check, { duplicateInFile: false, suppressed: false, match: match ? { contactId: match.id, fields: existingFields(match) } : null });
    if (outcome.outcome !== "merged" || !match) {
      const addPurposes: PurposeCode[] = lead.optIn ? ["prospecting", "newsletter"] : ["prospecting"];
      return { kind: "created", row, keys: p.keys, lead, orgSort: lead.organisation ? foldText(lead.organisation) : null, addPurposes, notes };
    }
    state.matched.add(match.id);
    // Art. 18: a restricted record is read-only, also for imports; differences are still listed.
    if (match.restricted) {
      return { kind: "merged", row, keys: p.keys, lead, match, fill: {}, conflicts: outcome.conflicts, addPurposes: [], notes: [...notes, { code: "CONTACT_RESTRICTED" }] };
    }
    const held = new Map(sql.purposesOf.all(match.id).map((r) => [r.purposeId, r.endedAt]));
    const addPurposes: PurposeCode[] = [];
    if (!held.has(settings.purposes.prospecting.id)) addPurposes.push("prospecting");
    if (lead.optIn) {
      if (!held.has(settings.purposes.newsletter.id)) addPurposes.push("newsletter");
      // A withdrawn consent is not silently renewed by an organiser's tick box: a person decides.
      else if (held.get(settings.purposes.newsletter.id)) notes.push({ code: "NEWSLETTER_WITHDRAWN" });
    }
    return { kind: "merged", row, keys: p.keys, lead, match, fill: outcome.fill, conflicts: outcome.conflicts, addPurposes, notes };
  });
}

/** Classifies a chunk: validation first, then lookups and rules. In the real import this runs inside the write lock. */
export function classifyChunk(raw: Database.Database, rows: readonly RawRow[], settings: ImportSettings, state: RunState): Decision[] {
  return decide(raw, prepare(rows, settings), settings, state);
}

export { prepare as prepareRows, decide as decideRows };
export type { PreparedRow };

/** Adds a chunk's decisions to the running counts. */
export function countDecisions(state: RunState, decisions: readonly Decision[]): void {
  for (const d of decisions) state.counts[d.kind]++;
  state.rowsDone += decisions.length;
}
