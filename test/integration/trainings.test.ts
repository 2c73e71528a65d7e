import { describe, expect, it } from "vitest";
import { logInteraction } from "~/domain/contacts/contact-detail.server";
import { translator } from "~/lib/i18n/i18next.server";
import { attendanceCsv, getSessionSheet, issueCertificates, saveSessionAttendance } from "~/domain/trainings/attendance.server";
import { cancelRegistration, registerContact } from "~/domain/trainings/registrations.server";
import { trainingSchema } from "~/domain/trainings/training.schema";
import { addSession, createTraining, getTraining } from "~/domain/trainings/trainings.server";
import type { Actor } from "~/domain/staff/roles";
import { db } from "~/lib/db.server";
import { createTestStaff } from "../db-utils";
import { makeContact } from "./quote-helpers";

async function training(actor: Actor, capacity: number, date = "2027-03-15") {
  const input = trainingSchema.parse({ title: "GDPR for sales", trainer: "Anke Peeters", capacity: String(capacity), date, startTime: "09:00", endTime: "17:00", place: "Gent" });
  return (await createTraining(actor, input)).id;
}

describe("registrations", () => {
  it("seat people up to capacity, then keep a waiting list, promoting the first when someone cancels", async () => {
    const sales = await createTestStaff();
    const id = await training(sales.actor, 2);
    const [a, b, c, d] = [await makeContact(sales.actor), await makeContact(sales.actor), await makeContact(sales.actor), await makeContact(sales.actor)];
    const ra = await registerContact(sales.actor, id, a);
    const rb = await registerContact(sales.actor, id, b);
    const rc = await registerContact(sales.actor, id, c);
    const rd = await registerContact(sales.actor, id, d);
    expect([ra, rb, rc, rd].map((r) => (r.ok ? [r.status, r.waitlistPosition] : r.reason))).toEqual([
      ["registered", null], ["registered", null], ["waitlisted", 1], ["waitlisted", 2],
    ]);
    expect(await registerContact(sales.actor, id, a)).toEqual({ ok: false, reason: "ALREADY_REGISTERED" });
    if (!ra.ok || !rc.ok || !rd.ok) throw new Error("registration failed");
    expect(await cancelRegistration(sales.actor, ra.id)).toEqual({ ok: true, promotedId: rc.id });
    const detail = (await getTraining(sales.actor, id))!;
    expect(detail.seatsTaken).toBe(2);
    expect(detail.registrations.find((r) => r.id === rc.id)).toMatchObject({ status: "registered", waitlistPosition: null });
    expect(detail.registrations.find((r) => r.id === rd.id)).toMatchObject({ status: "waitlisted", waitlistPosition: 2 });
    // Cancelling from the waiting list frees no seat: nobody moves up.
    expect(await cancelRegistration(sales.actor, rd.id)).toEqual({ ok: true, promotedId: null });
    // Registering again after cancelling: a new place at the back.
    const again = await registerContact(sales.actor, id, a);
    expect(again).toMatchObject({ ok: true, status: "waitlisted", waitlistPosition: 1 });
    const prisma = await db();
    expect(await prisma.auditEntry.count({ where: { action: { startsWith: "registration." }, recordType: "registration" } })).toBeGreaterThanOrEqual(8);
  });

  it("are made by sales only for contacts they may edit", async () => {
    const owner = await createTestStaff();
    const other = await createTestStaff();
    const id = await training(other.actor, 5);
    const contactId = await makeContact(owner.actor);
    expect(await registerContact(other.actor, id, contactId)).toEqual({ ok: false, reason: "CONTACT_NOT_OWNER" });
    const ok = await registerContact(owner.actor, id, contactId);
    if (!ok.ok) throw new Error(ok.reason);
    expect(await cancelRegistration(other.actor, ok.id)).toEqual({ ok: false, reason: "CONTACT_NOT_OWNER" });
  });

  it("open the training processing record, kept 5 years after the training's last day", async () => {
    const sales = await createTestStaff();
    const id = await training(sales.actor, 5, "2027-03-15");
    const contactId = await makeContact(sales.actor);
    expect((await registerContact(sales.actor, id, contactId)).ok).toBe(true);
    const prisma = await db();
    const record = () => prisma.processingRecord.findFirst({ where: { contactId, purpose: { code: "training" } }, select: { legalBasis: true, retentionEndsAt: true } });
    expect(await record()).toEqual({ legalBasis: "contract", retentionEndsAt: new Date("2032-03-15T00:00:00Z") });
    // A later session moves the date; other changes to the contact keep it.
    expect((await addSession(sales.actor, id, { date: "2027-04-02", startTime: "09:00", endTime: "12:00", place: null, online: true })).ok).toBe(true);
    expect((await record())?.retentionEndsAt).toEqual(new Date("2032-04-02T00:00:00Z"));
    await logInteraction(sales.actor, contactId, { kind: "note", occurredOn: "2026-02-01", summary: null });
    expect((await record())?.retentionEndsAt).toEqual(new Date("2032-04-02T00:00:00Z"));
  });
});

