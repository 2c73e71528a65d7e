import { describe, expect, it } from "vitest";
import { recordAudit } from "~/domain/audit/audit.server";
import { isCommonPassword } from "~/domain/staff/password.server";
import { changePassword, changeStaffRole, createStaff, ensureFirstAdmin, setStaffActive, unlockStaff } from "~/domain/staff/staff.server";
import { db, rawDb } from "~/lib/db.server";
import { createSession, validateSessionToken } from "~/lib/session.server";
import { createTestStaff, TEST_PASSWORD } from "../db-utils";

async function expectForbidden(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(Response);
  expect((error as Response).status).toBe(403);
}

describe("staff administration", () => {
  it("creates the first admin only on an empty database", async () => {
    const prisma = await db();
    const hadStaff = (await prisma.staff.count()) > 0;
    const first = await ensureFirstAdmin("first-admin@example.test");
    if (!hadStaff) {
      expect(first?.password).toHaveLength(24);
      const admin = await prisma.staff.findUniqueOrThrow({ where: { email: "first-admin@example.test" } });
      expect(admin.role).toBe("admin");
      expect(admin.mustChangePassword).toBe(true);
    }
    expect(await ensureFirstAdmin("second@example.test")).toBeNull();
  });

  it("lets only admins create, deactivate, re-role and unlock staff", async () => {
    const sales = await createTestStaff({ role: "sales" });
    const manager = await createTestStaff({ role: "manager" });
    const input = { name: "New Person", email: "new.person@example.test", role: "sales" as const, language: "nl" as const };
    await expectForbidden(createStaff(sales.actor, input));
    await expectForbidden(createStaff(manager.actor, input));
    await expectForbidden(setStaffActive(manager.actor, sales.id, false));
    await expectForbidden(changeStaffRole(sales.actor, sales.id, "admin"));
    await expectForbidden(unlockStaff(manager.actor, sales.id));
  });

  it("creates an account with a one-time password to change, refuses a taken e-mail, and audits it", async () => {
    const admin = await createTestStaff({ role: "admin" });
    const result = await createStaff(admin.actor, { name: "Jan", email: "jan@example.test", role: "sales", language: "nl" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.oneTimePassword).toHaveLength(24);
    expect(await createStaff(admin.actor, { name: "Jan 2", email: "jan@example.test", role: "sales", language: "nl" })).toEqual({ ok: false, reason: "EMAIL_TAKEN" });
    const prisma = await db();
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "staff.created", recordId: String(result.id) } });
    expect(entry.staffId).toBe(admin.id);
    expect(entry.summary).not.toContain("jan@example.test");
  });

  it("ends every session of a deactivated account at once", async () => {
    const admin = await createTestStaff({ role: "admin" });
    const sales = await createTestStaff();
    const { token } = await createSession(sales.id, { ip: null, userAgent: null });
    expect(await validateSessionToken(token)).not.toBeNull();
    expect(await setStaffActive(admin.actor, sales.id, false)).toEqual({ ok: true });
    expect(await validateSessionToken(token)).toBeNull();
    expect(await setStaffActive(admin.actor, admin.id, false)).toEqual({ ok: false, reason: "CANNOT_CHANGE_SELF" });
  });

  it("changing the password needs the current one and ends all other sessions", async () => {
    const sales = await createTestStaff();
    const other = await createSession(sales.id, { ip: null, userAgent: null });
    expect(await changePassword(sales.actor, { currentPassword: "not-it", password: "Fresh-Password-123" }, null)).toEqual({ ok: false, reason: "CURRENT_PASSWORD_WRONG" });
    const result = await changePassword(sales.actor, { currentPassword: TEST_PASSWORD, password: "Fresh-Password-123" }, null);
    expect(result.ok).toBe(true);
    expect(await validateSessionToken(other.token)).toBeNull();
    if (result.ok) expect(await validateSessionToken(result.token)).not.toBeNull();
  });
});

describe("the audit trail", () => {
  it("is append-only: entries cannot be changed or removed", async () => {
    const admin = await createTestStaff({ role: "admin" });
    const prisma = await db();
    await prisma.$transaction((tx) => recordAudit(tx, { actor: admin.actor, action: "test.entry", recordType: "staff", recordId: admin.id }));
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "test.entry" } });
    await expect(prisma.auditEntry.update({ where: { id: entry.id }, data: { action: "tampered" } })).rejects.toThrow();
    await expect(prisma.auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow();
    expect(() => rawDb().prepare("DELETE FROM AuditEntry WHERE id = ?").run(entry.id)).toThrow(/append-only/);
    expect(() => rawDb().prepare("UPDATE AuditEntry SET action = 'x' WHERE id = ?").run(entry.id)).toThrow(/append-only/);
    expect((await prisma.auditEntry.findUniqueOrThrow({ where: { id: entry.id } })).action).toBe("test.entry");
  });

  it("is written in the same transaction as the change: a failed change leaves no entry", async () => {
    const admin = await createTestStaff({ role: "admin" });
    const prisma = await db();
    const before = await prisma.auditEntry.count();
    await expect(
      prisma.$transaction(async (tx) => {
        await recordAudit(tx, { actor: admin.actor, action: "test.rolled-back", recordType: "staff" });
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    expect(await prisma.auditEntry.count()).toBe(before);
  });
});

describe("common passwords", () => {
  it.each([
    ["password1234", true],
    ["Qwertyuiop123", true],
    ["iloveyou12345!", true],
    ["Correct-Horse-Battery-42", false],
  ])("%s is common: %s", (password, common) => {
    expect(isCommonPassword(password)).toBe(common);
  });
});
