import crypto from "node:crypto";
import { changedFields, recordAudit } from "~/domain/audit/audit.server";
import { db } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import { createSession } from "~/lib/session.server";
import { checkPhoto, type PhotoCheck } from "./photo";
import { hashPassword, isCommonPassword, verifyPassword } from "./password.server";
import type { Actor, Language, Role } from "./roles";
import type { CreateStaffInput, ProfileInput } from "./staff.schema";

/** A readable one-time password (24 characters from an unambiguous alphabet, ~120 bits). */
export function generateOneTimePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.randomBytes(24);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/** On a fresh database, creates the first admin with a one-time password to change at first sign-in. */
export async function ensureFirstAdmin(email = "admin@example.com"): Promise<{ email: string; password: string } | null> {
  const prisma = await db();
  if ((await prisma.staff.count()) > 0) return null;
  const password = process.env.ADMIN_INITIAL_PASSWORD || generateOneTimePassword();
  const staff = await prisma.$transaction(async (tx) => {
    const created = await tx.staff.create({
      data: { email, name: "Administrator", role: "admin", language: "en", passwordHash: await hashPassword(password), mustChangePassword: true },
      select: { id: true },
    });
    await recordAudit(tx, { actor: null, action: "staff.created", recordType: "staff", recordId: created.id, summary: { role: "admin", firstAdmin: true } });
    return created;
  });
  return staff ? { email, password } : null;
}

export type CreateStaffResult = { ok: true; id: number; oneTimePassword: string } | { ok: false; reason: "EMAIL_TAKEN" };

export async function createStaff(actor: Actor, input: CreateStaffInput): Promise<CreateStaffResult> {
  assertRole(actor, "admin");
  const prisma = await db();
  if (await prisma.staff.findUnique({ where: { email: input.email }, select: { id: true } })) {
    return { ok: false, reason: "EMAIL_TAKEN" };
  }
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const id = await prisma.$transaction(async (tx) => {
    const created = await tx.staff.create({
      data: { ...input, passwordHash, mustChangePassword: true },
      select: { id: true },
    });
    await recordAudit(tx, { actor, action: "staff.created", recordType: "staff", recordId: created.id, summary: { role: input.role, language: input.language } });
    return created.id;
  });
  return { ok: true, id, oneTimePassword };
}

export async function listStaff(actor: Actor) {
  assertRole(actor, "admin");
  const prisma = await db();
  return prisma.staff.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: {
      id: true, name: true, email: true, role: true, language: true, active: true,
      failedLogins: true, lockedUntil: true, lastLoginAt: true, lastLoginIp: true,
    },
  });
}

export async function getStaffForAdmin(actor: Actor, id: number) {
  assertRole(actor, "admin");
  const prisma = await db();
  return prisma.staff.findUnique({
    where: { id },
    select: {
      id: true, name: true, email: true, role: true, language: true, active: true, mustChangePassword: true,
      failedLogins: true, lockedUntil: true, lastLoginAt: true, lastLoginIp: true, createdAt: true, totpEnabledAt: true,
      _count: { select: { sessions: true } },
    },
  });
}

/** Names of staff for pickers (owner, filters): no other fields. */
export async function staffNames() {
  const prisma = await db();
  return prisma.staff.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, role: true } });
}

export type AdminChangeResult = { ok: true } | { ok: false; reason: "NOT_FOUND" | "CANNOT_CHANGE_SELF" };

/** Deactivating ends every session of the account at once. An admin cannot deactivate or demote themself. */
export async function setStaffActive(actor: Actor, id: number, active: boolean): Promise<AdminChangeResult> {
  assertRole(actor, "admin");
  if (id === actor.id) return { ok: false, reason: "CANNOT_CHANGE_SELF" };
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const found = await tx.staff.updateMany({ where: { id }, data: { active } });
    if (found.count === 0) return { ok: false as const, reason: "NOT_FOUND" as const };
    if (!active) await tx.session.deleteMany({ where: { staffId: id } });
    await recordAudit(tx, { actor, action: active ? "staff.reactivated" : "staff.deactivated", recordType: "staff", recordId: id });
    return { ok: true as const };
  });
}

