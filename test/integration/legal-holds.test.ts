import { describe, expect, it } from "vitest";
import { logInteraction } from "~/domain/contacts/contact-detail.server";
import { eraseContact } from "~/domain/privacy/erasure.server";
import { liftLegalHold, listLegalHolds } from "~/domain/privacy/legal-holds.server";
import { decideRetention, decideRetentionBulk, listReviewQueue } from "~/domain/privacy/retention-review.server";
import { sweepRetention } from "~/domain/privacy/retention-sweep.server";
import type { Actor } from "~/domain/staff/roles";
import { db } from "~/lib/db.server";
import { createTestStaff } from "../db-utils";
import { makeContact, purposesByCode } from "../privacy-fixtures";
import { callRoute, sessionCookieOf } from "./route-harness";

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
/** Prospecting keeps data 3 years after the last interaction: obtained 4 years ago without one, it has run out. */
const FOUR_YEARS_AGO = iso(new Date(Date.now() - 4 * 366 * DAY));

async function heldProspect(sales: Actor, manager: Actor, reason = "Court case 2026/123") {
  const id = await makeContact(sales, ["prospecting"], { obtainedAt: FOUR_YEARS_AGO });
  await sweepRetention();
  expect(await decideRetention(manager, id, { kind: "hold", reason })).toEqual({ ok: true });
  return id;
}

async function allHeld(actor: Actor, filter: Parameters<typeof listLegalHolds>[1] = {}) {
  const entries = [];
  let cursor: string | undefined;
  do {
    const page = await listLegalHolds(actor, { ...filter, cursor });
    entries.push(...page.entries);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return entries;
}

async function inQueue(actor: Actor, id: number) {
  let cursor: string | undefined;
  do {
    const page = await listReviewQueue(actor, { cursor });
    if (page.entries.some((e) => e.id === id)) return true;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return false;
}

describe("the list of entries on legal hold", () => {
  it("shows who placed each hold, when and why, filtered and paged like the queue, to managers only", async () => {
    const sales = await createTestStaff();
    const otherSales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const first = await heldProspect(sales.actor, manager.actor);
    const others = [];
    for (let i = 0; i < 26; i += 1) others.push(await makeContact(otherSales.actor, ["prospecting"], { obtainedAt: FOUR_YEARS_AGO }));
    await sweepRetention();
    expect(await decideRetentionBulk(manager.actor, others, { kind: "hold", reason: "Audit by the tax office" })).toMatchObject({ done: 26 });
    const notHeld = await makeContact(sales.actor, ["prospecting"], { obtainedAt: FOUR_YEARS_AGO });

    const entries = await allHeld(manager.actor);
    const mine = [first, ...others];
    expect(entries.map((e) => e.id).sort((x, y) => x - y)).toEqual(mine.sort((x, y) => x - y));
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length); // keyset pages never repeat an entry
    expect(entries.map((e) => e.id)).not.toContain(notHeld);
    const entry = entries.find((e) => e.id === first)!;
    expect(entry).toMatchObject({ heldBy: manager.name, reasons: ["Court case 2026/123"], owner: sales.name });
    expect(entry.purposes.map((p) => p.names.nameEn)).toEqual(["Prospecting"]);
    expect(Math.abs(entry.heldAt.getTime() - Date.now())).toBeLessThan(60_000);

    expect((await allHeld(manager.actor, { owner: sales.id })).map((e) => e.id)).toEqual([first]);
    expect((await allHeld(manager.actor, { owner: otherSales.id })).length).toBe(26);
    const { newsletter, prospecting } = await purposesByCode();
    expect(await allHeld(manager.actor, { purpose: newsletter.id })).toEqual([]);
    expect((await allHeld(manager.actor, { purpose: prospecting.id })).length).toBe(27);
    expect(await allHeld(manager.actor, { since: iso(new Date(Date.now() + 2 * DAY)) })).toEqual([]);

    await expect(listLegalHolds(sales.actor, {})).rejects.toMatchObject({ status: 403 });
  });
});

describe("lifting a legal hold", () => {
  it("is logged with who, when and why, and flags the entry again at once when its retention has run out", async () => {
    const sales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const id = await heldProspect(sales.actor, manager.actor);
    expect(await eraseContact(manager.actor, id, { reason: "try" })).toEqual({ ok: false, reason: "LEGAL_HOLD" });
    expect(await inQueue(manager.actor, id)).toBe(false);

    const started = new Date();
    expect(await liftLegalHold(manager.actor, id, "Dispute settled on 3 March")).toEqual({ ok: true, flagged: true });

    const prisma = await db();
    const records = await prisma.processingRecord.findMany({ where: { contactId: id }, select: { id: true, legalHoldReason: true, legalHoldAt: true, retentionFlag: { select: { flaggedAt: true } } } });
    expect(records).toEqual([{ id: records[0].id, legalHoldReason: null, legalHoldAt: null, retentionFlag: { flaggedAt: expect.any(Date) } }]);
    // Back in the review queue, under its owner (the flag keeps the owner for the queue's filter).
    expect(await prisma.contactRetentionFlag.findUnique({ where: { contactId: id }, select: { ownerId: true } })).toEqual({ ownerId: sales.id });
    const decision = await prisma.retentionDecision.findFirstOrThrow({ where: { contactId: id, decision: "lift-hold" }, select: { id: true, processingRecordId: true, reason: true, staffId: true, at: true } });
    expect(decision).toMatchObject({ processingRecordId: records[0].id, reason: "Dispute settled on 3 March", staffId: manager.id });
    expect(decision.at.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "retention.hold-lifted", recordId: String(id) }, select: { staffId: true, ip: true, at: true, summary: true } });
    expect(audit).toMatchObject({ staffId: manager.id, ip: "127.0.0.1" });
    expect(audit.at.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
    expect(JSON.parse(audit.summary)).toEqual({ records: [records[0].id], purposes: ["prospecting"], decisionIds: [decision.id], flagged: ["prospecting"] });

    // Back in the queue now, and the sweep agrees: it changes nothing.
    expect(await inQueue(manager.actor, id)).toBe(true);
    expect(await allHeld(manager.actor, { owner: sales.id })).toEqual([]);
    expect(await sweepRetention()).toMatchObject({ flaggedRecords: 0, clearedRecords: 0, flaggedContacts: 0, clearedContacts: 0 });
    expect(await inQueue(manager.actor, id)).toBe(true);
    // And a manager may now erase it.
    expect(await decideRetention(manager.actor, id, { kind: "erase", reason: "no longer needed" })).toEqual({ ok: true });
  });

  it("leaves an entry whose retention runs on out of the queue, for the sweep too", async () => {
    const sales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const id = await heldProspect(sales.actor, manager.actor);
    // A call during the hold: prospecting now runs three years from today.
    await logInteraction(sales.actor, id, { kind: "call", occurredOn: iso(new Date()), summary: null });
    expect(await liftLegalHold(manager.actor, id, "Dispute settled")).toEqual({ ok: true, flagged: false });
    expect(await inQueue(manager.actor, id)).toBe(false);
    await sweepRetention();
    expect(await inQueue(manager.actor, id)).toBe(false);
  });

  it("is refused to sales, for an entry not on hold, and changes nothing then", async () => {
    const sales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const held = await heldProspect(sales.actor, manager.actor);
    const notHeld = await makeContact(sales.actor, ["prospecting"]);
    const prisma = await db();
    const writes = async () => [await prisma.auditEntry.count(), await prisma.retentionDecision.count()];
    const before = await writes();

    await expect(liftLegalHold(sales.actor, held, "I think it is over")).rejects.toMatchObject({ status: 403 });
    expect(await liftLegalHold(manager.actor, notHeld, "x")).toEqual({ ok: false, reason: "NOT_HELD" });
    expect(await liftLegalHold(manager.actor, 999_999, "x")).toEqual({ ok: false, reason: "NOT_FOUND" });
    expect(await writes()).toEqual(before);
    expect((await prisma.processingRecord.findFirstOrThrow({ where: { contactId: held }, select: { legalHoldReason: true } })).legalHoldReason).toBe("Court case 2026/123");

    expect(await liftLegalHold(manager.actor, held, "Settled")).toMatchObject({ ok: true });
    expect(await liftLegalHold(manager.actor, held, "Settled twice")).toEqual({ ok: false, reason: "NOT_HELD" });
  });
});

