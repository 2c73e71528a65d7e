import { generateHOTP } from "@oslojs/otp";
import { beforeEach, describe, expect, it } from "vitest";
import { signIn, signInLimiter } from "~/domain/staff/sign-in.server";
import { timeStep } from "~/domain/staff/two-factor";
import { codeAttemptLimiter } from "~/domain/staff/two-factor-codes.server";
import { decryptTotpKey } from "~/domain/staff/two-factor-key.server";
import { verifySecondFactor } from "~/domain/staff/two-factor-sign-in.server";
import {
  confirmTwoFactorEnrolment, disableTwoFactor, renewRecoveryCodes, resetTwoFactor, setTwoFactorRequiredRoles, startTwoFactorEnrolment, twoFactorStatus,
} from "~/domain/staff/two-factor.server";
import { requireStaff } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { hashToken, SESSION_COOKIE, validateSessionToken } from "~/lib/session.server";
import { createTestStaff, TEST_PASSWORD } from "../db-utils";

const meta = { ip: "10.0.0.7", userAgent: "vitest" };
const STEP_MS = 30_000;

beforeEach(async () => {
  await signInLimiter.reset();
  await codeAttemptLimiter.reset();
});

async function keyOf(staffId: number): Promise<Uint8Array> {
  const prisma = await db();
  const { totpSecret } = await prisma.staff.findUniqueOrThrow({ where: { id: staffId }, select: { totpSecret: true } });
  return decryptTotpKey(totpSecret!, staffId);
}
const codeAt = (key: Uint8Array, at: Date, stepOffset = 0) => generateHOTP(key, BigInt(timeStep(at.getTime()) + stepOffset), 6);

/** A staff member with two-step sign-in switched on at `at`; returns the key and the recovery codes. */
async function enrolled(overrides: Parameters<typeof createTestStaff>[0] = {}, at = new Date(Date.now() - 5 * STEP_MS)) {
  const staff = await createTestStaff(overrides);
  expect(await startTwoFactorEnrolment(staff.actor)).toEqual({ ok: true });
  const key = await keyOf(staff.id);
  const result = await confirmTwoFactorEnrolment(staff.actor, codeAt(key, at), at);
  if (!result.ok) throw new Error(`enrolment failed: ${result.reason}`);
  return { staff, key, recoveryCodes: result.recoveryCodes };
}

async function pendingSignIn(email: string, now = new Date()) {
  const result = await signIn({ email, password: TEST_PASSWORD }, meta, now);
  if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
  expect(result.twoFactorPending).toBe(true);
  return { token: result.token, sessionId: hashToken(result.token) };
}

function page(token: string, path = "/contacts") {
  return new Request(`http://localhost${path}`, { headers: { Cookie: `${SESSION_COOKIE}=${token}` } });
}
async function redirectOf(promise: Promise<unknown>): Promise<string | null> {
  const outcome = await promise.then(() => null, (e: unknown) => e);
  return outcome instanceof Response ? outcome.headers.get("Location") : null;
}

