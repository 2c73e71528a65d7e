import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { logInteraction } from "~/domain/contacts/contact-detail.server";
import { buildAccessPack } from "~/domain/privacy/access-pack.server";
import { recordConsent } from "~/domain/privacy/consent.server";
import { eraseForRequest } from "~/domain/privacy/dsr-actions.server";
import { registerDsrSchema } from "~/domain/privacy/dsr.schema";
import { extendDsrRequest, linkDsrContact, listDsrs, registerDsr, verifyDsrIdentity } from "~/domain/privacy/dsr.server";
import { objectToMarketing } from "~/domain/privacy/objection.server";
import { isSuppressed } from "~/domain/privacy/suppression-list.server";
import { db } from "~/lib/db.server";
import { createTestStaff } from "../db-utils";
import { makeContact, purposesByCode } from "../privacy-fixtures";

const register = async (actor: Parameters<typeof registerDsr>[0], overrides: Record<string, string> = {}) => {
  const result = await registerDsr(actor, registerDsrSchema.parse({ type: "access", requesterName: "Chloé Dubois", requesterEmail: "", receivedOn: "2026-01-31", ...overrides }));
  return result.id;
};

describe("data-subject requests", () => {
  it("are due one month after receipt and can be extended once, by two months, within that month", async () => {
    const manager = await createTestStaff({ role: "manager" });
    const id = await register(manager.actor);
    const prisma = await db();
    const dueAt = async () => (await prisma.dataSubjectRequest.findUniqueOrThrow({ where: { id }, select: { dueAt: true } })).dueAt.toISOString();
    expect(await dueAt()).toBe("2026-02-28T00:00:00.000Z");
    expect(await extendDsrRequest(manager.actor, id, "   ", new Date("2026-02-10T09:00:00Z"))).toEqual({ ok: false, reason: "DSR_EXTENSION_REASON_REQUIRED" });
    expect(await extendDsrRequest(manager.actor, id, "Several linked files to gather", new Date("2026-02-10T09:00:00Z"))).toEqual({ ok: true });
    expect(await dueAt()).toBe("2026-04-28T00:00:00.000Z");
    expect(await extendDsrRequest(manager.actor, id, "Again", new Date("2026-02-11T09:00:00Z"))).toEqual({ ok: false, reason: "DSR_ALREADY_EXTENDED" });
    expect(await dueAt()).toBe("2026-04-28T00:00:00.000Z");

    const late = await register(manager.actor, { receivedOn: "2026-01-01" });
    expect(await extendDsrRequest(manager.actor, late, "Too late", new Date("2026-02-02T09:00:00Z"))).toEqual({ ok: false, reason: "DSR_EXTENSION_TOO_LATE" });
    const audit = await prisma.auditEntry.findMany({ where: { recordType: "dsr", recordId: String(id) }, select: { action: true, summary: true } });
    expect(audit.map((a) => a.action)).toEqual(["dsr.registered", "dsr.extended"]);
    expect(audit.some((a) => a.summary.includes("Chloé") || a.summary.includes("linked files"))).toBe(false);
  });

  it("are refused to sales staff", async () => {
    const sales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const id = await register(manager.actor);
    const contactId = await makeContact(sales.actor, ["prospecting"]);
    await expect(register(sales.actor)).rejects.toMatchObject({ status: 403 });
    await expect(listDsrs(sales.actor)).rejects.toMatchObject({ status: 403 });
    await expect(linkDsrContact(sales.actor, id, contactId)).rejects.toMatchObject({ status: 403 });
    await expect(buildAccessPack(sales.actor, id, "en")).rejects.toMatchObject({ status: 403 });
    await expect(objectToMarketing(sales.actor, contactId)).rejects.toMatchObject({ status: 403 });
  });
});

