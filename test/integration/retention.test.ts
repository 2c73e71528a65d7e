import { describe, expect, it } from "vitest";
import { logInteraction } from "~/domain/contacts/contact-detail.server";
import { contactSchema } from "~/domain/contacts/contact.schema";
import { createContact } from "~/domain/contacts/contacts.server";
import { bulkAssignOwner } from "~/domain/contacts/contact-list.server";
import { addMonthsClamped } from "~/domain/privacy/dates";
import { eraseContact } from "~/domain/privacy/erasure.server";
import { retentionReview } from "~/domain/privacy/retention-flags";
import { decideRetention, decideRetentionBulk, listReviewQueue } from "~/domain/privacy/retention-review.server";
import { startRetentionSchedule } from "~/domain/privacy/retention-schedule.server";
import { sweepRetention } from "~/domain/privacy/retention-sweep.server";
import { updatePurpose } from "~/domain/purposes/purpose-admin.server";
import { purposeSchema } from "~/domain/purposes/purpose.schema";
import { recomputeJobSettled } from "~/domain/purposes/recompute-job.server";
import { listPurposes, syncRetention, type ContactFacts } from "~/domain/purposes/purposes.server";
import type { Actor } from "~/domain/staff/roles";
import { db, rawDb } from "~/lib/db.server";
import { createTestStaff } from "../db-utils";
import { purposeEditForm } from "../privacy-fixtures";

const DAY = 86_400_000;
const today = new Date();
const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(today.getTime() - n * DAY);
const monthsAgo = (n: number) => addMonthsClamped(today, -n);

let n = 0;
/** A contact processed for one purpose, obtained on `obtained`, with the retention facts the purpose counts from. */
async function contactFor(actor: Actor, code: string, obtained: Date, facts: ContactFacts & { interaction?: Date } = {}) {
  n += 1;
  const purpose = (await listPurposes()).find((p) => p.code === code)!;
  const created = await createContact(actor, contactSchema.parse({
    firstName: `Case${n}`, lastName: code, stage: "lead", sourceKind: "phone", obtainedAt: iso(obtained), purposeIds: [String(purpose.id)],
  }));
  if (!created.ok) throw new Error(`create failed: ${created.reason}`);
  const { interaction, ...extra } = facts;
  if (interaction) await logInteraction(actor, created.id, { kind: "call", occurredOn: iso(interaction), summary: null });
  if (Object.keys(extra).length) {
    const prisma = await db();
    await prisma.$transaction((tx) => syncRetention(tx, created.id, { ...extra, lastInteractionAt: interaction ?? null }));
  }
  return created.id;
}

const flaggedRecordIds = () => (rawDb().prepare(`SELECT "recordId" AS id FROM "RetentionFlag" ORDER BY "recordId"`).all() as { id: number }[]).map((r) => r.id);
const flaggedContactIds = () => (rawDb().prepare(`SELECT "contactId" AS id FROM "ContactRetentionFlag" ORDER BY "contactId"`).all() as { id: number }[]).map((r) => r.id);
const snapshot = () =>
  JSON.stringify([
    rawDb().prepare(`SELECT * FROM "RetentionFlag" ORDER BY "recordId"`).all(),
    rawDb().prepare(`SELECT * FROM "ContactRetentionFlag" ORDER BY "contactId"`).all(),
    rawDb().prepare(`SELECT id, "retentionEndsAt" FROM "ProcessingRecord" ORDER BY id`).all(),
    rawDb().prepare(`SELECT id, "updatedAt" FROM "Contact" ORDER BY id`).all(),
  ]);