describe("the legal-hold page /privacy/holds", () => {
  it("lists and lifts for a manager, asks for a reason, and answers 403 to sales", async () => {
    const sales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const id = await heldProspect(sales.actor, manager.actor);
    const file = "_app.privacy.holds.tsx";
    const asManager = await sessionCookieOf(manager.id);
    const asSales = await sessionCookieOf(sales.id);

    const url = `/privacy/holds?owner=${sales.id}`;
    const page = await callRoute(file, "loader", url, { cookie: asManager });
    expect(page.status).toBe(200);
    expect((page.payload as { entries: { id: number; heldBy: string; purposes: { purpose: string }[] }[] }).entries).toEqual([
      expect.objectContaining({ id, heldBy: manager.name, purposes: [expect.objectContaining({ purpose: expect.any(String) })] }),
    ]);
    expect((await callRoute(file, "loader", "/privacy/holds", { cookie: asSales })).status).toBe(403);
    expect((await callRoute(file, "action", "/privacy/holds", { cookie: asSales, body: { intent: "lift", contactId: String(id), reason: "x" } })).status).toBe(403);

    const noReason = await callRoute(file, "action", "/privacy/holds", { cookie: asManager, body: { intent: "lift", contactId: String(id), reason: " " } });
    expect([noReason.status, noReason.fieldErrors]).toEqual([400, ["review.reasonRequired"]]);

    const lifted = await callRoute(file, "action", "/privacy/holds?owner=unassigned", { cookie: asManager, body: { intent: "lift", contactId: String(id), reason: "Dispute settled" } });
    expect([lifted.status, lifted.location, lifted.flash?.kind, lifted.flash?.key]).toEqual([302, "/privacy/holds?owner=unassigned", "success", "holds.done.liftedFlagged"]);
    const again = await callRoute(file, "action", "/privacy/holds", { cookie: asManager, body: { intent: "lift", contactId: String(id), reason: "Dispute settled" } });
    expect([again.status, again.flash?.kind, again.flash?.key]).toEqual([302, "error", "review.NOT_HELD"]);
    expect(((await callRoute(file, "loader", url, { cookie: asManager })).payload as { entries: unknown[] }).entries).toEqual([]);
  });
});