describe("enrolment", () => {
  it("keeps the key encrypted, switches on only with a right code and gives ten hashed single-use recovery codes", async () => {
    const staff = await createTestStaff();
    expect(await confirmTwoFactorEnrolment(staff.actor, "123456")).toEqual({ ok: false, reason: "NO_ENROLMENT" });
    await startTwoFactorEnrolment(staff.actor);
    const status = await twoFactorStatus(staff.actor);
    expect(status.enabledAt).toBeNull();
    expect(status.enrolment?.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const prisma = await db();
    const stored = (await prisma.staff.findUniqueOrThrow({ where: { id: staff.id }, select: { totpSecret: true } })).totpSecret!;
    const keyText = status.enrolment!.keyText.replace(/ /g, "");
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(keyText);
    // Bound to its owner: the same ciphertext does not open for another account.
    expect(() => decryptTotpKey(stored, staff.id + 1)).toThrow();

    const key = await keyOf(staff.id);
    const now = new Date();
    const wrong = String((Number(codeAt(key, now)) + 1) % 1_000_000).padStart(6, "0");
    expect(await confirmTwoFactorEnrolment(staff.actor, wrong, now)).toEqual({ ok: false, reason: "CODE_WRONG" });
    const result = await confirmTwoFactorEnrolment(staff.actor, codeAt(key, now), now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.recoveryCodes).toHaveLength(10);
    const rows = await prisma.recoveryCode.findMany({ where: { staffId: staff.id }, select: { codeHash: true, usedAt: true } });
    expect(rows).toHaveLength(10);
    for (const code of result.recoveryCodes) expect(rows.map((r) => r.codeHash).join()).not.toContain(code.replace(/-/g, ""));
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "two-factor.enabled", recordId: String(staff.id) } });
    expect(audit.summary).toBe(JSON.stringify({ recoveryCodes: 10 }));
    expect(await startTwoFactorEnrolment(staff.actor)).toEqual({ ok: false, reason: "ALREADY_ENABLED" });
  });

  it("limits the codes tried while confirming to five per five minutes", async () => {
    const staff = await createTestStaff();
    await startTwoFactorEnrolment(staff.actor);
    for (let i = 0; i < 5; i++) expect((await confirmTwoFactorEnrolment(staff.actor, "000000")).ok).toBe(false);
    const key = await keyOf(staff.id);
    expect(await confirmTwoFactorEnrolment(staff.actor, codeAt(key, new Date()))).toEqual({ ok: false, reason: "RATE_LIMITED" });
  });
});

