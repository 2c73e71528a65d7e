import crypto from "node:crypto";
import { recordAudit } from "~/domain/audit/audit.server";
import { hashPassword } from "~/domain/staff/password.server";
import { db, rawDb } from "~/lib/db.server";
import { seedBig } from "../scripts/seed-big-lib";
import { DEMO_STAFF } from "./factories";

const MARKER = "demo-seeded-at";

/**
 * Demo data on the first run only (a Setting marks it done): a few staff of each role, sharing one
 * generated password that is printed once, and a few hundred synthetic contacts with organisations,
 * purposes and interactions so the pages are not empty (SEED_DEMO_CONTACTS, default 250; 0 for none).
 * Set SEED_DEMO=0 to skip it all.
 */
export async function seedDemoOnce(): Promise<{ password: string; emails: string[]; contacts: number } | null> {
  if (process.env.SEED_DEMO === "0") return null;
  const prisma = await db();
  if (await prisma.setting.findUnique({ where: { key: MARKER } })) return null;
  const password = process.env.DEMO_PASSWORD || crypto.randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  const emails: string[] = [];
  await prisma.$transaction(async (tx) => {
    for (const s of DEMO_STAFF) {
      if (await tx.staff.findUnique({ where: { email: s.email }, select: { id: true } })) continue;
      const created = await tx.staff.create({ data: { ...s, passwordHash }, select: { id: true } });
      await recordAudit(tx, { actor: null, action: "staff.created", recordType: "staff", recordId: created.id, summary: { role: s.role, demo: true } });
      emails.push(s.email);
    }
    await tx.setting.create({ data: { key: MARKER, value: new Date().toISOString() } });
  });
  const contacts = Number(process.env.SEED_DEMO_CONTACTS ?? 250);
  if (contacts > 0) await seedBig(rawDb(), { contacts, seed: 7 });
  return { password, emails, contacts };
}
