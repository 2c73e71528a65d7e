import { beforeEach, describe, expect, it } from "vitest";
import { signIn, signInLimiter } from "~/domain/staff/sign-in.server";
import { db, rawDb } from "~/lib/db.server";
import { hashToken, validateSessionToken } from "~/lib/session.server";
import { createTestStaff, TEST_PASSWORD } from "../db-utils";

const meta = { ip: "10.0.0.1", userAgent: "vitest" };

beforeEach(async () => await signInLimiter.reset());

describe("signIn", () => {
  it("creates a session whose token is stored only as its SHA-256 and records the sign-in", async () => {
    const staff = await createTestStaff();
    const result = await signIn({ email: staff.email.toUpperCase(), password: TEST_PASSWORD }, meta);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const prisma = await db();
    const sessions = await prisma.session.findMany({ where: { staffId: staff.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0].id).toBe(hashToken(result.token));
    expect(sessions[0].id).not.toContain(result.token);
    expect(result.token).toMatch(/^[a-z2-7]{52}$/); // 256 bits in base32
    expect((await validateSessionToken(result.token))?.id).toBe(staff.id);
    const after = await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } });
    expect(after.lastLoginIp).toBe("10.0.0.1");
    expect(after.lastLoginAt).not.toBeNull();
  });

  it("locks the account after five wrong passwords, refusing even the right one, with the same answer as an unknown e-mail", async () => {
    const staff = await createTestStaff();
    for (let i = 0; i < 5; i++) {
      expect(await signIn({ email: staff.email, password: "wrong-" + i }, meta)).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    }
    const prisma = await db();
    const locked = await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } });
    expect(locked.failedLogins).toBe(5);
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(await signIn({ email: staff.email, password: TEST_PASSWORD }, meta)).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    expect(await signIn({ email: "nobody@example.test", password: TEST_PASSWORD }, meta)).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    // After the lock has run out, the right password works again and the counter resets.
    const later = new Date(Date.now() + 16 * 60_000);
    const result = await signIn({ email: staff.email, password: TEST_PASSWORD }, meta, later);
    expect(result.ok).toBe(true);
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).failedLogins).toBe(0);
  });

  it("rate-limits per IP before checking any password", async () => {
    const staff = await createTestStaff();
    const ip = { ip: "10.9.9.9", userAgent: null };
    for (let i = 0; i < 20; i++) await signIn({ email: "nobody@example.test", password: "x" }, ip);
    const started = performance.now();
    expect(await signIn({ email: staff.email, password: TEST_PASSWORD }, ip)).toEqual({ ok: false, reason: "RATE_LIMITED" });
    // Refused without hashing: far below one argon2id verification.
    expect(performance.now() - started).toBeLessThan(15);
    // Another address is not affected.
    expect((await signIn({ email: staff.email, password: TEST_PASSWORD }, meta)).ok).toBe(true);
  });

  it("refuses a deactivated account", async () => {
    const staff = await createTestStaff();
    const prisma = await db();
    await prisma.staff.update({ where: { id: staff.id }, data: { active: false } });
    expect(await signIn({ email: staff.email, password: TEST_PASSWORD }, meta)).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
  });
});

describe("sessions", () => {
  it("end after 12 idle hours and after 30 days whatever the activity", async () => {
    const staff = await createTestStaff();
    const prisma = await db();
    const idle = await signIn({ email: staff.email, password: TEST_PASSWORD }, meta);
    const capped = await signIn({ email: staff.email, password: TEST_PASSWORD }, meta);
    if (!idle.ok || !capped.ok) throw new Error("sign-in failed");
    await prisma.session.update({ where: { id: hashToken(idle.token) }, data: { lastSeenAt: new Date(Date.now() - 12 * 3600_000 - 1000) } });
    await prisma.session.update({ where: { id: hashToken(capped.token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await validateSessionToken(idle.token)).toBeNull();
    expect(await validateSessionToken(capped.token)).toBeNull();
    expect(await prisma.session.count({ where: { staffId: staff.id } })).toBe(0);
  });
});

describe("the database connection", () => {
  it("runs in WAL mode with foreign keys on", () => {
    expect(rawDb().pragma("journal_mode", { simple: true })).toBe("wal");
    expect(rawDb().pragma("foreign_keys", { simple: true })).toBe(1);
  });
});
