import { dbDateTime } from "~/lib/db-datetime";
import type Database from "better-sqlite3";
import { contactSortName, INTERACTION_KINDS, type SourceKind, type Stage } from "~/domain/contacts/contact-rules";
import { addMonthsClamped } from "~/domain/privacy/dates";
import { retentionEndDate, type RetentionFacts, type RetentionRule } from "~/domain/purposes/retention";
import {
  BE_PLACES, BE_STREETS, belgianMobile, FREE_MAIL_DOMAINS, JOB_TITLES, mailSafe, pick, SEED_FIRST_NAMES, SEED_LAST_NAMES,
} from "../prisma/factories";

/** What the contact rows are drawn from; built once by seedBig. */
export type ContactContext = {
  now: number;
  rand: () => number;
  owners: number[];
  fairs: { id: number; name: string; startsAt: number }[];
  purposes: Map<string, { id: number; legalBasis: string; rule: RetentionRule }>;
  organisations: { firstId: number; domains: string[]; phones: string[] };
};

const DAY_MS = 86_400_000;
const BATCH = 250;
const CONTACT_INSERT = `INSERT INTO "Contact" (id, firstName, lastName, sortName, email, phone, mobile, jobTitle, street, postalCode, city,
  country, language, stage, ownerId, organisationId, sourceKind, sourceDetail, obtainedAt, tradeFairId, restricted, restrictionReason,
  restrictedAt, lastInteractionAt, noticeDueAt, noticeSentAt, noticeChannel, createdAt, updatedAt)`;
const CONTACT_COLUMNS = 29;
const YEAR_MS = 365.25 * DAY_MS;

/** DateTime as the Prisma adapter writes it ("2026-11-26T12:55:52.848+00:00"), so raw rows sort and parse alike. */
export function isoText(ms: number): string {
  return dbDateTime(new Date(ms));
}

const isoOrNull = (ms: number | null) => (ms === null ? null : isoText(ms));

/** A value drawn with the given relative weights. */
function weighted<T>(rand: () => number, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = rand() * total;
  for (const [value, w] of entries) if ((r -= w) < 0) return value;
  return entries[entries.length - 1][0];
}

const STAGE_WEIGHTS = [["lead", 50], ["prospect", 25], ["customer", 20], ["other", 5]] as const satisfies readonly (readonly [Stage, number])[];
const SOURCE_WEIGHTS = [
  ["web-form", 25], ["phone", 10], ["email", 15], ["in-person", 10], ["trade-fair", 15], ["referral", 10], ["existing-customer", 10], ["other", 5],
] as const satisfies readonly (readonly [SourceKind, number])[];
const LANGUAGE_WEIGHTS = [["nl", 55], ["fr", 35], ["en", 10]] as const;
const INTERACTION_COUNT_WEIGHTS = [[0, 25], [1, 35], [2, 25], [3, 15]] as const;
const CONTACT_TAGS = ["vip", "newsletter", "events", "decision-maker", "training-alumni", "partner", "webinar", "follow-up"];
const SUMMARIES = ["Introductory call", "Sent the brochure", "Demo meeting", "Follow-up on the offer", "Answered a question", "Training intake", "Visit at the stand"];
const SOURCE_DETAIL: Partial<Record<SourceKind, string>> = { referral: "Referred by an existing customer", "web-form": "Contact form on the website" };

/** Purposes this contact is processed for: one from how we got the data, then some that fit its stage. At most three. */
function purposeCodes(rand: () => number, stage: Stage, source: SourceKind): string[] {
  const first = source === "trade-fair" ? (rand() < 0.5 ? "offer-after-visit" : "prospecting") : source === "web-form" ? "answering-inquiries" : "prospecting";
  const codes = [first];
  if (stage === "customer") codes.push(rand() < 0.5 ? "quotes-invoices" : "file-management");
  if (rand() < 0.3) codes.push("newsletter");
  if (rand() < 0.1) codes.push("training");
  return [...new Set(codes)].slice(0, 3);
}

/**
 * Returns the function that writes `count` contacts with ids from `firstId`, inside the caller's
 * transaction. Each contact's processing records go in first (their foreign key is deferred),
 * because the contact insert trigger refuses a contact without one.
 */
