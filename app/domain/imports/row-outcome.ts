/** Pure classification of one lead-file row: what the import does with it, and why. */
import { foldText } from "~/domain/contacts/contact-rules";
import { normalisePhone as normalisePhoneField } from "~/domain/contacts/phone";
import { z } from "zod";
import type { ContactField, Mapping } from "./header-mapping";

export type TextField = Exclude<ContactField, "optIn">;
export type Language = "nl" | "fr" | "en";

/** A row's cells by field. `optIn: null` = the cell said something that is neither yes nor no. */
export type LeadFields = Partial<Record<TextField, string>> & { optIn?: boolean | null };
export type NormalisedLead = Partial<Record<TextField, string>> & { language?: Language; optIn?: boolean };

export type RejectReason = "ROW_MALFORMED" | "FIELD_TOO_LONG" | "NO_NAME_NO_EMAIL" | "EMAIL_INVALID";
/** Kept rows may lose a value; the person is told which kind. */
export type RowWarning = "PHONE_DROPPED" | "LANGUAGE_DROPPED" | "OPT_IN_UNRECOGNISED";

export type LeadCheck =
  | { ok: true; lead: NormalisedLead; warnings: RowWarning[] }
  | { ok: false; reason: RejectReason; field?: TextField };

// Contact columns are sized to these; a longer cell is a wrong column or a pasted blob.
export const FIELD_LIMITS: Record<TextField, number> = {
  firstName: 100,
  lastName: 100,
  email: 254,
  organisation: 200,
  jobTitle: 150,
  mobile: 500,
  phone: 500,
  language: 500,
  street: 500,
  postalCode: 500,
  city: 500,
  country: 500,
  notes: 2000,
};
const TEXT_FIELDS = Object.keys(FIELD_LIMITS) as TextField[];

const YES = new Set(["yes", "ja", "oui", "y", "j", "o", "1", "x", "true", "waar", "vrai"]);
const NO = new Set(["no", "nee", "non", "n", "0", "false", "onwaar", "faux", ""]);

/** Yes/no in nl, fr, en; null for anything else, which never counts as consent. */
export function parseOptIn(value: string | undefined): boolean | null {
  const key = (value ?? "").trim().toLowerCase();
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return null;
}

/** Cells to fields: trimmed, empty cells absent. Cells beyond the row's length count as empty. */
export function mapRow(cells: string[], mapping: Mapping): LeadFields {
  const fields: LeadFields = {};
  mapping.forEach((target, index) => {
    if (target === "ignore") return;
    const value = (cells[index] ?? "").trim();
    if (target === "optIn") fields.optIn = parseOptIn(value);
    else if (value !== "") fields[target] = value;
  });
  return fields;
}


const LANGUAGE_WORDS: Record<string, Language> = {};
const languageWords: Record<Language, string[]> = {
  nl: ["nl", "nl-be", "nld", "dut", "nederlands", "dutch", "vlaams", "flemish", "neerlandais", "néerlandais"],
  fr: ["fr", "fr-be", "fra", "fre", "francais", "français", "french", "frans"],
  en: ["en", "en-gb", "en-us", "eng", "english", "engels", "anglais"],
};
for (const [language, words] of Object.entries(languageWords) as [Language, string[]][]) {
  for (const word of words) LANGUAGE_WORDS[foldText(word)] = language;
}

export function normaliseLanguage(value: string): Language | null {
  return LANGUAGE_WORDS[foldText(value).replace(/_/g, "-")] ?? null;
}

/** E.164, reading national numbers as Belgian; null when it is not a valid number (the one rule of contacts/phone.ts). */
export function normalisePhone(value: string): string | null {
  const check = normalisePhoneField(value);
  return check.ok ? check.e164 : null;
}

const emailShape = z.string().email();

/**
 * Rejects a row only when a person must fix it; a bad phone or language loses just that value.
 * Formula-looking text (`=HYPERLINK(…)`) is kept as plain text: exports neutralise it.
 */
