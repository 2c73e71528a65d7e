import { beforeAll, describe, expect, it } from "vitest";
import { logInteraction } from "~/domain/contacts/contact-detail.server";
import { contactSchema } from "~/domain/contacts/contact.schema";
import { createContact } from "~/domain/contacts/contacts.server";
import { contactSortName } from "~/domain/contacts/contact-rules";
import { endOfUtcDay } from "~/domain/privacy/db-dates";
import { sweepRetention } from "~/domain/privacy/retention-sweep.server";
import { getPurposeForAdmin, updatePurpose } from "~/domain/purposes/purpose-admin.server";
import { purposeSchema } from "~/domain/purposes/purpose.schema";
import { listPurposes, type PurposeRow } from "~/domain/purposes/purposes.server";
import { latestRecompute, recomputeJobSettled, recoverRecomputeJobs, resumeRecompute } from "~/domain/purposes/recompute-job.server";
import { addPeriod, retentionEndDate, ruleOf, utcDay, type RetentionRule } from "~/domain/purposes/retention";
import { retentionEndAfterRuleChange } from "~/domain/purposes/rule-change";
import type { Actor } from "~/domain/staff/roles";
import { dbDateTime } from "~/lib/db-datetime";
import { db, rawDb } from "~/lib/db.server";
import { createTestStaff } from "../db-utils";
import { purposeEditForm } from "../privacy-fixtures";
import { callRoute, sessionCookieOf } from "./route-harness";

/**
 * A rule change answers at once; its recompute runs in the background in short batches, reports
 * its progress, ends with the summary, survives a restart without moving any date twice, and
 * refuses a second rule change until it is done.
 */

const DAY = 86_400_000;
const today = utcDay(new Date());
const daysAgo = (n: number) => new Date(today.getTime() - n * DAY);
const cutoff = endOfUtcDay(new Date()).getTime();

type Seeded = { contactId: number; recordId: number; since: Date; lastInteractionAt: Date | null; ends: Date | null; ended: boolean; erased: boolean };

let admin: Awaited<ReturnType<typeof createTestStaff>>;
let sales: Awaited<ReturnType<typeof createTestStaff>>;
let purposes: Record<string, PurposeRow>;
let serial = 0;

beforeAll(async () => {
  admin = await createTestStaff({ role: "admin" });
  sales = await createTestStaff();
  purposes = Object.fromEntries((await listPurposes()).map((p) => [p.code, p]));
});

/** Contacts written straight to the database (fast), each with one record of `code` (and a newsletter record for some), as the app would have dated them. */
function seedContacts(code: string, count: number, facts: (i: number) => { since: Date; lastInteractionAt?: Date | null; ended?: boolean; erased?: boolean; newsletter?: boolean }): Seeded[] {
  const raw = rawDb();
  const purpose = purposes[code];
  const rule = ruleOf(purpose);
  const nextId = raw.prepare(`SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'Contact'), 0) + 1 AS id`);
  const record = raw.prepare(`INSERT INTO "ProcessingRecord" ("contactId","purposeId","legalBasis","sourceKind","since","retentionEndsAt","endedAt","createdAt") VALUES (?,?,?,?,?,?,?,?)`);
  const contact = raw.prepare(`INSERT INTO "Contact" ("id","firstName","lastName","sortName","stage","sourceKind","obtainedAt","lastInteractionAt","erasedAt","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?)`);
  const now = dbDateTime(new Date());
  const seeded: Seeded[] = [];
  raw.transaction(() => {
    for (let i = 0; i < count; i++) {
      const f = facts(i);
      const id = (nextId.get() as { id: number }).id;
      const ends = retentionEndDate(rule, { since: f.since, lastInteractionAt: f.lastInteractionAt ?? null });
      const recordId = Number(record.run(id, purpose.id, purpose.legalBasis, "phone", dbDateTime(f.since), ends && dbDateTime(ends), f.ended ? now : null, now).lastInsertRowid);
      if (f.newsletter) record.run(id, purposes.newsletter.id, "consent", "phone", dbDateTime(f.since), null, null, now);
      serial += 1;
      contact.run(id, "Rita", `Recompute${serial}`, contactSortName("Rita", `Recompute${serial}`), "lead", "phone", dbDateTime(f.since),
        f.lastInteractionAt ? dbDateTime(f.lastInteractionAt) : null, f.erased ? now : null, now, now);
      seeded.push({ contactId: id, recordId, since: f.since, lastInteractionAt: f.lastInteractionAt ?? null, ends, ended: Boolean(f.ended), erased: Boolean(f.erased) });
    }
  })();
  return seeded;
}