function rowCounts(): Record<string, number> {
  const tables = rawDb().prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'ContactSearch%' AND name NOT LIKE '\\_%' ESCAPE '\\'`).all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (rawDb().prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

/** What retention-flags.ts says should be flagged, from the records as stored (open records of contacts not erased). */
async function expectedByRule(): Promise<number[]> {
  const prisma = await db();
  const contacts = await prisma.contact.findMany({
    where: { erasedAt: null },
    select: { processingRecords: { where: { endedAt: null }, select: { id: true, retentionEndsAt: true, extendedUntil: true, legalHoldReason: true, purpose: { select: { code: true } } } } },
  });
  const far = new Date("9999-12-31T00:00:00Z");
  return contacts.flatMap((c) => c.processingRecords.filter((r) =>
    retentionReview([{ purposeCode: r.purpose.code, retentionEndsAt: r.retentionEndsAt, extendedUntil: r.extendedUntil, legalHoldUntil: r.legalHoldReason ? far : null }], today).flagged,
  ).map((r) => r.id)).sort((a, b) => a - b);
}

describe("the retention sweep", () => {
  it("flags exactly the records past retention for every seeded rule, idempotently, deleting nothing", async () => {
    const sales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const a = sales.actor;
    const cases: [string, Promise<number>, boolean][] = [
      ["inquiry without contact for 400 days", contactFor(a, "answering-inquiries", daysAgo(400)), true],
      ["inquiry answered 30 days ago", contactFor(a, "answering-inquiries", daysAgo(400), { interaction: daysAgo(30) }), false],
      ["inquiry ending today (runs out on its day)", contactFor(a, "answering-inquiries", monthsAgo(12)), true],
      ["inquiry ending tomorrow", contactFor(a, "answering-inquiries", new Date(monthsAgo(12).getTime() + DAY)), false],
      ["prospect silent for 4 years", contactFor(a, "prospecting", monthsAgo(48)), true],
      ["prospect from 2 years ago", contactFor(a, "prospecting", monthsAgo(24)), false],
      ["invoice 12 years ago", contactFor(a, "quotes-invoices", monthsAgo(150), { invoiceIssuedAt: monthsAgo(144) }), true],
      ["invoice last year", contactFor(a, "quotes-invoices", monthsAgo(14), { invoiceIssuedAt: monthsAgo(12) }), false],
      ["quote, no invoice yet", contactFor(a, "quotes-invoices", monthsAgo(150)), false],
      ["contract ended 6 years ago", contactFor(a, "file-management", monthsAgo(100), { contractEndedAt: monthsAgo(72) }), true],
      ["contract still running, last call 2 years ago", contactFor(a, "file-management", monthsAgo(100), { interaction: monthsAgo(24) }), false],
      ["contract untouched for 8 years (ADR 025)", contactFor(a, "file-management", monthsAgo(100)), true],
      ["training 6 years ago", contactFor(a, "training", monthsAgo(80), { trainingDate: monthsAgo(72) }), true],
      ["training last year", contactFor(a, "training", monthsAgo(14), { trainingDate: monthsAgo(12) }), false],
      ["newsletter consent withdrawn 10 days ago", contactFor(a, "newsletter", monthsAgo(30), { consentWithdrawnAt: daysAgo(10) }), true],
      ["newsletter consent standing", contactFor(a, "newsletter", monthsAgo(30)), false],
      ["visit 8 months ago", contactFor(a, "offer-after-visit", monthsAgo(9), { visitAt: monthsAgo(8) }), true],
      ["visit 2 months ago", contactFor(a, "offer-after-visit", monthsAgo(3), { visitAt: monthsAgo(2) }), false],
    ];
    const ids = await Promise.all(cases.map(([, id]) => id));
    // Past retention, but extended, held, ended or erased: not for review.
    const prisma = await db();
    const extended = await contactFor(a, "prospecting", monthsAgo(48));
    await prisma.processingRecord.updateMany({ where: { contactId: extended }, data: { extendedUntil: new Date(today.getTime() + 30 * DAY), extensionReason: "test" } });
    const held = await contactFor(a, "prospecting", monthsAgo(48));
    await prisma.processingRecord.updateMany({ where: { contactId: held }, data: { legalHoldReason: "dispute", legalHoldAt: today } });
    const extensionRanOut = await contactFor(a, "prospecting", monthsAgo(48));
    await prisma.processingRecord.updateMany({ where: { contactId: extensionRanOut }, data: { extendedUntil: daysAgo(1), extensionReason: "test" } });
    const erased = await contactFor(a, "prospecting", monthsAgo(48));
    await eraseContact(manager.actor, erased, { reason: "test" });

    const countsBefore = rowCounts();
    const first = await sweepRetention({ batchSize: 3 });
    const flaggedContacts = flaggedContactIds();
    for (const [i, [label, , shouldFlag]] of cases.entries()) expect(flaggedContacts.includes(ids[i]), label).toBe(shouldFlag);
    expect(flaggedContacts).not.toContain(extended);
    expect(flaggedContacts).not.toContain(held);
    expect(flaggedContacts).toContain(extensionRanOut);
    expect(flaggedContacts).not.toContain(erased);
    expect(flaggedRecordIds()).toEqual(await expectedByRule());
    const expectedCount = cases.filter(([, , f]) => f).length + 1;
    expect(first).toMatchObject({ flaggedRecords: expectedCount, flaggedContacts: expectedCount, clearedContacts: 0 });

    // Batches by id range, each short.
    const records = await prisma.processingRecord.count();
    expect(first.batches).toBeGreaterThanOrEqual(Math.ceil(records / 3));
    expect(first.longestBatchMs).toBeGreaterThan(0);
    expect(first.longestBatchMs).toBeLessThan(250);

    // Idempotent, and it never deletes.
    const after = snapshot();
    const second = await sweepRetention({ batchSize: 3 });
    expect(second).toMatchObject({ flaggedRecords: 0, clearedRecords: 0, flaggedContacts: 0, clearedContacts: 0 });
    expect(snapshot()).toBe(after);
    const countsAfter = rowCounts();
    // The first sweep wrote one audit entry (its counts) and the flags (rows of their own); nothing else changed in number.
    expect(countsAfter).toEqual({
      ...countsBefore,
      AuditEntry: countsBefore.AuditEntry + 1,
      RetentionFlag: countsBefore.RetentionFlag + expectedCount,
      ContactRetentionFlag: countsBefore.ContactRetentionFlag + expectedCount,
    });
    expect(Object.keys(countsAfter).length).toBeGreaterThan(20);

    // A new interaction moves the inquiry's retention into the future: the next sweep lifts its flag.
    await logInteraction(sales.actor, ids[0], { kind: "email", occurredOn: iso(today), summary: null });
    const third = await sweepRetention();
    expect(third).toMatchObject({ clearedRecords: 1, clearedContacts: 1, flaggedRecords: 0 });
    expect(flaggedContactIds()).not.toContain(ids[0]);
  });
});

describe("the daily schedule", () => {
  it("runs the sweep shortly after start-up without keeping the process alive", async () => {
    const sales = await createTestStaff();
    const id = await contactFor(sales.actor, "prospecting", monthsAgo(49));
    const errors: unknown[] = [];
    const stop = startRetentionSchedule({ delayMs: 10, intervalMs: 60_000, onError: (e) => errors.push(e) });
    try {
      for (let i = 0; i < 100 && !flaggedContactIds().includes(id); i += 1) await new Promise((r) => setTimeout(r, 30));
      expect(flaggedContactIds()).toContain(id);
      expect(errors).toEqual([]);
    } finally {
      stop();
    }
  });
});

describe("the review queue", () => {
  it("lists flagged contacts with why, filters them, and empties as managers erase, extend or hold — each decision logged", async () => {
    const sales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const toErase = await contactFor(sales.actor, "prospecting", monthsAgo(50));
    const toExtend = await contactFor(sales.actor, "prospecting", monthsAgo(50));
    const toHold = await contactFor(sales.actor, "offer-after-visit", monthsAgo(10), { visitAt: monthsAgo(9) });
    const others = [];
    for (let i = 0; i < 26; i += 1) others.push(await contactFor(sales.actor, "answering-inquiries", monthsAgo(20)));
    await sweepRetention();
    const all = async (filter: Parameters<typeof listReviewQueue>[1] = {}) => {
      const ids: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await listReviewQueue(manager.actor, { ...filter, cursor });
        ids.push(...page.entries.map((e) => e.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return ids;
    };
    const mine = [toErase, toExtend, toHold, ...others];
    const queued = (await all()).filter((id) => mine.includes(id));
    expect(queued.sort((x, y) => x - y)).toEqual([...mine].sort((x, y) => x - y));
    expect(new Set(await all()).size).toBe((await all()).length); // keyset pages never repeat an entry

    const visit = (await listPurposes()).find((p) => p.code === "offer-after-visit")!;
    expect((await all({ purpose: visit.id })).filter((id) => mine.includes(id))).toEqual([toHold]);
    expect((await all({ owner: sales.id })).length).toBe(mine.length);
    // The flag keeps the contact's owner (a trigger): reassigning moves the entry to the new owner's queue.
    await bulkAssignOwner(manager.actor, [others[0]], manager.id);
    expect(await all({ owner: sales.id })).not.toContain(others[0]);
    expect(await all({ owner: manager.id })).toContain(others[0]);
    await bulkAssignOwner(manager.actor, [others[1]], null);
    expect(await all({ owner: "unassigned" })).toContain(others[1]);
    await bulkAssignOwner(manager.actor, [others[0], others[1]], sales.id);
    expect((await all({ owner: sales.id })).length).toBe(mine.length);
    const first = (await listReviewQueue(manager.actor, { purpose: visit.id })).entries.find((e) => e.id === toHold)!;
    expect(first.reasons).toHaveLength(1);
    expect(first.reasons[0].names.nameEn).toBe("Offer following a recent visit");
    expect(iso(first.reasons[0].runOutOn!)).toBe(iso(addMonthsClamped(monthsAgo(9), 6)));

    // Refusals.
    const sales2 = await createTestStaff();
    await expect(decideRetention(sales2.actor, toErase, { kind: "hold", reason: "x" })).rejects.toMatchObject({ status: 403 });
    await expect(listReviewQueue(sales2.actor, {})).rejects.toMatchObject({ status: 403 });
    expect(await decideRetention(manager.actor, toExtend, { kind: "extend", reason: "x", until: daysAgo(1) })).toEqual({ ok: false, reason: "DATE_NOT_FUTURE" });

    const until = new Date(`${iso(new Date(today.getTime() + 365 * DAY))}T00:00:00Z`);
    expect(await decideRetention(manager.actor, toErase, { kind: "erase", reason: "no longer needed" })).toEqual({ ok: true });
    expect(await decideRetention(manager.actor, toExtend, { kind: "extend", reason: "Open tender until next year", until })).toEqual({ ok: true });
    expect(await decideRetention(manager.actor, toHold, { kind: "hold", reason: "Court case 2026/123" })).toEqual({ ok: true });
    expect(await decideRetention(manager.actor, toHold, { kind: "hold", reason: "again" })).toEqual({ ok: false, reason: "NOT_FLAGGED" });

    const prisma = await db();
    const decisions = await prisma.retentionDecision.findMany({ where: { contactId: { in: [toErase, toExtend, toHold] } }, orderBy: { id: "asc" }, select: { contactId: true, decision: true, reason: true, newDate: true, staffId: true } });
    expect(decisions).toEqual([
      { contactId: toErase, decision: "erase", reason: "no longer needed", newDate: null, staffId: manager.id },
      { contactId: toExtend, decision: "extend", reason: "Open tender until next year", newDate: until, staffId: manager.id },
      { contactId: toHold, decision: "hold", reason: "Court case 2026/123", newDate: null, staffId: manager.id },
    ]);
    const audit = await prisma.auditEntry.findMany({ where: { recordId: { in: [toErase, toExtend, toHold].map(String) }, action: { in: ["contact.erased", "retention.extended", "retention.held"] } }, select: { action: true, recordId: true, staffId: true } });
    expect(audit.map((e) => `${e.action}#${e.recordId}`).sort()).toEqual([`contact.erased#${toErase}`, `retention.extended#${toExtend}`, `retention.held#${toHold}`].sort());
    expect(audit.every((e) => e.staffId === manager.id)).toBe(true);
    expect(await prisma.processingRecord.findFirst({ where: { contactId: toExtend }, select: { extendedUntil: true, extensionReason: true, retentionFlag: true } }))
      .toEqual({ extendedUntil: until, extensionReason: "Open tender until next year", retentionFlag: null });
    expect(await eraseContact(manager.actor, toHold, { reason: "try" })).toEqual({ ok: false, reason: "LEGAL_HOLD" });

    // Bulk: the rest held in one go; the queue is then empty, and stays so after the next sweep.
    const bulk = await decideRetentionBulk(manager.actor, [...others, toErase], { kind: "hold", reason: "Audit by the tax office" });
    expect(bulk).toEqual({ ok: true, done: others.length, skipped: [{ id: toErase, reason: "ALREADY_ERASED" }] });
    expect((await all()).filter((id) => mine.includes(id))).toEqual([]);
    await sweepRetention();
    expect((await all()).filter((id) => mine.includes(id))).toEqual([]);
  });
});

