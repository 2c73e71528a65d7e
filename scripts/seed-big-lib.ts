import crypto from "node:crypto";
import type Database from "better-sqlite3";
import { foldText } from "~/domain/contacts/contact-rules";
import type { RetentionAnchor } from "~/domain/purposes/retention";
import { hashPassword } from "~/domain/staff/password.server";
import {
  BE_PLACES, BE_STREETS, belgianLandline, belgianVat, COMPANY_KINDS, DEMO_STAFF, mailSafe, pick, prng,
  SEED_COMPANY_WORDS, SEED_LEGAL_FORMS,
} from "../prisma/factories";
import { contactWriter, isoText, type ContactContext } from "./seed-big-contacts";

export { isoText };

/**
 * The big synthetic seed: realistic Belgian organisations and contacts, each with its processing
 * records, interactions and tags, written with raw prepared statements in chunked transactions.
 * Nothing is dropped or bypassed: the search, processing-record and foreign-key triggers run for
 * every row, so the result is what the app itself would have written.
 */
export type SeedBigOptions = {
  contacts: number;
  seed?: number;
  /** Contacts per transaction; 2,500 contacts make about 11,000 rows with their records, interactions and tags. */
  chunkSize?: number;
  now?: Date;
  onProgress?: (progress: SeedProgress) => void;
};

export type SeedProgress = { phase: "organisations" | "contacts"; done: number; total: number; rows: number; elapsedMs: number };

export type SeedCounts = { organisations: number; contacts: number; processingRecords: number; interactions: number; tags: number };

export type SeedBigResult = SeedCounts & { staffCreated: string[]; staffPassword: string | null; elapsedMs: number };

const DAY_MS = 86_400_000;

/** Next free id of an AUTOINCREMENT table: explicit ids let a chunk link rows before inserting them. */
function nextId(database: Database.Database, table: string): number {
  const max = database.prepare(`SELECT MAX(id) AS m FROM "${table}"`).get() as { m: number | null };
  const seq = database.prepare("SELECT seq FROM sqlite_sequence WHERE name = ?").get(table) as { seq: number } | undefined;
  return Math.max(max.m ?? 0, seq?.seq ?? 0) + 1;
}

/** The demo staff as owners, added when missing with one generated password (returned to print once). */
export async function ensureOwners(database: Database.Database, now: number) {
  const exists = database.prepare<[string], { id: number }>('SELECT id FROM "Staff" WHERE email = ?');
  const missing = DEMO_STAFF.filter((s) => !exists.get(s.email));
  const password = missing.length ? process.env.DEMO_PASSWORD || crypto.randomBytes(12).toString("base64url") : null;
  if (password) {
    const passwordHash = await hashPassword(password);
    const insert = database.prepare(
      'INSERT INTO "Staff" (email, name, language, role, passwordHash, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    database.transaction(() => {
      for (const s of missing) insert.run(s.email, s.name, s.language, s.role, passwordHash, isoText(now), isoText(now));
    })();
  }
  const owners = database
    .prepare<[], { id: number }>(`SELECT id FROM "Staff" WHERE active = 1 AND role IN ('sales', 'manager') ORDER BY id`)
    .all()
    .map((r) => r.id);
  return { owners, created: missing.map((s) => s.email), password };
}

const FAIRS = [
  ["Vakbeurs Opleiding & HR", "Easyfairs", "Antwerpen"],
  ["Salon Entreprendre", "Wallonie Expo", "Namur"],
  ["ICT & Office Expo", "Artexis", "Kortrijk"],
  ["Facility Management Day", "Easyfairs", "Gent"],
  ["Salon RH & Formation", "Brussels Expo", "Bruxelles"],
  ["Digital Business Forum", "Flanders Expo", "Gent"],
] as const;

/** Two editions a year of each fair over the last six years; TradeFair.name is unique, so existing rows are reused. */
function ensureTradeFairs(database: Database.Database, now: number): ContactContext["fairs"] {
  const insert = database.prepare(
    'INSERT INTO "TradeFair" (name, organiser, startsOn, endsOn, place, createdAt) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING',
  );
  const find = database.prepare<[string], { id: number; startsOn: string | null }>('SELECT id, startsOn FROM "TradeFair" WHERE name = ?');
  const year = new Date(now).getUTCFullYear();
  const fairs: ContactContext["fairs"] = [];
  database.transaction(() => {
    for (let y = year - 6; y <= year; y++) {
      FAIRS.forEach(([name, organiser, place], i) => {
        const starts = Date.UTC(y, (i * 2 + (y % 2) * 5) % 12, 10 + i);
        if (starts > now) return;
        const fullName = `${name} ${y}`;
        insert.run(fullName, organiser, isoText(starts), isoText(starts + 2 * DAY_MS), place, isoText(starts - 90 * DAY_MS));
        const row = find.get(fullName)!;
        fairs.push({ id: row.id, name: fullName, startsAt: row.startsOn ? Date.parse(row.startsOn) : starts });
      });
    }
  })();
  return fairs;
}

