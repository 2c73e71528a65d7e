import { changedFields, recordAudit } from "~/domain/audit/audit.server";
import { jsonList } from "~/domain/purposes/purpose-admin.server";
import type { Actor } from "~/domain/staff/roles";
import { db } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import type { ProcessorInput } from "./processor.schema";

/** Processors (Art. 28) and the transfers they make outside the EEA (Art. 44–49), for the record of processing. */

const select = {
  id: true, name: true, service: true, dataCategories: true, dpaSignedOn: true, location: true, outsideEea: true, safeguard: true, toComplete: true,
} as const;

async function readProcessors(where?: { id: number }) {
  const prisma = await db();
  const rows = await prisma.processor.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], select });
  return rows.map((p) => ({ ...p, dataCategories: jsonList(p.dataCategories) }));
}
export type ProcessorRow = Awaited<ReturnType<typeof readProcessors>>[number];

/** Managers read them in the register; admins manage them. */
export async function listProcessors(actor: Actor): Promise<ProcessorRow[]> {
  assertRole(actor, "manager");
  return readProcessors();
}

export async function getProcessor(actor: Actor, id: number): Promise<ProcessorRow | null> {
  assertRole(actor, "admin");
  return (await readProcessors({ id }))[0] ?? null;
}

function processorData(input: ProcessorInput) {
  return {
    name: input.name, service: input.service, dataCategories: JSON.stringify(input.dataCategories),
    dpaSignedOn: input.dpaSignedOn ? new Date(`${input.dpaSignedOn}T00:00:00Z`) : null, location: input.location,
    outsideEea: input.outsideEea, safeguard: input.outsideEea ? input.safeguard : null,
    // Art. 28(3): without a signed processing agreement the entry is not complete.
    toComplete: !input.dpaSignedOn,
  };
}

export async function createProcessor(actor: Actor, input: ProcessorInput): Promise<{ ok: true; id: number }> {
  assertRole(actor, "admin");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const created = await tx.processor.create({ data: processorData(input), select: { id: true } });
    await recordAudit(tx, { actor, action: "processor.created", recordType: "processor", recordId: created.id, summary: { service: input.service, outsideEea: input.outsideEea } });
    return { ok: true as const, id: created.id };
  });
}

export async function updateProcessor(actor: Actor, id: number, input: ProcessorInput): Promise<{ ok: true } | { ok: false; reason: "NOT_FOUND" }> {
  assertRole(actor, "admin");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const before = await tx.processor.findUnique({ where: { id }, select });
    if (!before) return { ok: false as const, reason: "NOT_FOUND" as const };
    const data = processorData(input);
    await tx.processor.update({ where: { id }, data });
    await recordAudit(tx, { actor, action: "processor.updated", recordType: "processor", recordId: id, summary: { fields: changedFields(before as unknown as Record<string, unknown>, data) } });
    return { ok: true as const };
  });
}