describe("the access pack", () => {
  it("is refused until identity is verified", async () => {
    const manager = await createTestStaff({ role: "manager" });
    const id = await register(manager.actor);
    expect(await buildAccessPack(manager.actor, id, "en")).toEqual({ ok: false, reason: "DSR_IDENTITY_NOT_VERIFIED" });
    await verifyDsrIdentity(manager.actor, id, { method: "known-email-reply", note: null });
    expect(await buildAccessPack(manager.actor, id, "en")).toEqual({ ok: false, reason: "DSR_NO_CONTACTS" });
    const erasure = await register(manager.actor, { type: "erasure" });
    expect(await buildAccessPack(manager.actor, erasure, "en")).toEqual({ ok: false, reason: "DSR_PACK_NOT_FOR_TYPE" });
    const prisma = await db();
    expect(await prisma.auditEntry.count({ where: { action: "dsr.pack-downloaded" } })).toBe(0);
  });

  it("holds everything on the person, in JSON, CSV and a summary in their language — and nobody else's data", async () => {
    const manager = await createTestStaff({ role: "manager", name: "Manon Manager" });
    const p = await purposesByCode();
    const prisma = await db();
    const subject = await makeContact(manager.actor, ["prospecting", "quotes-invoices"], {
      firstName: "Éloïse", lastName: "Vandamme", email: "eloise.vandamme@example.test", language: "fr",
      organisationName: "Schelde Logistics", jobTitle: "=HYPERLINK(\"http://x\")", sourceKind: "trade-fair",
    });
    const other = await makeContact(manager.actor, ["prospecting"], { firstName: "Oscar", lastName: "Otherperson", email: "oscar.other@example.test", organisationName: "Schelde Logistics" });
    await logInteraction(manager.actor, subject, { kind: "call", occurredOn: "2026-02-01", summary: "Asked about <script>alert(1)</script> training" });
    await logInteraction(manager.actor, other, { kind: "meeting", occurredOn: "2026-02-02", summary: "Oscar's private remark" });
    await recordConsent(manager.actor, subject, { purposeId: p.newsletter.id, at: new Date("2026-02-03T10:00:00Z"), channel: "paper", wording: "Newsletter card v2" });

    const fair = await prisma.tradeFair.create({ data: { name: "Logistics Days 2026", organiser: "Expo Flanders" }, select: { id: true } });
    const batch = await prisma.importBatch.create({ data: { staffId: manager.id, tradeFairId: fair.id, fileName: "logistics-days.csv", organiser: "Expo Flanders", status: "done" }, select: { id: true } });
    await prisma.importRow.createMany({ data: [{ batchId: batch.id, rowNumber: 7, outcome: "created", contactId: subject }, { batchId: batch.id, rowNumber: 8, outcome: "created", contactId: other }] });
    await prisma.contact.update({ where: { id: subject }, data: { tradeFairId: fair.id, importBatchId: batch.id } });
    await prisma.quote.create({ data: { number: "Q2026-0001", year: 2026, seq: 1, contactId: subject, quoteDate: new Date("2026-02-05"), validUntil: new Date("2026-03-05"), totalCents: 121000, lines: { create: [{ position: 1, description: "Excel training", quantityMilli: 1000, unitPriceCents: 100000, vatRate: 21 }] } } });
    await prisma.invoice.create({ data: { kind: "invoice", number: "F2026-0001", year: 2026, seq: 1, contactId: subject, language: "fr", issuedOn: new Date("2026-02-10"), dueOn: new Date("2026-03-12"), paymentTermsDays: 30, customerName: "Éloïse Vandamme", seller: "{}", lines: "[]", byRate: "[]", netCents: 100000, vatCents: 21000, totalCents: 121000 } });
    const training = await prisma.training.create({ data: { title: "Excel for logistics", trainer: "T. Rainer", capacity: 10, sessions: { create: [{ date: new Date("2026-03-01"), startTime: "09:00", endTime: "12:00" }] } }, select: { id: true, sessions: { select: { id: true } } } });
    const registration = await prisma.registration.create({ data: { trainingId: training.id, contactId: subject, status: "attended" }, select: { id: true } });
    await prisma.attendance.create({ data: { sessionId: training.sessions[0].id, registrationId: registration.id, status: "attended" } });

    const id = await register(manager.actor, { requesterEmail: "eloise.vandamme@example.test" });
    await linkDsrContact(manager.actor, id, subject);
    await verifyDsrIdentity(manager.actor, id, { method: "known-email-reply", note: "Replied from the address on file" });
    const pack = await buildAccessPack(manager.actor, id, "en");
    if (!pack.ok) throw new Error(pack.reason);
    expect(pack.fileName).toBe(`access-request-${id}.zip`);

    const raw = unzipSync(pack.zip);
    const files = Object.fromEntries(Object.entries(raw).map(([name, bytes]) => [name, strFromU8(bytes)]));
    expect(Object.keys(files).sort()).toEqual([
      "audit-entries.csv", "consents.csv", "contact.csv", "data.json", "import-provenance.csv", "interactions.csv", "invoices.csv",
      "processing-records.csv", "quotes.csv", "requests.csv", "summary.html", "trainings.csv",
    ]);
    const data = JSON.parse(files["data.json"]);
    expect(data.subjects).toHaveLength(1);
    const s = data.subjects[0];
    expect(s.contact).toMatchObject({ id: subject, firstName: "Éloïse", email: "eloise.vandamme@example.test" });
    expect(s.organisation.name).toBe("Schelde Logistics");
    expect(s.processingRecords.map((r: { purposeCode: string }) => r.purposeCode).sort()).toEqual(["newsletter", "prospecting", "quotes-invoices"]);
    expect(s.consents).toEqual([expect.objectContaining({ purposeCode: "newsletter", kind: "given", channel: "paper", wording: "Newsletter card v2" })]);
    expect(s.interactions).toEqual([expect.objectContaining({ kind: "call", summary: "Asked about <script>alert(1)</script> training" })]);
    expect(s.importProvenance.tradeFair.name).toBe("Logistics Days 2026");
    expect(s.importProvenance.rows).toEqual([expect.objectContaining({ batchId: batch.id, rowNumber: 7, outcome: "created" })]);
    expect(s.auditEntries.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(["contact.created", "interaction.logged", "consent.given"]));
    expect(s.quotes[0]).toMatchObject({ number: "Q2026-0001", lines: [expect.objectContaining({ description: "Excel training" })] });
    expect(s.invoices[0]).toMatchObject({ number: "F2026-0001", customerName: "Éloïse Vandamme" });
    expect(s.trainings[0]).toMatchObject({ training: "Excel for logistics", attendance: [expect.objectContaining({ status: "attended" })] });
    expect(s.requests).toEqual([expect.objectContaining({ id, type: "access" })]);

    // Nobody else: not the other contact of the same organisation and batch, not the staff who worked on it.
    for (const [name, text] of Object.entries(files)) {
      for (const foreign of ["Oscar", "oscar.other@example.test", "Otherperson", "Manon Manager", manager.email, "127.0.0.1"]) {
        expect(text.includes(foreign), `${name} contains ${foreign}`).toBe(false);
      }
    }
    expect(files["import-provenance.csv"]).not.toMatch(/;8;created/);
    // CSV: BOM, semicolons, formula guard. HTML: the contact's language (French), escaped.
    expect([...raw["contact.csv"].slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(files["contact.csv"].replace(/^\uFEFF/, "").startsWith("id;firstName;")).toBe(true);
    expect(files["contact.csv"]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(files["summary.html"]).toContain('<html lang="fr">');
    expect(files["summary.html"]).toContain("Vos données personnelles");
    expect(files["summary.html"]).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(files["summary.html"]).not.toContain("<script>");
    // Where no date is known yet, the criteria that set it (Art. 15(1)(d)), not a wrong "until consent is withdrawn".
    expect(s.processingRecords.find((r: { purposeCode: string }) => r.purposeCode === "newsletter").retentionRule).toEqual({ anchor: "consentWithdrawn", years: 0, months: 0 });
    expect(files["summary.html"]).toContain("Jusqu&#39;au retrait du consentement");
    expect(files["summary.html"]).toContain("10 ans après la fin de l&#39;année de la facture");

    const audit = await prisma.auditEntry.findMany({ where: { recordType: "dsr", recordId: String(id), action: "dsr.pack-downloaded" }, select: { staffId: true, summary: true } });
    expect(audit).toEqual([{ staffId: manager.id, summary: JSON.stringify({ contactIds: [subject] }) }]);
  });
});

describe("an objection to direct marketing (Art. 21(3))", () => {
  it("ends every marketing purpose at once, withdraws marketing consents and suppresses the e-mail", async () => {
    const manager = await createTestStaff({ role: "manager" });
    const p = await purposesByCode();
    const prisma = await db();
    const id = await makeContact(manager.actor, ["prospecting", "answering-inquiries"], { email: "object.me@example.test" });
    await recordConsent(manager.actor, id, { purposeId: p.newsletter.id, at: new Date("2026-02-01T10:00:00Z"), channel: "form", wording: "v1" });
    await recordConsent(manager.actor, id, { purposeId: p["offer-after-visit"].id, at: new Date("2026-02-01T10:00:00Z"), channel: "verbal", wording: "visit" });
    await recordConsent(manager.actor, id, { purposeId: p["answering-inquiries"].id, at: new Date("2026-02-01T10:00:00Z"), channel: "email", wording: "please answer" });
    const requestId = await register(manager.actor, { type: "objection" });
    expect(await objectToMarketing(manager.actor, id, requestId)).toEqual({ ok: false, reason: "DSR_CONTACT_NOT_FOUND" });
    await linkDsrContact(manager.actor, requestId, id);

    const result = await objectToMarketing(manager.actor, id, requestId, { channel: "email" });
    expect(result).toEqual({ ok: true, purposesEnded: ["newsletter", "offer-after-visit", "prospecting"], consentsWithdrawn: ["newsletter", "offer-after-visit"], suppressed: true });
    const records = await prisma.processingRecord.findMany({ where: { contactId: id }, select: { endedAt: true, purpose: { select: { code: true, marketing: true } } } });
    for (const r of records) expect(r.endedAt !== null, r.purpose.code).toBe(r.purpose.marketing);
    const events = await prisma.consentEvent.findMany({ where: { contactId: id, kind: "withdrawn" }, select: { purposeId: true } });
    expect(events.map((e) => e.purposeId).sort()).toEqual([p.newsletter.id, p["offer-after-visit"].id].sort());
    expect(await isSuppressed("Object.Me@example.test")).toBe(true);
    // Answering inquiries still rests on its consent: the contact is not flagged.
    expect(await prisma.contactRetentionFlag.findUnique({ where: { contactId: id } })).toBeNull();
    expect(await prisma.auditEntry.count({ where: { action: "contact.marketing-objection", recordId: String(id) } })).toBe(1);
  });
});

describe("erasure through a request", () => {
  it("waits for identity verification", async () => {
    const manager = await createTestStaff({ role: "manager" });
    const id = await makeContact(manager.actor, ["prospecting"], { email: "erase.me@example.test" });
    const requestId = await register(manager.actor, { type: "erasure" });
    await linkDsrContact(manager.actor, requestId, id);
    expect(await eraseForRequest(manager.actor, requestId, id)).toEqual({ ok: false, reason: "DSR_IDENTITY_NOT_VERIFIED" });
    await verifyDsrIdentity(manager.actor, requestId, { method: "in-person", note: null });
    expect(await eraseForRequest(manager.actor, requestId, id)).toEqual({ ok: true });
    const prisma = await db();
    expect((await prisma.contact.findUniqueOrThrow({ where: { id }, select: { erasedAt: true, email: true } }))).toMatchObject({ email: null, erasedAt: expect.any(Date) });
    expect(await isSuppressed("erase.me@example.test")).toBe(true);
  });
});