describe("changing a purpose's retention rule", () => {
  it("moves the dates it governs in batches, reports the count and updates the queue", async () => {
    const sales = await createTestStaff();
    const admin = await createTestStaff({ role: "admin" });
    const recent = await contactFor(sales.actor, "training", monthsAgo(30), { trainingDate: monthsAgo(30) });
    const older = await contactFor(sales.actor, "training", monthsAgo(40), { trainingDate: monthsAgo(40) });
    const training = (await listPurposes()).find((p) => p.code === "training")!;
    const prisma = await db();
    const open = await prisma.processingRecord.count({ where: { purposeId: training.id, endedAt: null, retentionEndsAt: { not: null }, contact: { erasedAt: null } } });
    const dateOf = async (contactId: number) => (await prisma.processingRecord.findFirstOrThrow({ where: { contactId }, select: { retentionEndsAt: true } })).retentionEndsAt!;
    const before = await dateOf(recent);
    /** Saves the purpose and waits for the recompute it started (in the background). */
    const save = async (actor: Actor, values: Record<string, unknown>) => {
      const result = await updatePurpose(actor, training.id, purposeSchema.parse(values));
      if (!result.ok || result.recomputeJobId === null) return { result, job: null };
      await recomputeJobSettled(result.recomputeJobId);
      return { result, job: await prisma.retentionRecomputeJob.findUniqueOrThrow({ where: { id: result.recomputeJobId } }) };
    };

    const form = await purposeEditForm(admin.actor, training.id, { years: 3, months: 0 });
    const { result, job } = await save(admin.actor, form);
    expect(result.ok).toBe(true);
    expect(job).toMatchObject({ status: "done", moved: open });
    expect(iso(await dateOf(recent))).toBe(iso(addMonthsClamped(before, -24)));
    // Three years after a training 40 months ago has run out: in the queue now; 30 months ago: not yet.
    expect(flaggedContactIds()).toContain(older);
    expect(flaggedContactIds()).not.toContain(recent);
    expect(job!.flagged).toBeGreaterThanOrEqual(1);
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "purpose.retention-recomputed", recordId: String(training.id) }, select: { summary: true } });
    expect(JSON.parse(audit.summary)).toMatchObject({ moved: open, years: 3, months: 0, jobId: job!.id });

    // Saving without a rule change moves nothing; back to five years restores the date.
    expect(await updatePurpose(admin.actor, training.id, purposeSchema.parse({ ...form, nameEn: "Training records" }))).toEqual({ ok: true, recomputeJobId: null });
    const restored = await save(admin.actor, { ...form, retentionYears: "5" });
    expect(restored.job).toMatchObject({ status: "done", moved: open });
    expect(iso(await dateOf(recent))).toBe(iso(before));
    expect(flaggedContactIds()).not.toContain(older);
    await expect(updatePurpose(sales.actor, training.id, purposeSchema.parse(form))).rejects.toMatchObject({ status: 403 });
  });
});
