import { describe, expect, it } from "vitest";
import { setRestriction } from "~/domain/contacts/contact-detail.server";
import { countOverdueNotices, listOverdueNotices, markNoticeSent, NOTICE_PAGE_SIZE } from "~/domain/privacy/art14.server";
import { recordConsent, withdrawConsent } from "~/domain/privacy/consent.server";
import { eraseContact } from "~/domain/privacy/erasure.server";
import { explainMailing, exportMailingCsv } from "~/domain/privacy/mailing-export.server";
import { addManualSuppression } from "~/domain/privacy/suppression-list.server";
import { db } from "~/lib/db.server";
import { createTestStaff } from "../db-utils";
import { makeContact, purposesByCode } from "../privacy-fixtures";

describe("overdue Art. 14 notices", () => {
  it("lists unsent notices past their due day, oldest first, by keyset pages, until one is recorded as sent", async () => {
    const manager = await createTestStaff({ role: "manager" });
    const sales = await createTestStaff();
    const overdue: number[] = [];
    for (let i = 0; i < NOTICE_PAGE_SIZE + 3; i += 1) {
      const day = String((i % 28) + 1).padStart(2, "0");
      overdue.push(await makeContact(manager.actor, ["prospecting"], { sourceKind: "trade-fair", obtainedAt: `2026-0${1 + Math.floor(i / 28)}-${day}` }));
    }
    const today = new Date().toISOString().slice(0, 10);
    const notYetDue = await makeContact(manager.actor, ["prospecting"], { sourceKind: "trade-fair", obtainedAt: today });
    const ownData = await makeContact(manager.actor, ["prospecting"], { sourceKind: "phone", obtainedAt: "2026-01-02" });

    const first = await listOverdueNotices(manager.actor);
    expect(first.rows).toHaveLength(NOTICE_PAGE_SIZE);
    expect(first.nextCursor).not.toBeNull();
    const second = await listOverdueNotices(manager.actor, first.nextCursor!);
    const listed = [...first.rows, ...second.rows];
    expect(second.nextCursor).toBeNull();
    expect(listed.map((r) => r.id).sort((a, b) => a - b)).toEqual(overdue);
    const dues = listed.map((r) => r.noticeDueAt.getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(listed.some((r) => r.id === notYetDue || r.id === ownData)).toBe(false);
    expect(await countOverdueNotices(manager.actor, 10)).toEqual({ count: 10, more: true });

    const target = listed[0].id;
    expect(await markNoticeSent(manager.actor, { contactId: target, sentOn: "2025-12-31", channel: "letter" })).toEqual({ ok: false, reason: "NOTICE_BEFORE_OBTAINED" });
    expect(await markNoticeSent(manager.actor, { contactId: target, sentOn: today, channel: "letter" })).toEqual({ ok: true });
    expect(await markNoticeSent(manager.actor, { contactId: target, sentOn: today, channel: "letter" })).toEqual({ ok: false, reason: "NOTICE_ALREADY_SENT" });
    expect(await markNoticeSent(manager.actor, { contactId: ownData, sentOn: today, channel: "email" })).toEqual({ ok: false, reason: "NOTICE_NOT_DUE" });
    expect((await listOverdueNotices(manager.actor)).rows.some((r) => r.id === target)).toBe(false);
    const prisma = await db();
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: target }, select: { noticeChannel: true } })).toEqual({ noticeChannel: "letter" });
    expect(await prisma.auditEntry.count({ where: { action: "contact.notice-sent", recordId: String(target) } })).toBe(1);
    await expect(listOverdueNotices(sales.actor)).rejects.toMatchObject({ status: 403 });
  }, 60_000);
});

async function readCsv(stream: ReadableStream<Uint8Array>) {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return { bom: [...bytes.slice(0, 3)], lines: new TextDecoder().decode(bytes).trim().split("\r\n") };
}

describe("the mailing list of a consent purpose", () => {
  it("holds only current consents: not withdrawn, restricted, erased, e-mail-less or suppressed", async () => {
    const manager = await createTestStaff({ role: "manager" });
    const sales = await createTestStaff();
    const p = await purposesByCode();
    const give = (id: number) => recordConsent(manager.actor, id, { purposeId: p.newsletter.id, at: new Date("2026-02-01T10:00:00Z"), channel: "form", wording: "v1" });
    const make = async (email: string | null, firstName = "Anke") => {
      const id = await makeContact(manager.actor, ["prospecting"], { email: email ?? "", firstName });
      await give(id);
      return id;
    };
    await make("keep@example.test", "=SUM(1;2)");
    const withdrawn = await make("withdrawn@example.test");
    await withdrawConsent(manager.actor, withdrawn, { purposeId: p.newsletter.id, at: new Date("2026-03-01T10:00:00Z"), channel: "email" });
    await setRestriction(manager.actor, await make("restricted@example.test"), true, "contested");
    await make("suppressed@example.test");
    await addManualSuppression(manager.actor, "SUPPRESSED@example.test");
    await make(null);
    await eraseContact(manager.actor, await make("erased@example.test"), { reason: "test" });
    await makeContact(manager.actor, ["prospecting"], { email: "never@example.test" });
    const regiven = await make("regiven@example.test");
    await withdrawConsent(manager.actor, regiven, { purposeId: p.newsletter.id, at: new Date("2026-03-01T10:00:00Z"), channel: "email" });
    await recordConsent(manager.actor, regiven, { purposeId: p.newsletter.id, at: new Date("2026-04-01T10:00:00Z"), channel: "paper", wording: "v2" });

    const result = await exportMailingCsv(manager.actor, p.newsletter.id, { delimiter: ";", t: (key) => key });
    if (!result.ok) throw new Error(result.reason);
    const { bom, lines } = await readCsv(result.stream);
    expect(bom).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[0]).toBe("contact.email;contact.firstName;contact.lastName;contact.language;contact.organisation");
    expect(lines.slice(1).map((l) => l.split(";")[0]).sort()).toEqual(["keep@example.test", "regiven@example.test"]);
    expect(lines.find((l) => l.startsWith("keep@"))).toContain(`"'=SUM(1;2)"`);

    expect(await exportMailingCsv(manager.actor, p.prospecting.id, { delimiter: ";", t: (k) => k })).toEqual({ ok: false, reason: "PURPOSE_NOT_CONSENT" });
    await expect(exportMailingCsv(sales.actor, p.newsletter.id, { delimiter: ";", t: (k) => k })).rejects.toMatchObject({ status: 403 });
    const prisma = await db();
    expect(await prisma.auditEntry.count({ where: { action: "mailing.exported", recordId: String(p.newsletter.id) } })).toBe(1);
  });

  it("walks the purpose index, not the contact table", () => {
    const plan = explainMailing().join("\n");
    expect(plan).toMatch(/SEARCH pr USING (COVERING )?INDEX ProcessingRecord_purposeId_contactId_idx/);
    expect(plan).toMatch(/SEARCH c USING INTEGER PRIMARY KEY/);
    expect(plan).not.toMatch(/SCAN c\b/);
  });
});
