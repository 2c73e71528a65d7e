import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { logInteraction } from "~/domain/contacts/contact-detail.server";
import { contactSchema } from "~/domain/contacts/contact.schema";
import { createContact, updateContact } from "~/domain/contacts/contacts.server";
import { sweepRetention } from "~/domain/privacy/retention-sweep.server";
import { updatePurpose } from "~/domain/purposes/purpose-admin.server";
import { purposeSchema } from "~/domain/purposes/purpose.schema";
import { listPurposes, type PurposeRow } from "~/domain/purposes/purposes.server";
import { recomputeJobSettled } from "~/domain/purposes/recompute-job.server";
import { addPeriod, retentionEndDate, ruleOf, utcDay } from "~/domain/purposes/retention";
import { dbDateTime } from "~/lib/db-datetime";
import { rawDb } from "~/lib/db.server";
import { createTestStaff } from "../db-utils";
import { purposeEditForm } from "../privacy-fixtures";

/**
 * "5 years after the contract ends" (file management, ADR 025): a running contract counts from its
 * latest sign of life, an ended one from its end, and migration 0015 gives the records that had no
 * date the same day the code computes.
 */

const DAY = 86_400_000;
const today = utcDay(new Date());
const iso = (d: Date) => d.toISOString().slice(0, 10);
const d = (day: string) => new Date(`${day}T00:00:00Z`);
const daysAgo = (n: number) => new Date(today.getTime() - n * DAY);

let sales: Awaited<ReturnType<typeof createTestStaff>>;
let admin: Awaited<ReturnType<typeof createTestStaff>>;
let purposes: Record<string, PurposeRow>;
let serial = 0;

beforeAll(async () => {
  sales = await createTestStaff();
  admin = await createTestStaff({ role: "admin" });
  purposes = Object.fromEntries((await listPurposes()).map((p) => [p.code, p]));
});

const form = (name: string, obtained: Date, codes: string[]) =>
  contactSchema.parse({
    firstName: "Contract", lastName: name, stage: "customer", sourceKind: "phone", obtainedAt: iso(obtained), ownerId: String(sales.id),
    purposeIds: codes.map((code) => String(purposes[code].id)),
  });

async function customer(obtained: Date, codes = ["file-management", "prospecting"]) {
  serial += 1;
  const name = `Customer${serial}`;
  const created = await createContact(sales.actor, form(name, obtained, codes));
  if (!created.ok) throw new Error(`create failed: ${created.reason}`);
  return { id: created.id, name };
}

type Stored = { id: number; since: string; endedAt: string | null; ends: string | null };
const fileRecord = (contactId: number) =>
  rawDb().prepare(`SELECT id, since, "endedAt", "retentionEndsAt" AS ends FROM "ProcessingRecord" WHERE "contactId" = ? AND "purposeId" = ?`)
    .get(contactId, purposes["file-management"].id) as Stored;
const endsOn = (contactId: number) => fileRecord(contactId).ends?.slice(0, 10) ?? null;
/** Whether the contact's customer file is in the review queue. */
const flagged = (contactId: number) => rawDb().prepare(`SELECT 1 FROM "RetentionFlag" WHERE "recordId" = ?`).get(fileRecord(contactId).id) !== undefined;
const plusYears = (date: Date, years: number) => iso(addPeriod(date, { years, months: 0 }));

let invoiceSeq = 0;
function issueInvoice(contactId: number, issuedOn: string) {
  invoiceSeq += 1;
  rawDb().prepare(`INSERT INTO "Invoice" (kind, number, year, seq, "contactId", language, "issuedOn", "dueOn", "paymentTermsDays", "customerName",
      seller, lines, "byRate", "netCents", "vatCents", "totalCents", "createdAt")
    VALUES ('invoice', ?, 2000, ?, ?, 'en', ?, ?, 30, 'Customer', '{}', '[]', '[]', 0, 0, 0, ?)`)
    .run(`T-${invoiceSeq}`, 90_000 + invoiceSeq, contactId, issuedOn, issuedOn, dbDateTime(new Date()));
}
function attendTraining(contactId: number, day: string) {
  const now = dbDateTime(new Date());
  const raw = rawDb();
  const trainingId = Number(raw.prepare(`INSERT INTO "Training" (title, trainer, capacity, "createdAt", "updatedAt") VALUES ('Course', 'Trainer', 10, ?, ?)`).run(now, now).lastInsertRowid);
  raw.prepare(`INSERT INTO "TrainingSession" ("trainingId", date, "startTime", "endTime") VALUES (?, ?, '09:00', '17:00')`).run(trainingId, day);
  raw.prepare(`INSERT INTO "Registration" ("trainingId", "contactId", status, "registeredAt") VALUES (?, ?, 'attended', ?)`).run(trainingId, contactId, now);
}