describe("signing in with a second factor", () => {
  it("leaves the session pending after the password: it passes no guard but the code page's", async () => {
    const { staff } = await enrolled();
    const { token } = await pendingSignIn(staff.email);
    const session = await validateSessionToken(token);
    expect(session?.twoFactorVerified).toBe(false);
    expect(await redirectOf(requireStaff(page(token, "/contacts?q=x")))).toBe("/login/two-factor?redirectTo=%2Fcontacts%3Fq%3Dx");
    expect(await redirectOf(requireStaff(page(token, "/profile"), { allowPasswordChange: true }))).toMatch(/^\/login\/two-factor/);
    expect(await redirectOf(requireStaff(page(token, "/profile/two-factor"), { allowTwoFactorSetup: true }))).toMatch(/^\/login\/two-factor/);
    expect(await redirectOf(requireStaff(page(token, "/admin"), { role: "sales" }))).toMatch(/^\/login\/two-factor/);
    expect((await requireStaff(page(token, "/login/two-factor"), { allowPendingTwoFactor: true })).id).toBe(staff.id);
    // Password alone did not count as a sign-in yet.
    const prisma = await db();
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).lastLoginAt).toBeNull();
  });

  it("accepts a code of the current step, replaces the pending session and refuses the same code again", async () => {
    const { staff, key } = await enrolled();
    const now = new Date();
    const first = await pendingSignIn(staff.email, now);
    const result = await verifySecondFactor({ sessionId: first.sessionId, staffId: staff.id }, codeAt(key, now), meta, now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await validateSessionToken(first.token)).toBeNull();
    const verified = await validateSessionToken(result.token);
    expect(verified?.twoFactorVerified).toBe(true);
    expect((await requireStaff(page(result.token))).id).toBe(staff.id);

    // Replay: the same code, a second later, on a new sign-in.
    const later = new Date(now.getTime() + 1000);
    const second = await pendingSignIn(staff.email, later);
    expect(await verifySecondFactor({ sessionId: second.sessionId, staffId: staff.id }, codeAt(key, now), meta, later)).toEqual({ ok: false, reason: "CODE_WRONG" });
    // Nor does the code of the step before, though it is within the window.
    expect(await verifySecondFactor({ sessionId: second.sessionId, staffId: staff.id }, codeAt(key, now, -1), meta, later)).toEqual({ ok: false, reason: "CODE_WRONG" });
    const prisma = await db();
    const entries = await prisma.auditEntry.findMany({ where: { recordId: String(staff.id), action: { startsWith: "two-factor." } }, select: { action: true } });
    expect(entries.map((e) => e.action)).toEqual(["two-factor.enabled", "two-factor.failed", "two-factor.failed"]);
  });

  it.each([
    ["one step behind", -1, true],
    ["one step ahead", 1, true],
    ["two steps behind", -2, false],
    ["two steps ahead", 2, false],
  ])("accepts a code %s: %s", async (_name, offset, accepted) => {
    const { staff, key } = await enrolled({}, new Date(Date.now() - 20 * STEP_MS));
    const now = new Date();
    const { sessionId } = await pendingSignIn(staff.email, now);
    const result = await verifySecondFactor({ sessionId, staffId: staff.id }, codeAt(key, now, offset), meta, now);
    expect(result.ok).toBe(accepted);
  });

  it("takes each recovery code once, and counts what is left", async () => {
    const { staff, recoveryCodes } = await enrolled();
    const code = recoveryCodes[3].toUpperCase().replace(/-/g, " ");
    const first = await pendingSignIn(staff.email);
    expect((await verifySecondFactor({ sessionId: first.sessionId, staffId: staff.id }, code, meta)).ok).toBe(true);
    const second = await pendingSignIn(staff.email);
    expect(await verifySecondFactor({ sessionId: second.sessionId, staffId: staff.id }, recoveryCodes[3], meta)).toEqual({ ok: false, reason: "CODE_WRONG" });
    expect(await verifySecondFactor({ sessionId: second.sessionId, staffId: staff.id }, recoveryCodes[4], meta)).toMatchObject({ ok: true });
    expect((await twoFactorStatus(staff.actor)).recoveryCodesLeft).toBe(8);
    const prisma = await db();
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "sign-in.two-factor", recordId: String(staff.id) }, orderBy: { id: "desc" } });
    expect(JSON.parse(audit.summary)).toEqual({ method: "recovery", recoveryCodesLeft: 8 });
  });

  it("locks the account after five wrong codes, even across new password sign-ins, and ends the pending session", async () => {
    const { staff, key } = await enrolled();
    let pending = await pendingSignIn(staff.email);
    for (let i = 0; i < 3; i++) {
      expect((await verifySecondFactor({ sessionId: pending.sessionId, staffId: staff.id }, "000000", meta)).ok).toBe(false);
    }
    // Signing in again with the password does not reset the count.
    pending = await pendingSignIn(staff.email);
    expect(await verifySecondFactor({ sessionId: pending.sessionId, staffId: staff.id }, "000000", meta)).toEqual({ ok: false, reason: "CODE_WRONG" });
    expect(await verifySecondFactor({ sessionId: pending.sessionId, staffId: staff.id }, "000000", meta)).toEqual({ ok: false, reason: "LOCKED" });
    expect(await validateSessionToken(pending.token)).toBeNull();
    const prisma = await db();
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await signIn({ email: staff.email, password: TEST_PASSWORD }, meta)).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    // Once the lock has run out, password and a right code work and the count starts over.
    const later = new Date(Date.now() + 16 * 60_000);
    const fresh = await pendingSignIn(staff.email, later);
    expect((await verifySecondFactor({ sessionId: fresh.sessionId, staffId: staff.id }, codeAt(key, later), meta, later)).ok).toBe(true);
    expect((await prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).failedLogins).toBe(0);
  });

  it("ends a session left waiting for its second factor after ten minutes", async () => {
    const { staff } = await enrolled();
    const { token, sessionId } = await pendingSignIn(staff.email);
    const prisma = await db();
    await prisma.session.update({ where: { id: sessionId }, data: { createdAt: new Date(Date.now() - 11 * 60_000) } });
    expect(await validateSessionToken(token)).toBeNull();
  });
});

describe("managing two-step sign-in", () => {
  it("renews recovery codes and switches off only with a current code", async () => {
    const { staff, key, recoveryCodes } = await enrolled();
    const now = new Date();
    const renewed = await renewRecoveryCodes(staff.actor, codeAt(key, now), now);
    expect(renewed.ok).toBe(true);
    expect(await disableTwoFactor(staff.actor, recoveryCodes[0], now)).toEqual({ ok: false, reason: "CODE_WRONG" });
    if (!renewed.ok) return;
    expect(await disableTwoFactor(staff.actor, renewed.recoveryCodes[0], now)).toEqual({ ok: true });
    const prisma = await db();
    const after = await prisma.staff.findUniqueOrThrow({ where: { id: staff.id }, select: { totpSecret: true, totpEnabledAt: true } });
    expect(after).toEqual({ totpSecret: null, totpEnabledAt: null });
    expect(await prisma.recoveryCode.count({ where: { staffId: staff.id } })).toBe(0);
    const result = await signIn({ email: staff.email, password: TEST_PASSWORD }, meta);
    expect(result.ok && result.twoFactorPending).toBe(false);
  });
});

