import { describe, expect, it } from "vitest";
import { saveErrorForForm } from "~/domain/contacts/contact-form-data.server";
import { contactSchema, type ContactInput } from "~/domain/contacts/contact.schema";
import { createContact, updateContact } from "~/domain/contacts/contacts.server";
import { addManualSuppression, addToSuppressionList, isSuppressed, listSuppression, SUPPRESSION_PAGE_SIZE } from "~/domain/privacy/suppression-list.server";
import { listPurposes } from "~/domain/purposes/purposes.server";
import { db, rawDb } from "~/lib/db.server";
import { createTestStaff } from "../db-utils";

async function contactInput(overrides: Record<string, unknown> = {}): Promise<ContactInput> {
  const prospecting = (await listPurposes()).find((p) => p.code === "prospecting")!;
  return contactSchema.parse({
    firstName: "Lotte", lastName: "Claes", stage: "lead", sourceKind: "phone", obtainedAt: "2026-01-15", purposeIds: [String(prospecting.id)], ...overrides,
  });
}

/** Every text cell of the suppression table, and every audit summary, as one lower-case string. */
function everythingStored(): string {
  const entries = rawDb().prepare(`SELECT * FROM "SuppressionEntry"`).all();
  const audit = rawDb().prepare(`SELECT "summary", "recordId", "recordType", "action" FROM "AuditEntry"`).all();
  return JSON.stringify([entries, audit]).toLowerCase();
}

describe("the suppression list", () => {
  it("matches the address whatever its case or surrounding spaces, and nothing else", async () => {
    const manager = await createTestStaff({ role: "manager" });
    expect(await addManualSuppression(manager.actor, "Jan.Peeters@Example.BE")).toEqual({ ok: true, added: true });
    for (const variant of ["jan.peeters@example.be", "  JAN.PEETERS@EXAMPLE.BE ", "\tJan.Peeters@example.be\n", "jan.peeters@EXAMPLE.be"]) {
      expect(await isSuppressed(variant), variant).toBe(true);
    }
    // Dots and +tags are different addresses (only some providers fold them).
    for (const other of ["janpeeters@example.be", "jan.peeters+x@example.be", "jan.peeters@example.com", ""]) {
      expect(await isSuppressed(other), other).toBe(false);
    }
  });

  it("is idempotent on the hash: adding again keeps one entry and one audit entry", async () => {
    const manager = await createTestStaff({ role: "manager" });
    const prisma = await db();
    const before = await prisma.suppressionEntry.count();
    expect((await addManualSuppression(manager.actor, "twice@example.be")).added).toBe(true);
    expect((await addManualSuppression(manager.actor, " TWICE@example.be")).added).toBe(false);
    await prisma.$transaction((tx) => addToSuppressionList(tx, "Twice@Example.be", "erasure", manager.actor));
    expect(await prisma.suppressionEntry.count()).toBe(before + 1);
    const audits = await prisma.auditEntry.findMany({ where: { action: "suppression.added", staffId: manager.id }, select: { summary: true } });
    expect(audits).toEqual([{ summary: JSON.stringify({ reason: "manual" }) }]);
  });

  it("never stores the address: not in the table, not in the audit trail", async () => {
    const manager = await createTestStaff({ role: "manager" });
    const address = "Secret.Person-7781@Hidden-Domain.example";
    await addManualSuppression(manager.actor, address);
    const prisma = await db();
    await prisma.$transaction((tx) => addToSuppressionList(tx, "other.person-7781@hidden-domain.example", "objection", null));
    const stored = everythingStored();
    expect(stored).not.toContain("secret.person-7781");
    expect(stored).not.toContain("hidden-domain");
    expect(stored).not.toContain("other.person-7781");
    // What is there: a 64-hex HMAC per entry.
    const hashes = (await prisma.suppressionEntry.findMany({ select: { hash: true } })).map((e) => e.hash);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("lists hashes, reasons and dates newest first, page by page", async () => {
    const manager = await createTestStaff({ role: "manager" });
    for (let i = 0; i < SUPPRESSION_PAGE_SIZE + 3; i += 1) await addManualSuppression(manager.actor, `page-${i}@example.be`);
    const first = await listSuppression();
    expect(first.entries).toHaveLength(SUPPRESSION_PAGE_SIZE);
    expect(Object.keys(first.entries[0]).sort()).toEqual(["createdAt", "hash", "id", "reason"]);
    expect(first.nextCursor).not.toBeNull();
    const second = await listSuppression(first.nextCursor);
    const ids = [...first.entries, ...second.entries].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(JSON.stringify([first, second])).not.toContain("@example.be");
  });

  it("is kept by managers: sales may not add to it", async () => {
    const sales = await createTestStaff();
    await expect(addManualSuppression(sales.actor, "x@example.be")).rejects.toMatchObject({ status: 403 });
  });
});

describe("contacts and the suppression list", () => {
  it("refuses a new contact or a changed e-mail that is listed, but lets a listed contact keep its own address", async () => {
    const manager = await createTestStaff({ role: "manager" });
    await addManualSuppression(manager.actor, "blocked@example.be");
    const refused = await createContact(manager.actor, await contactInput({ email: " Blocked@Example.be " }));
    expect(refused).toEqual({ ok: false, reason: "EMAIL_SUPPRESSED" });
    if (refused.ok) return;
    expect(saveErrorForForm(refused)).toEqual({ errors: { email: "contact.EMAIL_SUPPRESSED" }, formError: null, duplicates: null });

    const created = await createContact(manager.actor, await contactInput({ email: "kept@example.be", firstName: "Kept" }));
    if (!created.ok) throw new Error("create failed");
    expect(await updateContact(manager.actor, created.id, await contactInput({ email: "blocked@example.be", firstName: "Kept" }))).toEqual({ ok: false, reason: "EMAIL_SUPPRESSED" });
    // An objection lists the address of a contact we keep as a customer: editing it stays possible.
    await addManualSuppression(manager.actor, "kept@example.be");
    expect(await updateContact(manager.actor, created.id, await contactInput({ email: "kept@example.be", firstName: "Kept", stage: "customer" }))).toEqual({ ok: true, id: created.id });
  });
});
