import { recordAudit } from "~/domain/audit/audit.server";
import { config } from "~/lib/config.server";
import { db } from "~/lib/db.server";
import { createSession } from "~/lib/session.server";
import { afterFailedAttempt, isLocked } from "./lockout";
import { isRole } from "./roles";
import { signInLimiter } from "./sign-in.server";
import { consumeSecondFactor } from "./two-factor-codes.server";

export type SecondFactorResult =
  | { ok: true; token: string; expiresAt: Date; mustChangePassword: boolean }
  | { ok: false; reason: "CODE_WRONG" | "LOCKED" | "RATE_LIMITED" };

/**
 * The second step of signing in: a session waiting for its second factor receives a TOTP or
 * recovery code. Wrong codes count towards the same lock-out as wrong passwords (the counter is
 * only reset once both factors passed, so signing in again does not buy fresh tries). On success
 * the pending session is replaced by a new, verified one.
 */
export async function verifySecondFactor(
  pending: { sessionId: string; staffId: number },
  input: string,
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<SecondFactorResult> {
  if (!(await signInLimiter.take(meta.ip ?? "unknown", now.getTime()))) return { ok: false, reason: "RATE_LIMITED" };
  const prisma = await db();
  const staff = await prisma.staff.findUniqueOrThrow({
    where: { id: pending.staffId },
    select: { id: true, role: true, failedLogins: true, lockedUntil: true, mustChangePassword: true },
  });
  const actor = isRole(staff.role) ? { id: staff.id, role: staff.role, ip: meta.ip } : null;
  if (isLocked(staff.lockedUntil, now)) {
    await prisma.session.deleteMany({ where: { id: pending.sessionId } });
    return { ok: false, reason: "LOCKED" };
  }

  const used = await consumeSecondFactor(staff.id, input, now);
  if (!used.ok) {
    const previous = staff.lockedUntil ? 0 : staff.failedLogins;
    const next = afterFailedAttempt(previous, now, { threshold: config.lockoutThreshold, minutes: config.lockoutMinutes });
    await prisma.$transaction(async (tx) => {
      await tx.staff.update({ where: { id: staff.id }, data: next });
      // A lock also ends the pending session: the next try starts again from the password.
      if (next.lockedUntil) await tx.session.deleteMany({ where: { id: pending.sessionId } });
      await recordAudit(tx, {
        actor,
        action: next.lockedUntil ? "two-factor.locked" : "two-factor.failed",
        recordType: "staff",
        recordId: staff.id,
        summary: { failedLogins: next.failedLogins },
      });
    });
    return { ok: false, reason: next.lockedUntil ? "LOCKED" : "CODE_WRONG" };
  }

  const session = await createSession(staff.id, meta, { twoFactorVerified: true });
  await prisma.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { id: pending.sessionId } });
    await tx.staff.update({
      where: { id: staff.id },
      data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now, lastLoginIp: meta.ip },
    });
    const recoveryCodesLeft = used.method === "recovery" ? await tx.recoveryCode.count({ where: { staffId: staff.id, usedAt: null } }) : undefined;
    await recordAudit(tx, { actor, action: "sign-in.two-factor", recordType: "staff", recordId: staff.id, summary: { method: used.method, recoveryCodesLeft } });
  });
  return { ok: true, ...session, mustChangePassword: staff.mustChangePassword };
}
