import { recordAudit } from "~/domain/audit/audit.server";
import { config } from "~/lib/config.server";
import { db } from "~/lib/db.server";
import { RateLimiter } from "~/lib/rate-limit.server";
import { createSession } from "~/lib/session.server";
import { afterFailedAttempt, isLocked } from "./lockout";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { isRole } from "./roles";

export const signInLimiter = new RateLimiter("sign-in", () => config.loginRateLimitPerMinute, 60_000);

export type SignInResult =
  | { ok: true; staffId: number; token: string; expiresAt: Date; mustChangePassword: boolean; twoFactorPending: boolean }
  | { ok: false; reason: "INVALID_CREDENTIALS" | "RATE_LIMITED" };

/**
 * Checks e-mail and password. Unknown e-mail, wrong password, locked or inactive account all
 * answer INVALID_CREDENTIALS, so the answer never tells whether an account exists.
 */
export async function signIn(
  input: { email: string; password: string },
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<SignInResult> {
  // Rate limit before any hashing: a flood from one address costs no CPU.
  if (!(await signInLimiter.take(meta.ip ?? "unknown", now.getTime()))) return { ok: false, reason: "RATE_LIMITED" };

  const prisma = await db();
  const email = input.email.trim().toLowerCase();
  const staff = await prisma.staff.findUnique({
    where: { email },
    select: { id: true, role: true, passwordHash: true, active: true, failedLogins: true, lockedUntil: true, mustChangePassword: true, totpEnabledAt: true },
  });
  if (!staff) {
    await verifyAgainstDummy(input.password);
    return { ok: false, reason: "INVALID_CREDENTIALS" };
  }
  const actor = isRole(staff.role) ? { id: staff.id, role: staff.role, ip: meta.ip } : null;
  if (!staff.active || isLocked(staff.lockedUntil, now)) {
    await verifyAgainstDummy(input.password);
    await prisma.$transaction(async (tx) => {
      await recordAudit(tx, { actor, action: "sign-in.refused", recordType: "staff", recordId: staff.id, summary: { locked: isLocked(staff.lockedUntil, now), active: staff.active } });
    });
    return { ok: false, reason: "INVALID_CREDENTIALS" };
  }
  const valid = await verifyPassword(staff.passwordHash, input.password);
  if (!valid) {
    // A lock that has run out starts a fresh count.
    const previous = staff.lockedUntil ? 0 : staff.failedLogins;
    const next = afterFailedAttempt(previous, now, { threshold: config.lockoutThreshold, minutes: config.lockoutMinutes });
    await prisma.$transaction(async (tx) => {
      await tx.staff.update({ where: { id: staff.id }, data: next });
      await recordAudit(tx, {
        actor,
        action: next.lockedUntil ? "sign-in.locked" : "sign-in.failed",
        recordType: "staff",
        recordId: staff.id,
        summary: { failedLogins: next.failedLogins },
      });
    });
    return { ok: false, reason: "INVALID_CREDENTIALS" };
  }
  if (staff.totpEnabledAt) {
    // Half-way: the session waits for the second factor, and the failure count stays until it is given.
    const session = await createSession(staff.id, meta, { twoFactorVerified: false });
    await prisma.$transaction(async (tx) => {
      await recordAudit(tx, { actor, action: "sign-in.password", recordType: "staff", recordId: staff.id, summary: { secondFactor: "pending" } });
    });
    return { ok: true, staffId: staff.id, ...session, mustChangePassword: staff.mustChangePassword, twoFactorPending: true };
  }
  const session = await createSession(staff.id, meta, { twoFactorVerified: true });
  await prisma.$transaction(async (tx) => {
    await tx.staff.update({
      where: { id: staff.id },
      data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now, lastLoginIp: meta.ip },
    });
    await recordAudit(tx, { actor, action: "sign-in", recordType: "staff", recordId: staff.id });
  });
  return { ok: true, staffId: staff.id, ...session, mustChangePassword: staff.mustChangePassword, twoFactorPending: false };
}
