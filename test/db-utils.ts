import { staffSeed, type StaffSeed } from "../prisma/factories";
import { hashPassword } from "~/domain/staff/password.server";
import type { Actor } from "~/domain/staff/roles";
import { db } from "~/lib/db.server";

export const TEST_PASSWORD = "Test-Password-For-Staff-1";

/** A staff account written straight to the test database, with TEST_PASSWORD unless told otherwise. */
export async function createTestStaff(overrides: Partial<StaffSeed> & { password?: string; mustChangePassword?: boolean } = {}) {
  const { password = TEST_PASSWORD, mustChangePassword = false, ...rest } = overrides;
  const seed = staffSeed(rest);
  const prisma = await db();
  const staff = await prisma.staff.create({
    data: { ...seed, passwordHash: await hashPassword(password), mustChangePassword },
    select: { id: true, email: true, role: true, name: true },
  });
  const actor: Actor = { id: staff.id, role: seed.role, ip: "127.0.0.1" };
  return { ...staff, actor, password };
}
