import { changedFields, recordAudit } from "~/domain/audit/audit.server";
import type { Actor } from "~/domain/staff/roles";
import { db } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import type { PurposeInput } from "./purpose.schema";
import { ruleOf } from "./retention";
import { openRecomputeJob, recomputeUnfinished, startRecomputeJob, type RecomputeOptions } from "./recompute-job.server";
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
  | { ok: true; recomputeJobId: number | null }
  | { ok: false; reason: "NOT_FOUND" | "RECOMPUTE_RUNNING" };

/**
 * Saves a purpose in one short transaction with its audit entry. A changed retention rule opens a
 * recompute job in that same transaction and starts it in the background (recompute-job.server.ts):
 * the dates it governs move in batches after the answer, then the sweep updates the review queue.
 * While the last rule change is still being applied, the rule cannot change again (ADR 019).
 */
export async function updatePurpose(actor: Actor, id: number, input: PurposeInput, options: RecomputeOptions = {}): Promise<UpdatePurposeResult> {
  assertRole(actor, "admin");
  const prisma = await db();
  const data = {
    nameEn: input.nameEn, nameNl: input.nameNl, nameFr: input.nameFr, legalBasis: input.legalBasis, laterBasis: input.laterBasis,
    retentionAnchor: input.retentionAnchor, retentionYears: input.retentionYears, retentionMonths: input.retentionMonths,
    categories: JSON.stringify(input.categories), recipients: JSON.stringify(input.recipients), marketing: input.marketing,
  };
  const newRule = ruleOf(data);
  const result = await prisma.$transaction(async (tx): Promise<UpdatePurposeResult> => {
    const found = await tx.purpose.findUnique({ where: { id }, select });
    if (!found) return { ok: false, reason: "NOT_FOUND" };
    const oldRule = ruleOf(found);
    const ruleChanged = !sameRule(oldRule, newRule);
    if (ruleChanged && (await recomputeUnfinished(tx, id))) return { ok: false, reason: "RECOMPUTE_RUNNING" };
    await tx.purpose.update({ where: { id }, data });
    const recomputeJobId = ruleChanged ? await openRecomputeJob(tx, { purposeId: id, staffId: actor.id, before: oldRule, after: newRule }) : null;
    const fields = changedFields(found as unknown as Record<string, unknown>, data);
    await recordAudit(tx, { actor, action: "purpose.updated", recordType: "purpose", recordId: id, summary: { fields, recomputeJobId } });
    return { ok: true, recomputeJobId };
  });
  if (result.ok && result.recomputeJobId !== null) void startRecomputeJob(result.recomputeJobId, actor, options);
  return result;
}
