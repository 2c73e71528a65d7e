import { describe, expect, it } from "vitest";
import { getContactDetail, logInteraction, setRestriction } from "~/domain/contacts/contact-detail.server";
import { contactSchema, type ContactInput } from "~/domain/contacts/contact.schema";
import { createContact, updateContact } from "~/domain/contacts/contacts.server";
import { listPurposes } from "~/domain/purposes/purposes.server";
import { db, rawDb } from "~/lib/db.server";
import { createTestStaff } from "../db-utils";

let n = 0;
async function input(overrides: Record<string, unknown> = {}): Promise<ContactInput> {
  n += 1;
  const purposes = await listPurposes();
  const prospecting = purposes.find((p) => p.code === "prospecting")!;
  return contactSchema.parse({
    firstName: "Chloé", lastName: `Dubois${n}`, email: `chloe.${n}@example.test`, phone: "0470 12 34 56", stage: "lead",
    sourceKind: "phone", obtainedAt: "2026-01-15", purposeIds: [String(prospecting.id)], organisationName: "Schelde Logistics",
    tags: "training, vip", ...overrides,
  });
}

describe("creating a contact", () => {
  it("writes the contact with one processing record per purpose, the computed retention date and an audit entry", async () => {
    const sales = await createTestStaff();
    const result = await createContact(sales.actor, await input());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const detail = (await getContactDetail(sales.actor, result.id))!;
    expect(detail.phone).toBe("+32470123456");
    expect(detail.owner?.id).toBe(sales.id);
    expect(detail.processingRecords).toHaveLength(1);
    expect(detail.processingRecords[0].legalBasis).toBe("legitimate-interest");
    // Prospecting: 3 years after the last interaction (none yet: from when we obtained the data).
    expect(detail.processingRecords[0].retentionEndsAt?.toISOString()).toBe("2029-01-15T00:00:00.000Z");
    expect(detail.tags.map((t) => t.tag)).toEqual(["training", "vip"]);
    const prisma = await db();
    expect(await prisma.auditEntry.count({ where: { action: "contact.created", recordId: String(result.id) } })).toBe(1);
  });

  it("is refused without a processing record — by the schema, the domain and the database itself", async () => {
    const sales = await createTestStaff();
    const parsed = contactSchema.safeParse({ ...(await input()), purposeIds: [], obtainedAt: "2026-01-15" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.some((i) => i.message === "contact.needsPurpose")).toBe(true);
    expect(await createContact(sales.actor, { ...(await input()), purposeIds: [] })).toEqual({ ok: false, reason: "PURPOSE_UNKNOWN" });
    // Straight to the database, bypassing the domain: the trigger refuses it.
    expect(() =>
      rawDb().prepare(`INSERT INTO Contact (firstName, lastName, sortName, sourceKind, obtainedAt, updatedAt) VALUES ('No', 'Reason', 'reason no', 'phone', '2026-01-01T00:00:00.000+00:00', '2026-01-01T00:00:00.000+00:00')`).run(),
    ).toThrow(/processing record/);
    // And the last record of a contact cannot be deleted.
    const created = await createContact(sales.actor, await input());
    if (!created.ok) throw new Error("create failed");
    expect(() => rawDb().prepare("DELETE FROM ProcessingRecord WHERE contactId = ?").run(created.id)).toThrow(/processing record/);
  });

  it("keeps e-mails unique whatever their case, and warns about the same name in the same organisation", async () => {
    const sales = await createTestStaff();
    const first = await input({ email: "Jan.Peeters@Example.TEST", firstName: "Jan", lastName: "Peeters" });
    expect(first.email).toBe("jan.peeters@example.test");
    const created = await createContact(sales.actor, first);
    expect(created.ok).toBe(true);
    const sameEmail = await createContact(sales.actor, await input({ email: "JAN.PEETERS@example.test" }));
    expect(sameEmail.ok ? null : sameEmail.reason).toBe("EMAIL_TAKEN");
    const sameName = await createContact(sales.actor, await input({ email: "other@example.test", firstName: "jan", lastName: "PEETERS" }));
    expect(sameName.ok ? null : sameName.reason).toBe("DUPLICATE");
    const confirmed = await createContact(sales.actor, await input({ email: "other@example.test", firstName: "jan", lastName: "PEETERS", confirmDuplicate: "1" }));
    expect(confirmed.ok).toBe(true);
  });
});

describe("changing a contact", () => {
  it("is refused to sales for someone else's contact, allowed to managers", async () => {
    const owner = await createTestStaff();
    const otherSales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const created = await createContact(owner.actor, await input());
    if (!created.ok) throw new Error("create failed");
    const change = { ...(await input()), ownerId: owner.id, stage: "prospect" as const };
    expect(await updateContact(otherSales.actor, created.id, change)).toEqual({ ok: false, reason: "CONTACT_NOT_OWNER" });
    expect(await logInteraction(otherSales.actor, created.id, { kind: "call", occurredOn: "2026-02-01", summary: null })).toEqual({ ok: false, reason: "CONTACT_NOT_OWNER" });
    expect((await updateContact(manager.actor, created.id, change)).ok).toBe(true);
    // Sales may not give their contact to someone else.
    expect(await updateContact(owner.actor, created.id, { ...change, ownerId: otherSales.id })).toEqual({ ok: false, reason: "OWNER_NOT_ALLOWED" });
  });

  it("moves the retention date when an interaction is logged", async () => {
    const sales = await createTestStaff();
    const created = await createContact(sales.actor, await input());
    if (!created.ok) throw new Error("create failed");
    expect(await logInteraction(sales.actor, created.id, { kind: "meeting", occurredOn: "2026-06-30", summary: "Demo" })).toEqual({ ok: true });
    const detail = (await getContactDetail(sales.actor, created.id))!;
    expect(detail.lastInteractionAt?.toISOString().slice(0, 10)).toBe("2026-06-30");
    expect(detail.processingRecords[0].retentionEndsAt?.toISOString()).toBe("2029-06-30T00:00:00.000Z");
    expect(detail.interactions[0].kind).toBe("meeting");
  });

  it("is read-only for everyone while restricted, and only managers restrict", async () => {
    const sales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const created = await createContact(sales.actor, await input());
    if (!created.ok) throw new Error("create failed");
    await expect(setRestriction(sales.actor, created.id, true, "Art. 18 request")).rejects.toHaveProperty("status", 403);
    expect(await setRestriction(manager.actor, created.id, true, "Art. 18 request")).toEqual({ ok: true });
    expect(await updateContact(manager.actor, created.id, await input())).toEqual({ ok: false, reason: "CONTACT_RESTRICTED" });
    expect(await logInteraction(sales.actor, created.id, { kind: "call", occurredOn: "2026-02-01", summary: null })).toEqual({ ok: false, reason: "CONTACT_RESTRICTED" });
    expect(await setRestriction(manager.actor, created.id, false, null)).toEqual({ ok: true });
  });
});
