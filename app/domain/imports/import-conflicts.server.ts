/**
 * A merge never overwrites: where the file differs from the contact, a person decides per field
 * whether to keep the contact's value or take the file's. Same permission rules as editing the contact.
 */
import { recordAudit } from "~/domain/audit/audit.server";
import { contactEditDenied, contactSortName, foldText, type EditDenied } from "~/domain/contacts/contact-rules";
import type { Actor } from "~/domain/staff/roles";
import { db } from "~/lib/db.server";
import type { ResolveConflictInput } from "./import.schema";
import type { FieldConflict } from "./row-outcome";

export type ResolveResult = { ok: true } | { ok: false; reason: "NOT_FOUND" | "CONFLICT_ALREADY_RESOLVED" | "EMAIL_TAKEN" | EditDenied };

export async function resolveConflict(actor: Actor, batchId: number, input: ResolveConflictInput): Promise<ResolveResult> {
  const prisma = await db();
  return prisma.$transaction(async (tx): Promise<ResolveResult> => {
    const row = await tx.importRow.findFirst({ where: { id: input.rowId, batchId, outcome: "merged" }, select: { contactId: true, conflicts: true, resolvedAt: true } });
    if (!row?.contactId || !row.conflicts) return { ok: false, reason: "NOT_FOUND" };
    if (row.resolvedAt) return { ok: false, reason: "CONFLICT_ALREADY_RESOLVED" };
    const contact = await tx.contact.findUnique({ where: { id: row.contactId }, select: { ownerId: true, restricted: true, erasedAt: true, firstName: true, lastName: true } });
    if (!contact) return { ok: false, reason: "NOT_FOUND" };
    const denied = contactEditDenied(actor, contact);
    if (denied) return { ok: false, reason: denied };

    const taken = (JSON.parse(row.conflicts) as FieldConflict[]).filter((c) => input.choices[c.field] === "incoming");
    const data: Record<string, string | number> = {};
    for (const conflict of taken) {
      if (conflict.field === "organisation") {
        const sortName = foldText(conflict.incoming);
        const existing = await tx.organisation.findFirst({ where: { sortName }, select: { id: true } });
        const organisation = existing ?? (await tx.organisation.create({ data: { name: conflict.incoming, sortName }, select: { id: true } }));
        if (!existing) await recordAudit(tx, { actor, action: "organisation.created", recordType: "organisation", recordId: organisation.id, summary: { via: "import-conflict" } });
        data.organisationId = organisation.id;
      } else if (conflict.field === "email") {
        const owner = await tx.contact.findUnique({ where: { email: conflict.incoming }, select: { id: true } });
        if (owner && owner.id !== row.contactId) return { ok: false, reason: "EMAIL_TAKEN" };
        data.email = conflict.incoming;
      } else if (conflict.field !== "notes") {
        data[conflict.field] = conflict.incoming;
      }
    }
    if (data.firstName !== undefined || data.lastName !== undefined) {
      data.sortName = contactSortName(String(data.firstName ?? contact.firstName), String(data.lastName ?? contact.lastName));
    }
    if (Object.keys(data).length) {
      await tx.contact.update({ where: { id: row.contactId }, data });
      await recordAudit(tx, {
        actor, action: "contact.updated", recordType: "contact", recordId: row.contactId,
        summary: { fields: taken.map((c) => c.field), via: "import-conflict", importBatchId: batchId },
      });
    }
    await tx.importRow.update({ where: { id: input.rowId }, data: { resolvedAt: new Date() } });
    await recordAudit(tx, { actor, action: "import.conflict-resolved", recordType: "import-batch", recordId: batchId, summary: { rowId: input.rowId, taken: taken.map((c) => c.field) } });
    return { ok: true };
  });
}