export async function changeStaffRole(actor: Actor, id: number, role: Role): Promise<AdminChangeResult> {
  assertRole(actor, "admin");
  if (id === actor.id) return { ok: false, reason: "CANNOT_CHANGE_SELF" };
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const before = await tx.staff.findUnique({ where: { id }, select: { role: true } });
    if (!before) return { ok: false as const, reason: "NOT_FOUND" as const };
    await tx.staff.update({ where: { id }, data: { role } });
    await recordAudit(tx, { actor, action: "staff.role-changed", recordType: "staff", recordId: id, summary: { from: before.role, to: role } });
    return { ok: true as const };
  });
}

export async function unlockStaff(actor: Actor, id: number): Promise<AdminChangeResult> {
  assertRole(actor, "admin");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const found = await tx.staff.updateMany({ where: { id }, data: { failedLogins: 0, lockedUntil: null } });
    if (found.count === 0) return { ok: false as const, reason: "NOT_FOUND" as const };
    await recordAudit(tx, { actor, action: "staff.unlocked", recordType: "staff", recordId: id });
    return { ok: true as const };
  });
}

export async function getProfile(actor: Actor) {
  const prisma = await db();
  return prisma.staff.findUniqueOrThrow({
    where: { id: actor.id },
    select: { id: true, name: true, email: true, language: true, role: true, photoType: true, lastLoginAt: true, lastLoginIp: true, totpEnabledAt: true },
  });
}

export async function updateProfile(actor: Actor, input: ProfileInput): Promise<{ ok: true } | { ok: false; reason: "EMAIL_TAKEN" }> {
  const prisma = await db();
  const clash = await prisma.staff.findFirst({ where: { email: input.email, id: { not: actor.id } }, select: { id: true } });
  if (clash) return { ok: false, reason: "EMAIL_TAKEN" };
  await prisma.$transaction(async (tx) => {
    const before = await tx.staff.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true, email: true, language: true } });
    await tx.staff.update({ where: { id: actor.id }, data: input });
    const fields = changedFields(before, input);
    if (fields.length) await recordAudit(tx, { actor, action: "staff.profile-updated", recordType: "staff", recordId: actor.id, summary: { fields } });
  });
  return { ok: true };
}

export async function setLanguage(actor: Actor, language: Language): Promise<void> {
  const prisma = await db();
  await prisma.staff.update({ where: { id: actor.id }, data: { language } });
}

export type ChangePasswordResult =
  | { ok: true; token: string; expiresAt: Date }
  | { ok: false; reason: "CURRENT_PASSWORD_WRONG" | "PASSWORD_COMMON" | "PASSWORD_UNCHANGED" };

/** Changes the password after checking the current one; every session ends and a fresh one is returned. */
export async function changePassword(
  actor: Actor,
  input: { currentPassword: string; password: string },
  userAgent: string | null,
): Promise<ChangePasswordResult> {
  const prisma = await db();
  const staff = await prisma.staff.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(staff.passwordHash, input.currentPassword))) return { ok: false, reason: "CURRENT_PASSWORD_WRONG" };
  if (input.password === input.currentPassword) return { ok: false, reason: "PASSWORD_UNCHANGED" };
  if (isCommonPassword(input.password)) return { ok: false, reason: "PASSWORD_COMMON" };
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction(async (tx) => {
    await tx.staff.update({ where: { id: actor.id }, data: { passwordHash, mustChangePassword: false } });
    await tx.session.deleteMany({ where: { staffId: actor.id } });
    await recordAudit(tx, { actor, action: "staff.password-changed", recordType: "staff", recordId: actor.id });
  });
  // The actor passed every factor to get here, so the fresh session is complete.
  const session = await createSession(actor.id, { ip: actor.ip, userAgent }, { twoFactorVerified: true });
  return { ok: true, ...session };
}

export async function setPhoto(actor: Actor, bytes: Uint8Array): Promise<PhotoCheck> {
  const check = checkPhoto(bytes);
  if (!check.ok) return check;
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await tx.staff.update({ where: { id: actor.id }, data: { photo: Buffer.from(bytes), photoType: check.type } });
    await recordAudit(tx, { actor, action: "staff.photo-changed", recordType: "staff", recordId: actor.id, summary: { type: check.type, bytes: bytes.length } });
  });
  return check;
}

export async function getPhoto(staffId: number) {
  const prisma = await db();
  return prisma.staff.findUnique({ where: { id: staffId }, select: { photo: true, photoType: true } });
}
