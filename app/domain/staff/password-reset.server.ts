import { recordAudit } from "~/domain/audit/audit.server";
import { db } from "~/lib/db.server";
import { sendMail } from "~/lib/mail.server";
import { generateSessionToken, hashToken } from "~/lib/session.server";
import { hashPassword, isCommonPassword } from "./password.server";
import { isRole } from "./roles";

const RESET_VALID_MS = 60 * 60 * 1000;

export type ResetMailText = (link: string) => { subject: string; text: string };

/**
 * Sends a single-use reset link valid for one hour. The caller shows the same answer whether
 * or not the address belongs to an account.
 */
export async function requestPasswordReset(
  email: string,
  baseUrl: string,
  mailText: (language: string) => ResetMailText,
  now = new Date(),
): Promise<void> {
  const prisma = await db();
  const staff = await prisma.staff.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, language: true, active: true, role: true },
  });
  if (!staff || !staff.active) return;
  const token = generateSessionToken();
  await prisma.$transaction(async (tx) => {
    await tx.passwordReset.create({
      data: { tokenHash: hashToken(token), staffId: staff.id, expiresAt: new Date(now.getTime() + RESET_VALID_MS) },
    });
    await recordAudit(tx, {
      actor: isRole(staff.role) ? { id: staff.id, role: staff.role, ip: null } : null,
      action: "password-reset.requested",
      recordType: "staff",
      recordId: staff.id,
    });
  });
  const link = `${baseUrl.replace(/\/$/, "")}/reset-password?token=${token}`;
  await sendMail({ to: staff.email, ...mailText(staff.language)(link) });
}

export type ResetResult = { ok: true } | { ok: false; reason: "RESET_TOKEN_INVALID" | "PASSWORD_COMMON" };

/** Sets a new password with a reset token; the token is used up and every session of the account ends. */
export async function resetPassword(token: string, password: string, ip: string | null, now = new Date()): Promise<ResetResult> {
  if (isCommonPassword(password)) return { ok: false, reason: "PASSWORD_COMMON" };
  const prisma = await db();
  const reset = await prisma.passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, staffId: true, expiresAt: true, usedAt: true, staff: { select: { role: true, active: true } } },
  });
  if (!reset || reset.usedAt || reset.expiresAt <= now || !reset.staff.active) {
    return { ok: false, reason: "RESET_TOKEN_INVALID" };
  }
  const passwordHash = await hashPassword(password);
  const used = await prisma.$transaction(async (tx) => {
    // Claim the token atomically: a second use finds usedAt set and changes nothing.
    const claimed = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) return false;
    await tx.staff.update({
      where: { id: reset.staffId },
      data: { passwordHash, mustChangePassword: false, failedLogins: 0, lockedUntil: null },
    });
    await tx.session.deleteMany({ where: { staffId: reset.staffId } });
    await recordAudit(tx, {
      actor: isRole(reset.staff.role) ? { id: reset.staffId, role: reset.staff.role, ip } : null,
      action: "password-reset.completed",
      recordType: "staff",
      recordId: reset.staffId,
    });
    return true;
  });
  return used ? { ok: true } : { ok: false, reason: "RESET_TOKEN_INVALID" };
}