export function contactWriter(database: Database.Database, ctx: ContactContext) {
  const insertRecord = database.prepare(
    `INSERT INTO "ProcessingRecord" (contactId, purposeId, legalBasis, sourceKind, since, evidence, retentionEndsAt, createdAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Contacts go in BATCH rows per statement: SQLite wraps each statement that fires the search
  // trigger in a savepoint, and FTS5 flushes its pending terms to a new segment at every savepoint.
  // One row per statement meant one tiny segment (and later merges) per contact: on 100k contacts,
  // 13–15 s of CPU against 8.6 s in batches, with the triggers left exactly as the app has them.
  const contactStatements = new Map<number, Database.Statement>();
  const insertContacts = (rows: unknown[][]) => {
    let stmt = contactStatements.get(rows.length);
    if (!stmt) {
      stmt = database.prepare(`${CONTACT_INSERT} VALUES ${Array(rows.length).fill(`(${Array(CONTACT_COLUMNS).fill("?").join(", ")})`).join(", ")}`);
      contactStatements.set(rows.length, stmt);
    }
    stmt.run(rows.flat());
  };
  const insertInteraction = database.prepare(
    'INSERT INTO "Interaction" (contactId, staffId, kind, occurredAt, summary, createdAt) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertTag = database.prepare('INSERT INTO "ContactTag" (contactId, tag) VALUES (?, ?)');
  const { now, rand, owners, fairs, purposes, organisations } = ctx;
  const orgCount = organisations.domains.length;
  const between = (from: number, to: number) => from + Math.floor(rand() * Math.max(0, to - from));

  // Rows of the current batch, written in the order the triggers and foreign keys need.
  let records: unknown[][] = [], contacts: unknown[][] = [], interactions: unknown[][] = [], tags: unknown[][] = [];
  const flush = () => {
    for (const row of records) insertRecord.run(row);
    if (contacts.length) insertContacts(contacts);
    for (const row of interactions) insertInteraction.run(row);
    for (const row of tags) insertTag.run(row);
    records = []; contacts = []; interactions = []; tags = [];
  };

  return (firstId: number, count: number) => {
    const written = { processingRecords: 0, interactions: 0, tags: 0 };
    for (let id = firstId; id < firstId + count; id++) {
      if (contacts.length === BATCH) flush();
      const firstName = pick(rand, SEED_FIRST_NAMES);
      const lastName = pick(rand, SEED_LAST_NAMES);
      const stage = weighted(rand, STAGE_WEIGHTS);
      const source: SourceKind = fairs.length ? weighted(rand, SOURCE_WEIGHTS) : "web-form";
      const fair = source === "trade-fair" ? pick(rand, fairs) : null;
      const obtainedAt = fair ? fair.startsAt + Math.floor(rand() * 2) * DAY_MS : now - Math.floor(rand() * 6 * YEAR_MS);
      const org = rand() < 0.85 ? Math.floor(rand() * orgCount) : -1;
      const ownerId = rand() < 0.9 ? pick(rand, owners) : null;
      // The row id in the local part keeps addresses unique however often names repeat.
      const domain = org >= 0 ? organisations.domains[org] : pick(rand, FREE_MAIL_DOMAINS);
      const email = rand() < 0.97 ? `${mailSafe(firstName)}.${mailSafe(lastName)}.${id}@${domain}` : null;
      const home = org < 0 && rand() < 0.5 ? pick(rand, BE_PLACES) : null;

      // Interactions first, so lastInteractionAt is their latest date by construction.
      const dates = Array.from({ length: weighted(rand, INTERACTION_COUNT_WEIGHTS) }, () => between(obtainedAt, now)).sort((a, b) => a - b);
      const lastInteractionAt = dates.length ? dates[dates.length - 1] : null;

      const facts: RetentionFacts = {
        since: new Date(obtainedAt),
        lastInteractionAt: lastInteractionAt === null ? null : new Date(lastInteractionAt),
        invoiceIssuedAt: new Date(between(obtainedAt, now)),
        contractEndedAt: rand() < 0.4 ? new Date(between(obtainedAt, now)) : null,
        trainingDate: new Date(between(obtainedAt, now)),
        visitAt: new Date(obtainedAt),
      };
      for (const code of purposeCodes(rand, stage, source)) {
        const purpose = purposes.get(code);
        if (!purpose) continue;
        const ends = retentionEndDate(purpose.rule, facts);
        records.push([id, purpose.id, purpose.legalBasis, source, isoText(obtainedAt),
          purpose.legalBasis === "consent" ? `Consent via ${source}, wording v${1 + Math.floor(rand() * 3)}` : null,
          ends ? isoText(ends.getTime()) : null, isoText(obtainedAt)]);
        written.processingRecords += 1;
      }

      const restricted = rand() < 0.005;
      // Art. 14: third-party data must be followed by a notice within a month.
      const noticeDueAt = fair ? addMonthsClamped(new Date(obtainedAt), 1).getTime() : null;
      const noticeSentAt = noticeDueAt !== null && noticeDueAt < now && rand() < 0.9 ? obtainedAt + Math.floor(rand() * 25 * DAY_MS) : null;
      contacts.push([
        id, firstName, lastName, contactSortName(firstName, lastName), email,
        org >= 0 && rand() < 0.6 ? organisations.phones[org] : null,
        rand() < 0.6 ? belgianMobile(rand) : null,
        org >= 0 && rand() < 0.8 ? pick(rand, JOB_TITLES) : null,
        home ? `${pick(rand, BE_STREETS)} ${1 + Math.floor(rand() * 150)}` : null, home?.[0] ?? null, home?.[1] ?? null, home ? "België" : null,
        weighted(rand, LANGUAGE_WEIGHTS), stage, ownerId, org >= 0 ? organisations.firstId + org : null,
        source, fair ? fair.name : (SOURCE_DETAIL[source] ?? null), isoText(obtainedAt), fair?.id ?? null,
        restricted ? 1 : 0, restricted ? "Accuracy contested (Art. 18(1)(a))" : null, restricted ? isoText(between(obtainedAt, now)) : null,
        isoOrNull(lastInteractionAt), isoOrNull(noticeDueAt), isoOrNull(noticeSentAt), noticeSentAt === null ? null : "email",
        isoText(obtainedAt), isoText(lastInteractionAt ?? obtainedAt),
      ]);

      for (const at of dates) {
        interactions.push([id, ownerId ?? pick(rand, owners), pick(rand, INTERACTION_KINDS), isoText(at), pick(rand, SUMMARIES), isoText(at)]);
      }
      written.interactions += dates.length;
      if (rand() < 0.3) {
        const picked = new Set([pick(rand, CONTACT_TAGS), pick(rand, CONTACT_TAGS)]);
        for (const tag of picked) tags.push([id, tag]);
        written.tags += picked.size;
      }
    }
    flush();
    return written;
  };
}