const stored = () => new Map((rawDb().prepare(`SELECT id, "retentionEndsAt" AS ends FROM "ProcessingRecord"`).all() as { id: number; ends: string | null }[]).map((r) => [r.id, r.ends]));
const text = (date: Date | null) => (date ? dbDateTime(date) : null);
const flaggedContacts = () => new Set((rawDb().prepare(`SELECT "contactId" AS id FROM "ContactRetentionFlag"`).all() as { id: number }[]).map((r) => r.id));
/** What the pure rule says a record's date becomes when the job moves it from rule `from` to `to`. */
const moved = (s: Seeded, from: RetentionRule, to: RetentionRule, ends: Date | null = s.ends) =>
  text(retentionEndAfterRuleChange(from, to, { since: s.since, lastInteractionAt: s.lastInteractionAt, retentionEndsAt: ends }));
const jobRow = async (id: number) => (await db()).retentionRecomputeJob.findUniqueOrThrow({ where: { id } });

/** The purpose's edit form as the page posts it, with another rule. */
const formWith = (code: string, change: Parameters<typeof purposeEditForm>[2]) => purposeEditForm(admin.actor, purposes[code].id, change);
const save = async (actor: Actor, code: string, change: Parameters<typeof formWith>[1], options?: Parameters<typeof updatePurpose>[3]) =>
  updatePurpose(actor, purposes[code].id, purposeSchema.parse(await formWith(code, change)), options);