describe("a customer file's retention", () => {
  it("counts from the latest sign of life while the contract runs, and from the end once staff end it", async () => {
    const obtained = daysAgo(700);
    const { id, name } = await customer(obtained);
    expect(endsOn(id)).toBe(plusYears(obtained, 5));

    const called = daysAgo(30);
    expect((await logInteraction(sales.actor, id, { kind: "call", occurredOn: iso(called), summary: null })).ok).toBe(true);
    expect(endsOn(id)).toBe(plusYears(called, 5));

    // Staff untick the purpose: the contract ended today, and its file is kept 5 years from today.
    const saved = await updateContact(sales.actor, id, form(name, obtained, ["prospecting"]));
    expect(saved).toEqual({ ok: true, id });
    const ended = fileRecord(id);
    expect(ended.endedAt?.slice(0, 10)).toBe(iso(new Date()));
    expect(endsOn(id)).toBe(plusYears(new Date(), 5));

    // Later activity no longer moves an ended contract's date, and nothing is due for review.
    expect((await logInteraction(sales.actor, id, { kind: "meeting", occurredOn: iso(new Date()), summary: null })).ok).toBe(true);
    expect(endsOn(id)).toBe(plusYears(new Date(), 5));
    await sweepRetention();
    expect(flagged(id)).toBe(false);
  });

  it("follows the latest invoice or training day, and a file nobody touched for the whole period is flagged for review", async () => {
    const { id: active } = await customer(daysAgo(4000));
    issueInvoice(active, dbDateTime(daysAgo(900)));
    attendTraining(active, dbDateTime(daysAgo(400)));
    // Any save recomputes from every fact, wherever it was recorded.
    expect((await logInteraction(sales.actor, active, { kind: "note", occurredOn: iso(daysAgo(3000)), summary: null })).ok).toBe(true);
    expect(endsOn(active)).toBe(plusYears(daysAgo(400), 5));

    const { id: dormant } = await customer(daysAgo(2200), ["file-management"]);
    expect(endsOn(dormant)).toBe(plusYears(daysAgo(2200), 5));
    await sweepRetention();
    expect(flagged(dormant)).toBe(true);
    expect(flagged(active)).toBe(false);
  });

  it("is recomputed from the invoice and training days when an admin changes the period", async () => {
    const { id } = await customer(daysAgo(3000), ["file-management"]);
    attendTraining(id, dbDateTime(daysAgo(100)));
    issueInvoice(id, dbDateTime(daysAgo(200)));
    const purposeId = purposes["file-management"].id;
    const body = await purposeEditForm(admin.actor, purposeId, { years: 7, months: 0 });
    const result = await updatePurpose(admin.actor, purposeId, purposeSchema.parse(body));
    expect(result.ok).toBe(true);
    if (!result.ok || result.recomputeJobId === null) throw new Error("no recompute job");
    await recomputeJobSettled(result.recomputeJobId);
    expect(endsOn(id)).toBe(plusYears(daysAgo(100), 7));
    // Back to the seeded rule for the other tests of this file.
    const back = await updatePurpose(admin.actor, purposeId, purposeSchema.parse({ ...body, retentionYears: "5" }));
    if (back.ok && back.recomputeJobId !== null) await recomputeJobSettled(back.recomputeJobId);
    expect(endsOn(id)).toBe(plusYears(daysAgo(100), 5));
  });
});

