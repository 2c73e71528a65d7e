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

describe("the contact page's read", () => {
  it("gives exactly what Prisma's nested select gives, for a contact with everything filled in", async () => {
    const sales = await createTestStaff();
    const purposes = await listPurposes();
    const created = await createContact(sales.actor, await input({ purposeIds: purposes.slice(0, 3).map((p) => p.id) }));
    if (!created.ok) throw new Error("create failed");
    const id = created.id;
    const prisma = await db();
    const fair = await prisma.tradeFair.create({ data: { name: `Read fair ${id}`, organiser: "Expo" }, select: { id: true } });
    const organisation = await prisma.organisation.create({ data: { name: `Read & Co ${id}`, sortName: `read & co ${id}` }, select: { id: true } });
    await prisma.contact.update({
      where: { id },
      data: { tradeFairId: fair.id, organisationId: organisation.id, restricted: true, restrictionReason: "asked", restrictedAt: new Date("2026-02-03T04:05:06.007Z"), noticeDueAt: new Date("2026-03-01T00:00:00Z") },
    });
    const records = await prisma.processingRecord.findMany({ where: { contactId: id }, orderBy: { id: "asc" }, select: { id: true, purposeId: true } });
    await prisma.processingRecord.update({ where: { id: records[1].id }, data: { endedAt: new Date("2026-04-05T00:00:00Z"), extendedUntil: new Date("2027-01-01T00:00:00Z"), legalHoldReason: "dispute" } });
    await prisma.retentionFlag.create({ data: { recordId: records[0].id, contactId: id, purposeId: records[0].purposeId, flaggedAt: new Date("2026-05-06T07:08:09.010Z") } });
    await prisma.contactRetentionFlag.create({ data: { contactId: id, ownerId: sales.id, flaggedAt: new Date("2026-05-06T07:08:09.010Z") } });
    await prisma.interaction.create({ data: { contactId: id, staffId: sales.id, kind: "call", occurredAt: new Date("2026-01-02T12:00:00Z"), summary: "First" } });
    await prisma.interaction.create({ data: { contactId: id, staffId: null, kind: "note", occurredAt: new Date("2026-01-03T12:00:00Z"), summary: "From an import" } });

    const viaPrisma = await prisma.contact.findUniqueOrThrow({
      where: { id },
      select: {
        id: true, firstName: true, lastName: true, email: true, phone: true, mobile: true, jobTitle: true,
        street: true, postalCode: true, city: true, country: true, language: true, stage: true,
        sourceKind: true, sourceDetail: true, obtainedAt: true, restricted: true, restrictionReason: true, restrictedAt: true,
        lastInteractionAt: true, retentionFlag: { select: { flaggedAt: true } }, noticeDueAt: true, noticeSentAt: true, erasedAt: true, createdAt: true,
        ownerId: true, owner: { select: { id: true, name: true } },
        organisation: { select: { id: true, name: true } },
        tradeFair: { select: { id: true, name: true } },
        tags: { select: { tag: true }, orderBy: { tag: "asc" } },
        processingRecords: {
          orderBy: [{ endedAt: "asc" }, { id: "asc" }],
          select: {
            id: true, legalBasis: true, sourceKind: true, since: true, evidence: true, retentionEndsAt: true, retentionFlag: { select: { flaggedAt: true } }, endedAt: true,
            extendedUntil: true, legalHoldReason: true,
            purpose: { select: { id: true, code: true, nameEn: true, nameNl: true, nameFr: true, retentionAnchor: true, retentionYears: true, retentionMonths: true } },
          },
        },
        interactions: { orderBy: [{ occurredAt: "desc" }, { id: "desc" }], take: 50, select: { id: true, kind: true, occurredAt: true, summary: true, staff: { select: { name: true } } } },
      },
    });
    const { retentionFlag, processingRecords, ...rest } = viaPrisma;
    const expected = {
      ...rest,
      retentionFlaggedAt: retentionFlag?.flaggedAt ?? null,
      processingRecords: processingRecords.map(({ retentionFlag: flag, ...r }) => ({ ...r, flaggedAt: flag?.flaggedAt ?? null })),
    };
    const detail = (await getContactDetail(sales.actor, id))!;
    const { editDenied, canRestrict, ...read } = detail;
    expect(read).toEqual(expected);
    expect(editDenied).toBe("CONTACT_RESTRICTED");
    expect(canRestrict).toBe(false);
    // The fields this test is about are really filled in, so the comparison means something.
    expect(read.processingRecords.map((r) => [r.endedAt !== null, r.flaggedAt !== null])).toEqual([[false, true], [false, false], [true, false]]);
    expect(read.interactions.map((i) => i.staff?.name ?? null)).toEqual([null, sales.name]);
    expect([read.organisation?.id, read.tradeFair?.id, read.restricted, read.retentionFlaggedAt?.toISOString()]).toEqual([organisation.id, fair.id, true, "2026-05-06T07:08:09.010Z"]);
    expect(await getContactDetail(sales.actor, 999_999_999)).toBeNull();
  });
});
