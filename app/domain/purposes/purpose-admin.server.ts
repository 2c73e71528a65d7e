import { changedFields, recordAudit } from "~/domain/audit/audit.server";
import { sweepRetention } from "~/domain/privacy/retention-sweep.server";
import type { Actor } from "~/domain/staff/roles";
import { db } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import type { PurposeInput } from "./purpose.schema";
import { ruleOf } from "./purposes.server";
import { recomputePurposeRetention } from "./retention-recompute.server";
import { sameRule } from "./rule-change";

/** Purposes as admins edit them and the Art. 30 register shows them (lists decoded from JSON). */
const select = {
  id: true, code: true, nameEn: true, nameNl: true, nameFr: true, legalBasis: true, laterBasis: true,
  retentionAnchor: true, retentionYears: true, retentionMonths: true, marketing: true, categories: true, recipients: true, active: true,
} as const;

export function jsonList(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

async function readPurposes(where?: { id: number }) {
  const prisma = await db();
  const rows = await prisma.purpose.findMany({ where, orderBy: { id: "asc" }, select });
  return rows.map((p) => ({ ...p, categories: jsonList(p.categories), recipients: jsonList(p.recipients) }));
}
export type AdminPurpose = Awaited<ReturnType<typeof readPurposes>>[number];

/** Every purpose, also inactive ones (the register must show what was processed). Admins and the register's readers. */
export async function listPurposesForAdmin(actor: Actor): Promise<AdminPurpose[]> {
  assertRole(actor, "manager");
  return readPurposes();
}

export async function getPurposeForAdmin(actor: Actor, id: number): Promise<AdminPurpose | null> {
  assertRole(actor, "admin");
  return (await readPurposes({ id }))[0] ?? null;
}

export type UpdatePurposeResult =
  | { ok: true; moved: number; flagged: number; cleared: number }
  | { ok: false; reason: "NOT_FOUND" };

/**
 * Saves a purpose. A changed retention rule moves the dates of the records it governs, in batches
 * after the save, then the sweep updates the review queue, so what the page says is what now holds.
 */
export async function updatePurpose(actor: Actor, id: number, input: PurposeInput): Promise<UpdatePurposeResult> {
  assertRole(actor, "admin");
  const prisma = await db();
  const data = {
    nameEn: input.nameEn, nameNl: input.nameNl, nameFr: input.nameFr, legalBasis: input.legalBasis, laterBasis: input.laterBasis,
    retentionAnchor: input.retentionAnchor, retentionYears: input.retentionYears, retentionMonths: input.retentionMonths,
    categories: JSON.stringify(input.categories), recipients: JSON.stringify(input.recipients), marketing: input.marketing,
  };
  const before = await prisma.$transaction(async (tx) => {
    const found = await tx.purpose.findUnique({ where: { id }, select });
    if (!found) return null;
    await tx.purpose.update({ where: { id }, data });
    const fields = changedFields(found as unknown as Record<string, unknown>, data);
    await recordAudit(tx, { actor, action: "purpose.updated", recordType: "purpose", recordId: id, summary: { fields } });
    return found;
  });
  if (!before) return { ok: false, reason: "NOT_FOUND" };
  const oldRule = ruleOf(before);
  const newRule = ruleOf(data);
  if (sameRule(oldRule, newRule)) return { ok: true, moved: 0, flagged: 0, cleared: 0 };

  const { moved, batches } = await recomputePurposeRetention(id, oldRule, newRule);
  await recordAudit(prisma, { actor, action: "purpose.retention-recomputed", recordType: "purpose", recordId: id, summary: { moved, batches, anchor: newRule.anchor, years: newRule.years, months: newRule.months } });
  const sweep = await sweepRetention({ actor });
  return { ok: true, moved, flagged: sweep.flaggedContacts, cleared: sweep.clearedContacts };
}
