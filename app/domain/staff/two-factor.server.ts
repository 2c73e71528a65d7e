import QRCode from "qrcode";
import { recordAudit } from "~/domain/audit/audit.server";
import { db, preparedStatement, type Tx } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import { isRole, ROLES, type Actor, type Role } from "./roles";
import { codeAttemptLimiter, consumeSecondFactor } from "./two-factor-codes.server";
import { decryptTotpKey, encryptTotpKey } from "./two-factor-key.server";
import { generateRecoveryCodes, generateTotpKey, hashRecoveryCode, matchingStep, normaliseRecoveryCode, normaliseTotpCode, totpKeyText, totpKeyUri } from "./two-factor";

const REQUIRED_ROLES_KEY = "twoFactor.requiredRoles";

/** The roles whose staff must use two-step sign-in (admin setting). */
export async function twoFactorRequiredRoles(): Promise<Role[]> {
  await db();
  // Read on every page load (the guard asks it): a prepared statement, not a Prisma query.
  const row = preparedStatement(`SELECT value FROM "Setting" WHERE key = ?`).get(REQUIRED_ROLES_KEY) as { value: string } | undefined;
  if (!row) return [];
  const parsed: unknown = JSON.parse(row.value);
  return Array.isArray(parsed) ? parsed.filter(isRole) : [];
}

/** True when the staff member's role requires two-step sign-in and they have not set it up yet. */
export async function mustEnrolTwoFactor(staff: { role: Role; twoFactorEnabled: boolean }): Promise<boolean> {
  if (staff.twoFactorEnabled) return false;
  return (await twoFactorRequiredRoles()).includes(staff.role);
}

export async function setTwoFactorRequiredRoles(actor: Actor, roles: Role[]): Promise<void> {
  assertRole(actor, "admin");
  const value = JSON.stringify(ROLES.filter((r) => roles.includes(r)));
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: REQUIRED_ROLES_KEY }, create: { key: REQUIRED_ROLES_KEY, value }, update: { value } });
    await recordAudit(tx, { actor, action: "settings.two-factor-required", recordType: "setting", recordId: REQUIRED_ROLES_KEY, summary: { roles: JSON.parse(value) } });
  });
}

/** What the two-step sign-in page shows: the state, and while enrolling, the key as QR code and text. */
export async function twoFactorStatus(actor: Actor) {
  const prisma = await db();
  const staff = await prisma.staff.findUniqueOrThrow({
    where: { id: actor.id },
    select: { email: true, totpSecret: true, totpEnabledAt: true, _count: { select: { recoveryCodes: { where: { usedAt: null } } } } },
  });
  const required = (await twoFactorRequiredRoles()).includes(actor.role);
  let enrolment: { keyText: string; qrDataUrl: string } | null = null;
  if (!staff.totpEnabledAt && staff.totpSecret) {
    const key = decryptTotpKey(staff.totpSecret, actor.id);
    enrolment = { keyText: totpKeyText(key), qrDataUrl: await QRCode.toDataURL(totpKeyUri(key, staff.email), { margin: 2, width: 220 }) };
  }
  return { enabledAt: staff.totpEnabledAt, recoveryCodesLeft: staff._count.recoveryCodes, required, enrolment };
}

export type TwoFactorResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; reason: "ALREADY_ENABLED" | "NOT_ENABLED" | "NO_ENROLMENT" | "CODE_WRONG" | "RATE_LIMITED" | "REQUIRED_FOR_ROLE" };

/** Starts (or restarts) enrolment with a fresh key, kept encrypted until a code confirms it. */
export async function startTwoFactorEnrolment(actor: Actor): Promise<TwoFactorResult> {
  const prisma = await db();
  const key = encryptTotpKey(generateTotpKey(), actor.id);
  const updated = await prisma.staff.updateMany({ where: { id: actor.id, totpEnabledAt: null }, data: { totpSecret: key, totpLastStep: null } });
  return updated.count === 1 ? { ok: true } : { ok: false, reason: "ALREADY_ENABLED" };
}

