import { describe, expect, it } from "vitest";
import { setRestriction } from "~/domain/contacts/contact-detail.server";
import { consentHistory, consentOverview, recordConsent, withdrawConsent } from "~/domain/privacy/consent.server";
import { db, rawDb } from "~/lib/db.server";
import { createTestStaff } from "../db-utils";
import { makeContact, purposesByCode } from "../privacy-fixtures";

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
const wording = "Yes, send me the newsletter (form v3)";

async function recordFor(contactId: number, purposeId: number) {
  const prisma = await db();
  return prisma.processingRecord.findUnique({
    where: { contactId_purposeId: { contactId, purposeId } },
    select: { legalBasis: true, evidence: true, endedAt: true, retentionEndsAt: true },
  });
}

describe("the consent ledger", () => {
  it("keeps the proof of a consent after it is withdrawn, and the database refuses to remove or change it", async () => {
    const sales = await createTestStaff();
    const p = await purposesByCode();
    const id = await makeContact(sales.actor, ["prospecting"]);
    const given = await recordConsent(sales.actor, id, { purposeId: p.newsletter.id, at: day("2026-03-01"), channel: "form", wording });
    expect(given.ok).toBe(true);
    // Giving consent opened the processing record, with the wording as evidence.
    expect(await recordFor(id, p.newsletter.id)).toMatchObject({ legalBasis: "consent", evidence: wording, endedAt: null, retentionEndsAt: null });

    const withdrawn = await withdrawConsent(sales.actor, id, { purposeId: p.newsletter.id, at: day("2026-04-02"), channel: "email" });
    expect(withdrawn.ok).toBe(true);
    const history = await consentHistory(id);
    expect(history.map((h) => [h.kind, h.channel, h.wording])).toEqual([["withdrawn", "email", null], ["given", "form", wording]]);
    // Processing for the newsletter ended on the withdrawal day; "until withdrawn" now has its end.
    const record = await recordFor(id, p.newsletter.id);
    expect(record?.endedAt?.toISOString()).toBe("2026-04-02T12:00:00.000Z");
    expect(record?.retentionEndsAt?.toISOString()).toBe("2026-04-02T00:00:00.000Z");

    if (!given.ok) return;
    expect(() => rawDb().prepare(`DELETE FROM "ConsentEvent" WHERE "id" = ?`).run(given.eventId)).toThrow(/append-only/);
    expect(() => rawDb().prepare(`UPDATE "ConsentEvent" SET "wording" = 'other' WHERE "id" = ?`).run(given.eventId)).toThrow(/append-only/);
    expect((await consentHistory(id)).find((h) => h.id === given.eventId)?.wording).toBe(wording);

    const prisma = await db();
    const audit = await prisma.auditEntry.findMany({ where: { recordType: "contact", recordId: String(id), action: { startsWith: "consent." } }, select: { action: true, summary: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["consent.given", "consent.withdrawn"]);
    expect(audit.every((a) => !a.summary.includes("newsletter (form"))).toBe(true);
  });

  it("gives the state per purpose, and a new consent re-opens ended processing", async () => {
    const sales = await createTestStaff();
    const p = await purposesByCode();
    const id = await makeContact(sales.actor, ["prospecting"]);
    await recordConsent(sales.actor, id, { purposeId: p.newsletter.id, at: day("2026-02-01"), channel: "paper", wording });
    await recordConsent(sales.actor, id, { purposeId: p["offer-after-visit"].id, at: day("2026-02-03"), channel: "verbal", wording: "Offer after the visit of 3 Feb" });
    await withdrawConsent(sales.actor, id, { purposeId: p.newsletter.id, at: day("2026-02-10"), channel: "email" });

    const states = async () => Object.fromEntries((await consentOverview(sales.actor, id, "en"))!.purposes.map((r) => [r.code, r.state]));
    expect(await states()).toEqual({ "answering-inquiries": "none", newsletter: "withdrawn", "offer-after-visit": "given" });
    const overview = (await consentOverview(sales.actor, id, "en"))!;
    expect(overview.purposes.find((r) => r.code === "newsletter")).toMatchObject({ withdrawable: false, lastGiven: { channel: "paper", wording } });
    expect(overview.purposes.find((r) => r.code === "offer-after-visit")?.withdrawable).toBe(true);

    expect(await withdrawConsent(sales.actor, id, { purposeId: p.newsletter.id, at: day("2026-02-11"), channel: "email" })).toEqual({ ok: false, reason: "CONSENT_NOT_GIVEN" });
    expect(await recordConsent(sales.actor, id, { purposeId: p.newsletter.id, at: day("2026-02-05"), channel: "form", wording })).toEqual({ ok: false, reason: "CONSENT_DATE_BEFORE_LATEST" });
    expect(await recordConsent(sales.actor, id, { purposeId: p.prospecting.id, at: day("2026-02-20"), channel: "form", wording })).toEqual({ ok: false, reason: "PURPOSE_NOT_CONSENT" });

    expect((await recordConsent(sales.actor, id, { purposeId: p.newsletter.id, at: day("2026-03-01"), channel: "form", wording: "v4" })).ok).toBe(true);
    expect((await states()).newsletter).toBe("given");
    expect(await recordFor(id, p.newsletter.id)).toMatchObject({ endedAt: null, evidence: "v4", retentionEndsAt: null });
    expect(await consentHistory(id)).toHaveLength(4);
    // An event no staff member recorded (an import's): the ledger, read with a prepared statement,
    // is what the ledger's rows say through Prisma, names in the staff member's language.
    const prisma = await db();
    await prisma.consentEvent.create({ data: { contactId: id, purposeId: p["offer-after-visit"].id, kind: "withdrawn", at: day("2026-03-02"), channel: "import", wording: null, recordedById: null } });
    const events = await prisma.consentEvent.findMany({
      where: { contactId: id }, orderBy: [{ at: "desc" }, { id: "desc" }],
      select: { id: true, purposeId: true, kind: true, at: true, channel: true, wording: true, recordedById: true },
    });
    const purposes = new Map((await prisma.purpose.findMany({ select: { id: true, code: true, nameFr: true } })).map((x) => [x.id, x]));
    const staffNames = new Map((await prisma.staff.findMany({ select: { id: true, name: true } })).map((x) => [x.id, x.name]));
    const expected = events.map((e) => ({
      id: e.id, purposeId: e.purposeId, purposeCode: purposes.get(e.purposeId)!.code, purposeName: purposes.get(e.purposeId)!.nameFr, kind: e.kind, at: e.at,
      channel: e.channel, wording: e.wording, recordedBy: e.recordedById === null ? null : staffNames.get(e.recordedById),
    }));
    const page = (await consentOverview(sales.actor, id, "fr"))!;
    expect(await consentHistory(id, "fr")).toEqual(expected);
    expect(page.history).toEqual(expected);
    expect(page.history.map((h) => [h.kind, h.recordedBy])).toEqual([["withdrawn", null], ["given", sales.name], ["withdrawn", sales.name], ["given", sales.name], ["given", sales.name]]);
    expect(page.history[0].purposeName).not.toBe(page.history[0].purposeCode);
  });

  it("lets anyone withdraw for a restricted contact, but nobody record a new consent", async () => {
    const owner = await createTestStaff();
    const colleague = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const p = await purposesByCode();
    const id = await makeContact(owner.actor, ["prospecting"]);
    await recordConsent(owner.actor, id, { purposeId: p.newsletter.id, at: day("2026-02-01"), channel: "form", wording });
    // A colleague may not record consent on someone else's contact, but may record a withdrawal.
    expect(await recordConsent(colleague.actor, id, { purposeId: p["offer-after-visit"].id, at: day("2026-02-02"), channel: "form", wording })).toEqual({ ok: false, reason: "CONTACT_NOT_OWNER" });

    await setRestriction(manager.actor, id, true, "accuracy contested");
    expect(await recordConsent(owner.actor, id, { purposeId: p["offer-after-visit"].id, at: day("2026-02-03"), channel: "form", wording })).toEqual({ ok: false, reason: "CONTACT_RESTRICTED" });
    expect(await recordConsent(manager.actor, id, { purposeId: p["offer-after-visit"].id, at: day("2026-02-03"), channel: "form", wording })).toEqual({ ok: false, reason: "CONTACT_RESTRICTED" });
    expect((await withdrawConsent(colleague.actor, id, { purposeId: p.newsletter.id, at: day("2026-02-04"), channel: "verbal" })).ok).toBe(true);
    const overview = (await consentOverview(owner.actor, id, "en"))!;
    expect(overview.canRecord).toBe(false);
    expect(overview.recordDenied).toBe("CONTACT_RESTRICTED");
    expect(overview.purposes.find((r) => r.code === "newsletter")?.state).toBe("withdrawn");
  });

  it("ends the last processing record by update (never delete) and flags the contact for review", async () => {
    const sales = await createTestStaff();
    const p = await purposesByCode();
    // Entered on the contact form for the newsletter only: processing rests on consent with no ledger event yet.
    const id = await makeContact(sales.actor, ["newsletter"], { evidence: "signed up at the stand" });
    expect((await withdrawConsent(sales.actor, id, { purposeId: p.newsletter.id, at: day("2026-03-01"), channel: "email" })).ok).toBe(true);
    const prisma = await db();
    const contact = await prisma.contact.findUniqueOrThrow({ where: { id }, select: { ownerId: true, retentionFlag: { select: { flaggedAt: true, ownerId: true } }, processingRecords: { select: { endedAt: true } } } });
    expect(contact.processingRecords).toHaveLength(1);
    expect(contact.processingRecords[0].endedAt).not.toBeNull();
    expect(contact.retentionFlag?.flaggedAt).toBeInstanceOf(Date);
    expect(contact.ownerId).toBe(sales.id);
    expect(contact.retentionFlag?.ownerId).toBe(sales.id);
  });
});
