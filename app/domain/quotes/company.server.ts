import { recordAudit, changedFields } from "~/domain/audit/audit.server";
import type { Actor } from "~/domain/staff/roles";
import { db, type Tx } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import { companySchema, type CompanyDetails } from "./company.schema";

const KEY = "company.details";

/** Shown until an admin fills in the real details, so a print never comes out blank. */
export const PLACEHOLDER_COMPANY: CompanyDetails = {
  name: "Your company (set in Admin → Company)", street: null, postalCode: null, city: null, country: null,
  vatNumber: null, iban: null, bic: null, email: null, phone: null, paymentTermsDays: 30, quoteValidityDays: 30,
};

export async function getCompanyDetails(tx?: Tx): Promise<CompanyDetails & { isPlaceholder: boolean }> {
  const client = tx ?? (await db());
  const row = await client.setting.findUnique({ where: { key: KEY }, select: { value: true } });
  if (!row) return { ...PLACEHOLDER_COMPANY, isPlaceholder: true };
  const parsed = companySchema.safeParse(JSON.parse(row.value));
  return parsed.success ? { ...parsed.data, isPlaceholder: false } : { ...PLACEHOLDER_COMPANY, isPlaceholder: true };
}

/** Admins only: these details go on every legal document from now on (issued ones keep their own copy). */
export async function saveCompanyDetails(actor: Actor, details: CompanyDetails): Promise<void> {
  assertRole(actor, "admin");
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const before = await getCompanyDetails(tx);
    const value = JSON.stringify(details);
    await tx.setting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
    const fields = changedFields(before as unknown as Record<string, unknown>, details as unknown as Record<string, unknown>);
    await recordAudit(tx, { actor, action: "company.updated", recordType: "setting", recordId: KEY, summary: { fields } });
  });
}
