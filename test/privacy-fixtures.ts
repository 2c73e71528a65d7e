import { contactSchema } from "~/domain/contacts/contact.schema";
import { createContact } from "~/domain/contacts/contacts.server";
import { getPurposeForAdmin } from "~/domain/purposes/purpose-admin.server";
import { listPurposes, type PurposeRow } from "~/domain/purposes/purposes.server";
import type { Actor } from "~/domain/staff/roles";

let n = 0;

/** Seeded purposes by code ("newsletter", "prospecting", …). */
export async function purposesByCode(): Promise<Record<string, PurposeRow>> {
  return Object.fromEntries((await listPurposes()).map((p) => [p.code, p]));
}

/** A contact created through the real domain operation, with the given purposes (codes). */
export async function makeContact(actor: Actor, purposeCodes: string[], overrides: Record<string, unknown> = {}): Promise<number> {
  n += 1;
  const purposes = await purposesByCode();
  const input = contactSchema.parse({
    firstName: "Chloé", lastName: `Privacy${n}`, email: `privacy.${n}.${Date.now()}@example.test`, stage: "lead",
    sourceKind: "phone", obtainedAt: "2026-01-15", purposeIds: purposeCodes.map((c) => String(purposes[c].id)), ...overrides,
  });
  const result = await createContact(actor, input);
  if (!result.ok) throw new Error(`contact not created: ${result.reason}`);
  return result.id;
}

/** A purpose's edit form as the admin page posts it, with the rule (or English name) changed where given. */
export async function purposeEditForm(admin: Actor, purposeId: number, change: { years?: number; months?: number; nameEn?: string } = {}) {
  const p = await getPurposeForAdmin(admin, purposeId);
  if (!p) throw new Error(`purpose ${purposeId} not found`);
  return {
    nameEn: change.nameEn ?? p.nameEn, nameNl: p.nameNl, nameFr: p.nameFr, legalBasis: p.legalBasis, laterBasis: p.laterBasis ?? "",
    retentionAnchor: p.retentionAnchor, retentionYears: String(change.years ?? p.retentionYears), retentionMonths: String(change.months ?? p.retentionMonths),
    categories: p.categories.join(", "), recipients: p.recipients.join(", "), marketing: p.marketing ? "on" : "",
  };
}