/** A correct code from the app switches two-step sign-in on and yields ten recovery codes, shown once. */
export async function confirmTwoFactorEnrolment(actor: Actor, input: string, now = new Date()): Promise<TwoFactorResult<{ recoveryCodes: string[] }>> {
  const prisma = await db();
  const staff = await prisma.staff.findUniqueOrThrow({ where: { id: actor.id }, select: { totpSecret: true, totpEnabledAt: true } });
  if (staff.totpEnabledAt) return { ok: false, reason: "ALREADY_ENABLED" };
  if (!staff.totpSecret) return { ok: false, reason: "NO_ENROLMENT" };
  if (!(await codeAttemptLimiter.take(`staff:${actor.id}`, now.getTime()))) return { ok: false, reason: "RATE_LIMITED" };
  const code = normaliseTotpCode(input);
  const step = code ? matchingStep(decryptTotpKey(staff.totpSecret, actor.id), code, now.getTime(), null) : null;
  if (step === null) return { ok: false, reason: "CODE_WRONG" };
  const recoveryCodes = generateRecoveryCodes();
  const done = await prisma.$transaction(async (tx) => {
    // Only the key the code was checked against is switched on (a restart in another tab changes it).
    const enabled = await tx.staff.updateMany({
      where: { id: actor.id, totpEnabledAt: null, totpSecret: staff.totpSecret },
      data: { totpEnabledAt: now, totpLastStep: step },
    });
    if (enabled.count !== 1) return false;
    await storeRecoveryCodes(tx, actor.id, recoveryCodes);
    await recordAudit(tx, { actor, action: "two-factor.enabled", recordType: "staff", recordId: actor.id, summary: { recoveryCodes: recoveryCodes.length } });
    return true;
  });
  return done ? { ok: true, recoveryCodes } : { ok: false, reason: "NO_ENROLMENT" };
}

async function storeRecoveryCodes(tx: Tx, staffId: number, codes: string[]) {
  await tx.recoveryCode.deleteMany({ where: { staffId } });
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ staffId, codeHash: hashRecoveryCode(normaliseRecoveryCode(c)!) })) });
}

/** Ten new recovery codes (the old ones stop working), after a current code. */
export async function renewRecoveryCodes(actor: Actor, input: string, now = new Date()): Promise<TwoFactorResult<{ recoveryCodes: string[] }>> {
  const checked = await checkOwnCode(actor, input, now);
  if (!checked.ok) return checked;
  const recoveryCodes = generateRecoveryCodes();
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await storeRecoveryCodes(tx, actor.id, recoveryCodes);
    await recordAudit(tx, { actor, action: "two-factor.recovery-codes-renewed", recordType: "staff", recordId: actor.id, summary: { recoveryCodes: recoveryCodes.length, with: checked.method } });
  });
  return { ok: true, recoveryCodes };
}

/** Turns two-step sign-in off after a current code; refused while the staff member's role requires it. */
export async function disableTwoFactor(actor: Actor, input: string, now = new Date()): Promise<TwoFactorResult> {
  if ((await twoFactorRequiredRoles()).includes(actor.role)) return { ok: false, reason: "REQUIRED_FOR_ROLE" };
  const checked = await checkOwnCode(actor, input, now);
  if (!checked.ok) return checked;
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await tx.staff.update({ where: { id: actor.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { staffId: actor.id } });
    await recordAudit(tx, { actor, action: "two-factor.disabled", recordType: "staff", recordId: actor.id, summary: { with: checked.method } });
  });
  return { ok: true };
}

async function checkOwnCode(actor: Actor, input: string, now: Date): Promise<TwoFactorResult<{ method: "totp" | "recovery" }>> {
  const prisma = await db();
  const staff = await prisma.staff.findUniqueOrThrow({ where: { id: actor.id }, select: { totpEnabledAt: true } });
  if (!staff.totpEnabledAt) return { ok: false, reason: "NOT_ENABLED" };
  if (!(await codeAttemptLimiter.take(`staff:${actor.id}`, now.getTime()))) return { ok: false, reason: "RATE_LIMITED" };
  const used = await consumeSecondFactor(actor.id, input, now);
  return used.ok ? { ok: true, method: used.method } : { ok: false, reason: "CODE_WRONG" };
}

/**
 * An admin removes a staff member's two-step sign-in (lost phone and codes): key and recovery codes
 * go, and every session ends. If the role requires it, they enrol again at their next sign-in.
 */
export async function resetTwoFactor(actor: Actor, staffId: number): Promise<{ ok: true } | { ok: false; reason: "NOT_FOUND" | "CANNOT_CHANGE_SELF" }> {
  assertRole(actor, "admin");
  if (staffId === actor.id) return { ok: false, reason: "CANNOT_CHANGE_SELF" };
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const found = await tx.staff.updateMany({ where: { id: staffId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    if (found.count === 0) return { ok: false as const, reason: "NOT_FOUND" as const };
    const codes = await tx.recoveryCode.deleteMany({ where: { staffId } });
    const sessions = await tx.session.deleteMany({ where: { staffId } });
    await recordAudit(tx, { actor, action: "staff.two-factor-reset", recordType: "staff", recordId: staffId, summary: { recoveryCodes: codes.count, sessionsEnded: sessions.count } });
    return { ok: true as const };
  });
}