function loadPurposes(database: Database.Database): ContactContext["purposes"] {
  const rows = database
    .prepare<[], { id: number; code: string; legalBasis: string; retentionAnchor: string; retentionYears: number; retentionMonths: number }>(
      'SELECT id, code, legalBasis, retentionAnchor, retentionYears, retentionMonths FROM "Purpose" WHERE active = 1',
    )
    .all();
  return new Map(rows.map((p) => [p.code, {
    id: p.id, legalBasis: p.legalBasis,
    rule: { anchor: p.retentionAnchor as RetentionAnchor, years: p.retentionYears, months: p.retentionMonths },
  }]));
}

function seedOrganisations(database: Database.Database, count: number, rand: () => number, now: number, report: (done: number) => void) {
  const firstId = nextId(database, "Organisation");
  const insert = database.prepare(
    `INSERT INTO "Organisation" (id, name, sortName, vatNumber, phone, street, postalCode, city, country, website, tags, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const vatTaken = database.prepare('SELECT 1 FROM "Organisation" WHERE vatNumber = ?').pluck();
  const domains: string[] = [];
  const phones: string[] = [];
  const ORG_TAGS = ["partner", "key-account", "public-sector", "sme", "training-client", "reseller", "supplier"];
  const chunk = database.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = firstId + i;
      const [postalCode, city] = pick(rand, BE_PLACES);
      const form = pick(rand, SEED_LEGAL_FORMS);
      const core = `${pick(rand, SEED_COMPANY_WORDS)} ${pick(rand, COMPANY_KINDS)}`;
      const name = rand() < 0.3 ? `${core} ${city}${form ? ` ${form}` : ""}` : `${core}${form ? ` ${form}` : ""}`;
      const domain = `${mailSafe(core)}${id}.be`;
      const phone = belgianLandline(rand);
      // VAT ids are derived from the row id, so reruns never clash; a number someone typed in is skipped.
      let vat: string | null = rand() < 0.9 ? belgianVat(1_000_000 + (id % 18_000_000)) : null;
      if (vat && vatTaken.get(vat)) vat = null;
      const tags = rand() < 0.4 ? [...new Set([pick(rand, ORG_TAGS), pick(rand, ORG_TAGS)])].join(" ") : "";
      const created = isoText(now - Math.floor(rand() * 8 * 365 * DAY_MS));
      insert.run(id, name, foldText(name), vat, phone, `${pick(rand, BE_STREETS)} ${1 + Math.floor(rand() * 200)}`, postalCode, city,
        "België", `https://www.${domain}`, tags, created, created);
      domains.push(domain);
      phones.push(phone);
    }
  });
  for (let from = 0; from < count; from += 10_000) {
    chunk(from, Math.min(count, from + 10_000));
    report(Math.min(count, from + 10_000));
  }
  return { firstId, domains, phones };
}

export async function seedBig(database: Database.Database, options: SeedBigOptions): Promise<SeedBigResult> {
  const started = performance.now();
  const now = (options.now ?? new Date()).getTime();
  const rand = prng(options.seed ?? 1);
  const chunkSize = options.chunkSize ?? 2_500;
  const total = Math.max(0, Math.floor(options.contacts));
  const counts: SeedCounts = { organisations: Math.max(1, Math.ceil(total / 20)), contacts: 0, processingRecords: 0, interactions: 0, tags: 0 };
  const progress = (phase: SeedProgress["phase"], done: number, all: number, rows: number) =>
    options.onProgress?.({ phase, done, total: all, rows, elapsedMs: performance.now() - started });

  const staff = await ensureOwners(database, now);
  if (staff.owners.length === 0) throw new Error("no active sales or manager staff to own the contacts");
  const orgs = seedOrganisations(database, counts.organisations, rand, now, (done) => progress("organisations", done, counts.organisations, done));
  const context: ContactContext = {
    now, rand, owners: staff.owners, fairs: ensureTradeFairs(database, now), purposes: loadPurposes(database),
    organisations: orgs,
  };
  const firstContactId = nextId(database, "Contact");
  const writeChunk = contactWriter(database, context);
  for (let from = 0; from < total; from += chunkSize) {
    const to = Math.min(total, from + chunkSize);
    const written = database.transaction(() => writeChunk(firstContactId + from, to - from))();
    counts.contacts += to - from;
    counts.processingRecords += written.processingRecords;
    counts.interactions += written.interactions;
    counts.tags += written.tags;
    progress("contacts", counts.contacts, total, counts.contacts + counts.processingRecords + counts.interactions + counts.tags);
  }
  return { ...counts, staffCreated: staff.created, staffPassword: staff.password, elapsedMs: performance.now() - started };
}