describe("a changed retention rule, recomputed in the background", () => {
  it("answers at once, then moves every record as the rule says, showing progress and then the summary", async () => {
    const seeded = seedContacts("prospecting", 300, (i) => {
      const since = daysAgo(5 * i + 3);
      return {
        since,
        lastInteractionAt: i % 3 === 0 ? null : i % 3 === 1 ? new Date(since.getTime() + 40 * DAY) : new Date(since.getTime() - 20 * DAY),
        ended: i % 17 === 5, erased: i % 23 === 7, newsletter: i % 10 === 0,
      };
    });
    await sweepRetention(); // the queue as it stands before the change
    const flaggedBefore = flaggedContacts();
    const before = stored();
    const from: RetentionRule = { anchor: "lastInteraction", years: 3, months: 0 };
    const to: RetentionRule = { anchor: "lastInteraction", years: 2, months: 0 };
    const expected = new Map(seeded.map((s) => [s.recordId, s.ended || s.erased ? text(s.ends) : moved(s, from, to)]));
    const expectedMoved = seeded.filter((s) => expected.get(s.recordId) !== text(s.ends)).length;
    const newlyDue = seeded.filter((s) => !s.ended && !s.erased && !flaggedBefore.has(s.contactId) && new Date(expected.get(s.recordId)!).getTime() < cutoff).length;
    expect(expectedMoved).toBeGreaterThan(200);
    expect(newlyDue).toBeGreaterThan(10);

    const result = await save(admin.actor, "prospecting", { years: 2 }, { batchSize: 25 });
    expect(result).toMatchObject({ ok: true });
    const jobId = result.ok ? result.recomputeJobId! : 0;
    // The answer came before any batch: the rule is saved, the job is open, nothing is moved yet.
    expect(await jobRow(jobId)).toMatchObject({ status: "running", recordsDone: 0, moved: 0, staffId: admin.id, purposeId: purposes.prospecting.id });
    expect(ruleOf((await getPurposeForAdmin(admin.actor, purposes.prospecting.id))!)).toEqual(to);

    // What the page polls: progress goes up batch by batch, never past the total.
    const seen: number[] = [];
    for (let view = await latestRecompute(admin.actor, purposes.prospecting.id); view!.status === "running"; view = await latestRecompute(admin.actor, purposes.prospecting.id)) {
      if (view!.recordsTotal !== null) {
        expect(view!.recordsTotal).toBe(300);
        seen.push(view!.recordsDone);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    await recomputeJobSettled(jobId);
    expect(seen.some((done) => done > 0 && done < 300)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    const after = stored();
    for (const s of seeded) expect(after.get(s.recordId), `record ${s.recordId}`).toBe(expected.get(s.recordId));
    // Nothing else moved: the newsletter records and every other purpose keep their dates.
    const mine = new Set(seeded.map((s) => s.recordId));
    for (const [id, ends] of before) if (!mine.has(id)) expect(after.get(id)).toBe(ends);

    const job = await jobRow(jobId);
    expect(job).toMatchObject({ status: "done", recordsDone: 300, recordsTotal: 300, moved: expectedMoved, flagged: newlyDue, cleared: 0 });
    expect(job.finishedAt).not.toBeNull();
    expect(flaggedContacts().size - flaggedBefore.size).toBe(newlyDue);
    const prisma = await db();
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "purpose.retention-recomputed", recordId: String(purposes.prospecting.id) }, orderBy: { id: "desc" }, select: { staffId: true, summary: true } });
    expect(audit.staffId).toBe(admin.id);
    expect(JSON.parse(audit.summary)).toMatchObject({ jobId, records: 300, moved: expectedMoved, flagged: newlyDue, cleared: 0, years: 2 });

    // Back to three years: every date as it was, and the contacts it flagged leave the queue.
    const back = await save(admin.actor, "prospecting", { years: 3 });
    await recomputeJobSettled(back.ok ? back.recomputeJobId! : 0);
    expect(await jobRow(back.ok ? back.recomputeJobId! : 0)).toMatchObject({ status: "done", moved: expectedMoved, flagged: 0, cleared: newlyDue });
    for (const s of seeded) expect(stored().get(s.recordId)).toBe(text(s.ends));
  });

  it("is resumed from where it stopped after a restart, moving no date twice, while interactions logged meanwhile keep the right rule", async () => {
    // Training: no training date held, so each date counts from `since`; 5 → 4 years moves each date back one year, once.
    const seeded = seedContacts("training", 120, (i) => ({ since: daysAgo(3 * i + 1) }));
    await sweepRetention();
    const result = await save(admin.actor, "training", { years: 4 }, { batchSize: 10, stopAfterBatches: 3 });
    const jobId = result.ok ? result.recomputeJobId! : 0;
    await recomputeJobSettled(jobId);
    // The process "stopped" after three batches: thirty records done, the job still marked running.
    const stopped = await jobRow(jobId);
    expect(stopped).toMatchObject({ status: "running", recordsDone: 30, recordsTotal: 120, moved: 30, afterContactId: seeded[29].contactId });
    const five: RetentionRule = { anchor: "trainingDate", years: 5, months: 0 };
    const four: RetentionRule = { anchor: "trainingDate", years: 4, months: 0 };
    expect(seeded.map((s) => stored().get(s.recordId))).toEqual(seeded.map((s, i) => (i < 30 ? moved(s, five, four) : text(s.ends))));

    // Meanwhile staff log interactions: a record not reached yet keeps the old rule (the job moves it later), a reached one the new.
    for (const s of [seeded[5], seeded[60]]) {
      expect(await logInteraction(sales.actor, s.contactId, { kind: "call", occurredOn: today.toISOString().slice(0, 10), summary: null })).toMatchObject({ ok: true });
    }
    const fourFromSince = text(retentionEndDate(four, { since: seeded[5].since }));
    expect([stored().get(seeded[5].recordId), stored().get(seeded[60].recordId)]).toEqual([fourFromSince, text(seeded[60].ends)]);
    // A record created after the change follows the new rule at once, and the job leaves it alone.
    const created = await createContact(sales.actor, contactSchema.parse({
      firstName: "Nadia", lastName: "After the change", stage: "lead", sourceKind: "phone", obtainedAt: daysAgo(10).toISOString().slice(0, 10), purposeIds: [String(purposes.training.id)],
    }));
    const createdId = created.ok ? created.id : 0;
    const prisma = await db();
    const newRecord = await prisma.processingRecord.findFirstOrThrow({ where: { contactId: createdId }, select: { id: true, retentionEndsAt: true } });
    expect(text(newRecord.retentionEndsAt)).toBe(text(addPeriod(daysAgo(10), { years: 4, months: 0 })));

    // Start-up recovery: a fresh heartbeat may be a live process elsewhere; once stale, the job is taken over and finished.
    expect(await recoverRecomputeJobs()).toEqual([]);
    expect(await recoverRecomputeJobs({ staleAfterMs: 0 })).toEqual([jobId]);
    await recomputeJobSettled(jobId);
    expect(await jobRow(jobId)).toMatchObject({ status: "done", recordsDone: 120, recordsTotal: 120, moved: 120 });
    // Each record moved exactly once: by the job, or (the reached one) recomputed by the interaction.
    expect(seeded.map((s) => stored().get(s.recordId))).toEqual(seeded.map((s, i) => (i === 5 ? fourFromSince : moved(s, five, four))));
    expect(text((await prisma.processingRecord.findUniqueOrThrow({ where: { id: newRecord.id } })).retentionEndsAt)).toBe(text(newRecord.retentionEndsAt));
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "purpose.retention-recomputed", recordId: String(purposes.training.id) }, orderBy: { id: "desc" }, select: { staffId: true } });
    expect(audit.staffId).toBe(admin.id);
    expect(await recoverRecomputeJobs({ staleAfterMs: 0 })).toEqual([]);
  });

  it("refuses another rule change until the recompute is done; a failed one is resumed by an admin", async () => {
    const seeded = seedContacts("offer-after-visit", 40, (i) => ({ since: daysAgo(2 * i + 1) }));
    const prisma = await db();
    const purposeId = purposes["offer-after-visit"].id;
    const first = await save(admin.actor, "offer-after-visit", { months: 3 }, { batchSize: 10, stopAfterBatches: 1 });
    const jobId = first.ok ? first.recomputeJobId! : 0;
    await recomputeJobSettled(jobId);
    expect(await jobRow(jobId)).toMatchObject({ status: "running", recordsDone: 10 });

    const jobs = await prisma.retentionRecomputeJob.count();
    const audits = await prisma.auditEntry.count();
    expect(await save(admin.actor, "offer-after-visit", { months: 2 })).toEqual({ ok: false, reason: "RECOMPUTE_RUNNING" });
    expect(ruleOf((await getPurposeForAdmin(admin.actor, purposeId))!)).toEqual({ anchor: "visit", years: 0, months: 3 });
    expect([await prisma.retentionRecomputeJob.count(), await prisma.auditEntry.count()]).toEqual([jobs, audits]);
    // The other fields still save, without a new job.
    expect(await save(admin.actor, "offer-after-visit", { nameEn: "Offer after a visit" })).toEqual({ ok: true, recomputeJobId: null });
    // Through the page: the form answers 409 with a message a person can act on.
    const page = "_app.admin.purposes.$purposeId.tsx";
    const url = `/admin/purposes/${purposeId}`;
    const refused = await callRoute(page, "action", url, { cookie: await sessionCookieOf(admin.id), params: { purposeId: String(purposeId) }, body: { intent: "save", ...(await formWith("offer-after-visit", { months: 1 })) } });
    expect([refused.status, refused.payload]).toEqual([409, { errors: null, formError: "purposeAdmin.recompute.busy" }]);

    // A batch that fails (here a trigger refuses one record's update) rolls back with its progress; the job is marked failed.
    const victim = seeded[25].recordId;
    rawDb().exec(`CREATE TRIGGER "test_refuse_update" BEFORE UPDATE OF "retentionEndsAt" ON "ProcessingRecord" WHEN NEW.id = ${victim} BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    expect(await recoverRecomputeJobs({ staleAfterMs: 0 })).toEqual([jobId]);
    await recomputeJobSettled(jobId);
    const failed = await jobRow(jobId);
    expect(failed).toMatchObject({ status: "failed", error: "disk I/O error" });
    expect(failed.recordsDone).toBeLessThan(40);
    expect(await save(admin.actor, "offer-after-visit", { months: 2 })).toEqual({ ok: false, reason: "RECOMPUTE_RUNNING" });
    expect((await latestRecompute(admin.actor, purposeId))!.status).toBe("failed");

    // Only an admin resumes it, and only a stopped one.
    await expect(resumeRecompute(sales.actor, purposeId)).rejects.toMatchObject({ status: 403 });
    rawDb().exec(`DROP TRIGGER "test_refuse_update"`);
    const resumed = await callRoute(page, "action", url, { cookie: await sessionCookieOf(admin.id), params: { purposeId: String(purposeId) }, body: { intent: "resume" } });
    expect([resumed.status, resumed.location, resumed.flash?.key]).toEqual([302, url, "purposeAdmin.recompute.resumed"]);
    await recomputeJobSettled(jobId);
    expect(await jobRow(jobId)).toMatchObject({ status: "done", recordsDone: 40, moved: 40, error: null });
    const six: RetentionRule = { anchor: "visit", years: 0, months: 6 };
    const three: RetentionRule = { anchor: "visit", years: 0, months: 3 };
    expect(seeded.map((s) => stored().get(s.recordId))).toEqual(seeded.map((s) => moved(s, six, three)));
    expect(await resumeRecompute(admin.actor, purposeId)).toEqual({ ok: false, reason: "NOTHING_TO_RESUME" });
    // Done: the rule may change again.
    const again = await save(admin.actor, "offer-after-visit", { months: 6 });
    await recomputeJobSettled(again.ok ? again.recomputeJobId! : 0);
    expect(seeded.map((s) => stored().get(s.recordId))).toEqual(seeded.map((s) => moved(s, three, six, new Date(moved(s, six, three)!))));
  });

  it("is for admins only: the page, the save and the progress", async () => {
    const manager = await createTestStaff({ role: "manager" });
    const purposeId = purposes.newsletter.id;
    const page = "_app.admin.purposes.$purposeId.tsx";
    const url = `/admin/purposes/${purposeId}`;
    const params = { purposeId: String(purposeId) };
    const body = { intent: "save", ...(await formWith("newsletter", { months: 1 })) };
    for (const who of [sales, manager]) {
      const cookie = await sessionCookieOf(who.id);
      expect((await callRoute(page, "loader", url, { cookie, params })).status).toBe(403);
      expect((await callRoute(page, "action", url, { cookie, params, body })).status).toBe(403);
      expect((await callRoute(page, "action", url, { cookie, params, body: { intent: "resume" } })).status).toBe(403);
      expect((await callRoute("_app.admin.purposes._index.tsx", "loader", "/admin/purposes", { cookie })).status).toBe(403);
      await expect(updatePurpose(who.actor, purposeId, purposeSchema.parse(body))).rejects.toMatchObject({ status: 403 });
      await expect(latestRecompute(who.actor, purposeId)).rejects.toMatchObject({ status: 403 });
    }
    expect(await (await db()).retentionRecomputeJob.count({ where: { purposeId } })).toBe(0);

    // The admin's save goes back to the purpose's page, which shows the recompute; the list shows it while it runs.
    const cookie = await sessionCookieOf(admin.id);
    const saved = await callRoute(page, "action", url, { cookie, params, body });
    expect([saved.status, saved.location, saved.flash?.key]).toEqual([302, url, "purposeAdmin.savedRecomputing"]);
    const list = await callRoute("_app.admin.purposes._index.tsx", "loader", "/admin/purposes", { cookie });
    expect((list.payload as { recomputes: { purposeId: number; status: string }[] }).recomputes).toEqual([expect.objectContaining({ purposeId, status: "running" })]);
    const job = await (await db()).retentionRecomputeJob.findFirstOrThrow({ where: { purposeId }, select: { id: true } });
    await recomputeJobSettled(job.id);
    const shown = await callRoute(page, "loader", url, { cookie, params });
    expect((shown.payload as { recompute: unknown }).recompute).toMatchObject({ id: job.id, status: "done", sweeping: false });
    expect(((await callRoute("_app.admin.purposes._index.tsx", "loader", "/admin/purposes", { cookie })).payload as { recomputes: unknown[] }).recomputes).toEqual([]);
  });
});