describe("migration 0015", () => {
  const migration = readFileSync(path.resolve("prisma/migrations/0015_contract_end_retention_dates/migration.sql"), "utf8");

  type Case = { since: string; last?: string; invoice?: string; training?: string; ended?: string; erased?: boolean };
  const cases: Case[] = [
    { since: "2024-02-29T10:00:00.000Z" },
    { since: "2020-01-31T08:00:00.000Z", last: "2023-08-31T22:30:00.000Z" },
    { since: "2020-01-01T00:00:00.000Z", invoice: "2024-02-29T15:00:00.000Z" },
    { since: "2020-01-01T00:00:00.000Z", invoice: "2024-06-01T00:00:00.000Z", training: "2025-03-31T00:00:00.000Z", last: "2025-01-15T09:00:00.000Z" },
    { since: "2021-05-31T00:00:00.000Z", last: "2019-01-01T00:00:00.000Z" },
    { since: "2019-03-01T00:00:00.000Z", ended: "2022-12-31T23:30:00.000Z", last: "2024-04-04T00:00:00.000Z" },
    { since: "2019-03-01T00:00:00.000Z", erased: true },
  ];

  /** Contacts whose file-management record has no date, as before this change, with the facts of `c`. */
  async function seedUndated(list: Case[]) {
    const raw = rawDb();
    const seeded: { contactId: number; c: Case }[] = [];
    for (const c of list) {
      const { id } = await customer(new Date(c.since), ["file-management", "newsletter"]);
      const text = (v?: string) => (v ? dbDateTime(new Date(v)) : null);
      raw.prepare(`UPDATE "ProcessingRecord" SET since = ?, "endedAt" = ?, "retentionEndsAt" = NULL WHERE "contactId" = ? AND "purposeId" = ?`)
        .run(text(c.since), text(c.ended), id, purposes["file-management"].id);
      raw.prepare(`UPDATE "Contact" SET "lastInteractionAt" = ?, "erasedAt" = ? WHERE id = ?`).run(text(c.last), c.erased ? text(c.since) : null, id);
      if (c.invoice) issueInvoice(id, text(c.invoice)!);
      if (c.training) attendTraining(id, text(c.training)!);
      seeded.push({ contactId: id, c });
    }
    return seeded;
  }

  const expected = (c: Case, rule = ruleOf(purposes["file-management"])) => {
    if (c.erased) return null;
    const date = (v?: string) => (v ? new Date(v) : null);
    const end = retentionEndDate(rule, { since: new Date(c.since), lastInteractionAt: date(c.last), invoiceIssuedAt: date(c.invoice), trainingDate: date(c.training), contractEndedAt: date(c.ended) });
    return end ? dbDateTime(end) : null;
  };

  it("dates every undated customer file as the code would, leaving other records alone", async () => {
    const seeded = await seedUndated(cases);
    const datedBefore = rawDb().prepare(`SELECT id, "retentionEndsAt" FROM "ProcessingRecord" WHERE "retentionEndsAt" IS NOT NULL ORDER BY id`).all();
    const newsletterBefore = rawDb().prepare(`SELECT count(*) AS n FROM "ProcessingRecord" WHERE "purposeId" = ? AND "retentionEndsAt" IS NULL`).get(purposes.newsletter.id);
    rawDb().exec(migration);
    for (const { contactId, c } of seeded) expect({ c, ends: fileRecord(contactId).ends }).toEqual({ c, ends: expected(c) });
    expect(seeded.map(({ c }) => expected(c)?.slice(0, 10))).toEqual(["2029-02-28", "2028-08-31", "2029-02-28", "2030-03-31", "2026-05-31", "2027-12-31", undefined]);
    // Records that had a date keep it; open-ended consents stay open.
    const stillDated = rawDb().prepare(`SELECT id, "retentionEndsAt" FROM "ProcessingRecord" WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
      .all(JSON.stringify((datedBefore as { id: number }[]).map((r) => r.id)));
    expect(stillDated).toEqual(datedBefore);
    expect(rawDb().prepare(`SELECT count(*) AS n FROM "ProcessingRecord" WHERE "purposeId" = ? AND "retentionEndsAt" IS NULL`).get(purposes.newsletter.id)).toEqual(newsletterBefore);
  });

  it("applies an admin-edited period with the code's month-end rule", async () => {
    const rule = { anchor: "contractEnd" as const, years: 1, months: 1 };
    const list: Case[] = [
      { since: "2024-01-31T12:00:00.000Z" },
      { since: "2023-01-29T00:00:00.000Z" },
      { since: "2022-12-31T00:00:00.000Z", training: "2023-12-31T00:00:00.000Z" },
    ];
    const seeded = await seedUndated(list);
    const raw = rawDb();
    const purposeId = purposes["file-management"].id;
    raw.prepare(`UPDATE "Purpose" SET "retentionYears" = 1, "retentionMonths" = 1 WHERE id = ?`).run(purposeId);
    try {
      raw.exec(migration);
    } finally {
      raw.prepare(`UPDATE "Purpose" SET "retentionYears" = 5, "retentionMonths" = 0 WHERE id = ?`).run(purposeId);
    }
    expect(seeded.map(({ contactId }) => fileRecord(contactId).ends)).toEqual(list.map((c) => expected(c, rule)));
    expect(list.map((c) => expected(c, rule)?.slice(0, 10))).toEqual(["2025-02-28", "2024-02-29", "2025-01-31"]);
  });
});