export function validateLead(fields: LeadFields): LeadCheck {
  for (const field of TEXT_FIELDS) {
    const value = fields[field];
    if (value !== undefined && value.length > FIELD_LIMITS[field]) return { ok: false, reason: "FIELD_TOO_LONG", field };
  }
  const lead: NormalisedLead = {};
  const warnings = new Set<RowWarning>();
  for (const field of TEXT_FIELDS) {
    const value = fields[field];
    if (value === undefined) continue;
    if (field === "email") lead.email = value.toLowerCase();
    else if (field === "mobile" || field === "phone") {
      const phone = normalisePhone(value);
      if (phone) lead[field] = phone;
      else warnings.add("PHONE_DROPPED");
    } else if (field === "language") {
      const language = normaliseLanguage(value);
      if (language) lead.language = language;
      else warnings.add("LANGUAGE_DROPPED");
    } else lead[field] = value;
  }
  if (fields.optIn !== undefined) {
    lead.optIn = fields.optIn === true;
    if (fields.optIn === null) warnings.add("OPT_IN_UNRECOGNISED");
  }

  if (lead.email !== undefined && !emailShape.safeParse(lead.email).success) {
    return { ok: false, reason: "EMAIL_INVALID", field: "email" };
  }
  if (lead.email === undefined && !(lead.firstName && lead.lastName)) return { ok: false, reason: "NO_NAME_NO_EMAIL" };
  return { ok: true, lead, warnings: [...warnings] };
}

/** One raw row straight to a check; a row the reader could not parse cleanly is never guessed at. */
export function checkRow(row: { cells: string[]; error?: string }, mapping: Mapping): LeadCheck {
  if (row.error) return { ok: false, reason: "ROW_MALFORMED" };
  return validateLead(mapRow(row.cells, mapping));
}

/** Same person within one file: same e-mail, else same first name, last name and organisation. */
export function inFileKey(lead: NormalisedLead): string {
  if (lead.email) return `email:${lead.email}`;
  return `name:${[lead.firstName, lead.lastName, lead.organisation].map((part) => foldText(part ?? "")).join("|")}`;
}

export type ExistingContact = { contactId: number; fields: Partial<Record<ContactField, string | null>> };
export type RowContext = { duplicateInFile: boolean; suppressed: boolean; match: null | ExistingContact };
export type FieldConflict = { field: TextField; current: string; incoming: string };

export type RowOutcome =
  | { outcome: "created"; warnings: RowWarning[] }
  | {
      outcome: "merged";
      contactId: number;
      /** Fields empty on the contact, filled from the row. */
      fill: Partial<Record<TextField, string>>;
      /** Differing values: shown to staff, never overwritten. */
      conflicts: FieldConflict[];
      warnings: RowWarning[];
    }
  | { outcome: "duplicate" }
  | { outcome: "suppressed" }
  | { outcome: "rejected"; reason: RejectReason; field?: TextField };

export type OutcomeKind = RowOutcome["outcome"];

function sameValue(field: TextField, current: string, incoming: string): boolean {
  if (field === "mobile" || field === "phone") {
    const a = normalisePhone(current);
    if (a !== null && a === normalisePhone(incoming)) return true;
  }
  return current.trim().replace(/\s+/g, " ").toLowerCase() === incoming.trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * The row's fate. Precedence: rejected → suppressed (an erased or objecting person is never
 * re-added) → duplicate in file → merged → created. Opt-in is not merged as a field: consent
 * is recorded separately, with its evidence.
 */
export function importRowOutcome(check: LeadCheck, ctx: RowContext): RowOutcome {
  if (!check.ok) {
    return check.field ? { outcome: "rejected", reason: check.reason, field: check.field } : { outcome: "rejected", reason: check.reason };
  }
  if (ctx.suppressed) return { outcome: "suppressed" };
  if (ctx.duplicateInFile) return { outcome: "duplicate" };
  if (!ctx.match) return { outcome: "created", warnings: check.warnings };

  const fill: Partial<Record<TextField, string>> = {};
  const conflicts: FieldConflict[] = [];
  for (const field of TEXT_FIELDS) {
    const incoming = check.lead[field];
    if (incoming === undefined) continue;
    const current = ctx.match.fields[field];
    if (current === undefined || current === null || current.trim() === "") fill[field] = incoming;
    else if (!sameValue(field, current, incoming)) conflicts.push({ field, current, incoming });
  }
  return { outcome: "merged", contactId: ctx.match.contactId, fill, conflicts, warnings: check.warnings };
}

export type Tally = Record<OutcomeKind, number>;

export function tally(outcomes: Iterable<{ outcome: OutcomeKind }>): Tally {
  const counts: Tally = { created: 0, merged: 0, duplicate: 0, suppressed: 0, rejected: 0 };
  for (const { outcome } of outcomes) counts[outcome]++;
  return counts;
}