describe("requiring two-step sign-in per role", () => {
  it("sends staff of a required role to the set-up page until they enrol, and refuses to switch it off", async () => {
    const admin = await createTestStaff({ role: "admin" });
    const sales = await createTestStaff({ role: "sales" });
    const manager = await createTestStaff({ role: "manager" });
    const forbidden = await setTwoFactorRequiredRoles(manager.actor, ["manager"]).then(() => null, (e: unknown) => e);
    expect((forbidden as Response).status).toBe(403);
    await setTwoFactorRequiredRoles(admin.actor, ["manager"]);

    const login = async (email: string) => {
      const r = await signIn({ email, password: TEST_PASSWORD }, meta);
      if (!r.ok) throw new Error("sign-in failed");
      return r.token;
    };
    const managerToken = await login(manager.email);
    expect(await redirectOf(requireStaff(page(managerToken, "/contacts")))).toBe("/profile/two-factor");
    expect((await requireStaff(page(managerToken, "/profile/two-factor"), { allowTwoFactorSetup: true })).id).toBe(manager.id);
    expect((await requireStaff(page(await login(sales.email), "/contacts"))).id).toBe(sales.id);

    await startTwoFactorEnrolment(manager.actor);
    const key = await keyOf(manager.id);
    const now = new Date();
    expect((await confirmTwoFactorEnrolment(manager.actor, codeAt(key, now), now)).ok).toBe(true);
    expect((await requireStaff(page(managerToken, "/contacts"))).id).toBe(manager.id);
    expect(await disableTwoFactor(manager.actor, codeAt(key, now, 1), now)).toEqual({ ok: false, reason: "REQUIRED_FOR_ROLE" });

    const prisma = await db();
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "settings.two-factor-required" } });
    expect(audit.staffId).toBe(admin.id);
    expect(JSON.parse(audit.summary)).toEqual({ roles: ["manager"] });
    await setTwoFactorRequiredRoles(admin.actor, []);
  });
});

describe("an admin resetting two-step sign-in", () => {
  it("removes key and codes, ends every session and is audited; only admins, never on themselves", async () => {
    const admin = await createTestStaff({ role: "admin" });
    const manager = await createTestStaff({ role: "manager" });
    const { staff } = await enrolled();
    const { token } = await pendingSignIn(staff.email);
    const refused = await resetTwoFactor(manager.actor, staff.id).then(() => null, (e: unknown) => e);
    expect((refused as Response).status).toBe(403);
    expect(await resetTwoFactor(admin.actor, admin.id)).toEqual({ ok: false, reason: "CANNOT_CHANGE_SELF" });
    expect(await resetTwoFactor(admin.actor, 987_654)).toEqual({ ok: false, reason: "NOT_FOUND" });

    expect(await resetTwoFactor(admin.actor, staff.id)).toEqual({ ok: true });
    expect(await validateSessionToken(token)).toBeNull();
    const prisma = await db();
    const after = await prisma.staff.findUniqueOrThrow({ where: { id: staff.id }, select: { totpSecret: true, totpEnabledAt: true } });
    expect(after).toEqual({ totpSecret: null, totpEnabledAt: null });
    expect(await prisma.recoveryCode.count({ where: { staffId: staff.id } })).toBe(0);
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "staff.two-factor-reset", recordId: String(staff.id) } });
    expect(audit.staffId).toBe(admin.id);
    expect(JSON.parse(audit.summary)).toEqual({ recoveryCodes: 10, sessionsEnded: 1 });
    const result = await signIn({ email: staff.email, password: TEST_PASSWORD }, meta);
    expect(result.ok && result.twoFactorPending).toBe(false);
  });
});