describe("attendance and certificates", () => {
  it("is marked for a whole session at once; certificates go only to those who attended every session", async () => {
    const sales = await createTestStaff();
    const trainer = await createTestStaff();
    const id = await training(sales.actor, 3);
    await addSession(sales.actor, id, { date: "2027-03-16", startTime: "09:00", endTime: "12:00", place: "Gent", online: false });
    const regs: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await registerContact(sales.actor, id, await makeContact(sales.actor));
      if (!r.ok) throw new Error(r.reason);
      regs.push(r.id);
    }
    const [first, second] = (await getTraining(sales.actor, id))!.sessions;
    const sheet = (await getSessionSheet(id, first.id))!;
    expect(sheet.registrants.map((r) => r.id).sort()).toEqual(regs.slice(0, 3).sort()); // the waitlisted one is not on the sheet
    // Any member of staff records attendance.
    expect(await saveSessionAttendance(trainer.actor, id, first.id, { marks: [{ registrationId: regs[0], status: "attended" }, { registrationId: regs[1], status: "attended" }, { registrationId: regs[2], status: "no-show" }] })).toEqual({ ok: true, saved: 3 });
    expect(await saveSessionAttendance(trainer.actor, id, first.id, { marks: [{ registrationId: regs[3], status: "attended" }] })).toEqual({ ok: false, reason: "NOT_REGISTERED" });
    expect(await saveSessionAttendance(trainer.actor, id, second.id, { marks: [{ registrationId: regs[0], status: "attended" }, { registrationId: regs[1], status: "no-show" }, { registrationId: regs[2], status: "no-show" }] })).toEqual({ ok: true, saved: 3 });
    expect((await getSessionSheet(id, second.id))!.registrants.find((r) => r.id === regs[1])?.mark).toBe("no-show");
    const detail = (await getTraining(sales.actor, id))!;
    const status = (rid: number) => detail.registrations.find((r) => r.id === rid)!;
    expect([status(regs[0]).status, status(regs[1]).status, status(regs[2]).status]).toEqual(["attended", "attended", "no-show"]);
    expect(await issueCertificates(trainer.actor, id)).toEqual({ ok: true, issued: 1 });
    const after = (await getTraining(sales.actor, id))!;
    expect(after.registrations.filter((r) => r.certificateIssuedOn).map((r) => r.id)).toEqual([regs[0]]);
    expect(await issueCertificates(trainer.actor, id)).toEqual({ ok: true, issued: 0 }); // not twice
    const csv = (await attendanceCsv(id, await translator("en")))!;
    expect(csv.body.startsWith("\uFEFF")).toBe(true);
    expect(csv.body.split("\r\n").filter(Boolean)).toHaveLength(4); // header + 3 seated registrants
  });

  it("exports names that look like formulas as text", async () => {
    const sales = await createTestStaff();
    const id = await training(sales.actor, 3);
    const contactId = await makeContact(sales.actor, { firstName: "=HYPERLINK(\"http://x\")", lastName: "Evil" });
    await registerContact(sales.actor, id, contactId);
    const csv = (await attendanceCsv(id, await translator("nl")))!;
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});
