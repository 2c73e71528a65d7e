import { describe, expect, it } from "vitest";
import { organisationSchema } from "~/domain/organisations/organisation.schema";
import {
  createOrganisation, getOrganisation, listOrganisations, organisationContacts, organisationOptions, updateOrganisation,
} from "~/domain/organisations/organisations.server";
import { contactSortName } from "~/domain/contacts/contact-rules";
import { db, rawDb } from "~/lib/db.server";
import { createTestStaff } from "../db-utils";

/** Contacts written the way the database demands: the processing record first, then the contact. */
function addContacts(organisationId: number, n: number) {
  const raw = rawDb();
  const purposeId = (raw.prepare(`SELECT id FROM "Purpose" WHERE code = 'prospecting'`).get() as { id: number }).id;
  const now = new Date().toISOString().replace("Z", "+00:00");
  const added: { id: number; sortName: string }[] = [];
  raw.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = ((raw.prepare('SELECT MAX(id) AS m FROM "Contact"').get() as { m: number | null }).m ?? 0) + 1;
      // Names repeat, so the id must break ties in the page order.
      const [firstName, lastName] = [`Eva${i % 7}`, `Claes${i % 25}`];
      raw.prepare(`INSERT INTO "ProcessingRecord" (contactId, purposeId, legalBasis, sourceKind, since) VALUES (?, ?, 'legitimate-interest', 'other', ?)`).run(id, purposeId, now);
      raw.prepare(`INSERT INTO "Contact" (id, firstName, lastName, sortName, organisationId, sourceKind, obtainedAt, updatedAt) VALUES (?, ?, ?, ?, ?, 'other', ?, ?)`)
        .run(id, firstName, lastName, contactSortName(firstName, lastName), organisationId, now, now);
      added.push({ id, sortName: contactSortName(firstName, lastName) });
    }
  })();
  return added;
}

const input = (fields: Record<string, string>) => organisationSchema.parse(fields);

async function create(fields: Record<string, string>) {
  const { actor } = await createTestStaff({ role: "sales" });
  const result = await createOrganisation(actor, input(fields));
  if (!result.ok) throw new Error(result.reason);
  return result.id;
}

describe("organisations", () => {
  it("any staff member creates and edits one; each change is audited by field name only", async () => {
    const sales = await createTestStaff({ role: "sales" });
    const created = await createOrganisation(sales.actor, input({
      name: "Brabant Pharma", vatNumber: "BE 0403.170.701", phone: "02 555 12 34", city: "Leuven", tags: "Key account, partner",
    }));
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const org = await getOrganisation(created.id);
    expect(org).toMatchObject({ name: "Brabant Pharma", vatNumber: "BE0403170701", phone: "+3225551234", tags: "key-account partner", _count: { contacts: 0 } });

    const prisma = await db();
    const createdEntry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "organisation.created", recordId: String(created.id) } });
    expect(createdEntry.staffId).toBe(sales.id);
    expect(JSON.parse(createdEntry.summary)).toEqual({ fields: ["name", "vatNumber", "phone", "city", "tags"] });

    const manager = await createTestStaff({ role: "manager" });
    const updated = await updateOrganisation(manager.actor, created.id, input({ name: "Brabant Pharma", vatNumber: "BE0403170701", phone: "+32 470 12 34 56", city: "Brussel" }));
    expect(updated).toEqual({ ok: true, id: created.id });
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "organisation.updated", recordId: String(created.id) } });
    expect(entry.staffId).toBe(manager.id);
    expect(JSON.parse(entry.summary)).toEqual({ fields: ["phone", "city", "tags"] });
    for (const value of ["Brussel", "Leuven", "470", "Brabant", "partner"]) expect(entry.summary).not.toContain(value);
  });

  it("writes no audit entry when nothing changed, and answers NOT_FOUND for a missing one", async () => {
    const { actor } = await createTestStaff();
    const id = await create({ name: "Lumen Foods" });
    const prisma = await db();
    expect(await updateOrganisation(actor, id, input({ name: "Lumen Foods" }))).toEqual({ ok: true, id });
    expect(await prisma.auditEntry.count({ where: { action: "organisation.updated", recordId: String(id) } })).toBe(0);
    expect(await updateOrganisation(actor, 999_999, input({ name: "Ghost" }))).toEqual({ ok: false, reason: "NOT_FOUND" });
  });

  it("refuses a VAT number another organisation already has, however it is typed", async () => {
    const { actor } = await createTestStaff();
    const first = await create({ name: "Delta Engineering", vatNumber: "BE0123456749" });
    expect(await createOrganisation(actor, input({ name: "Delta Bis", vatNumber: "0123.456.749" }))).toEqual({ ok: false, reason: "VAT_TAKEN" });
    const second = await create({ name: "Delta Ter" });
    expect(await updateOrganisation(actor, second, input({ name: "Delta Ter", vatNumber: "be 0123 456 749" }))).toEqual({ ok: false, reason: "VAT_TAKEN" });
    // Keeping its own number is not a clash.
    expect(await updateOrganisation(actor, first, input({ name: "Delta Engineering NV", vatNumber: "BE 0123.456.749" }))).toEqual({ ok: true, id: first });
  });

  it("finds organisations by the start of their name, without accents or case", async () => {
    const schelde = await create({ name: "Schelde Logistics" });
    await create({ name: "Scheldeport Services" });
    await create({ name: "Société Générale de Schelde" });
    const ids = async (q: string) => (await listOrganisations({ q })).items.map((o) => o.id);
    expect(await ids("sch")).toContain(schelde);
    expect(await ids("schelde l")).toEqual([schelde]);
    expect(await ids("SCHELDE   L")).toEqual([schelde]);
    expect(await ids("logistics")).not.toContain(schelde);
    expect((await listOrganisations({ q: "socie" })).items.map((o) => o.name)).toEqual(["Société Générale de Schelde"]);
    expect((await organisationOptions("schelde")).map((o) => o.name)).toEqual(["Schelde Logistics", "Scheldeport Services"]);
  });

  it("pages the list by key: pages do not overlap and together hold every match in name order", async () => {
    const { actor } = await createTestStaff();
    // 120 names sharing a prefix, including duplicates, so paging must order by (sortName, id).
    for (let i = 0; i < 120; i++) {
      const result = await createOrganisation(actor, input({ name: `Kempen Pagina ${String(i % 60).padStart(3, "0")}` }));
      expect(result.ok).toBe(true);
    }
    const seen: number[] = [];
    let cursor: number | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listOrganisations>> = await listOrganisations({ q: "kempen pag", cursor });
      expect(page.items.length).toBeLessThanOrEqual(50);
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(120);
    const prisma = await db();
    const expected = await prisma.organisation.findMany({ where: { sortName: { startsWith: "kempen pag" } }, orderBy: [{ sortName: "asc" }, { id: "asc" }], select: { id: true } });
    expect(seen).toEqual(expected.map((o) => o.id));
    expect((await organisationOptions("kempen")).length).toBe(20);
  });

  it("lists an organisation's contacts in name order, a page of 50 at a time", async () => {
    const id = await create({ name: "Orion Training" });
    expect(await organisationContacts(id)).toEqual({ items: [], nextCursor: null });
    const added = addContacts(id, 60);
    const first = await organisationContacts(id);
    expect(first.items).toHaveLength(50);
    const second = await organisationContacts(id, first.nextCursor);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((c) => c.id);
    expect(ids).toEqual(added.sort((a, b) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id - b.id)).map((c) => c.id));
    expect(first.items[0]).toEqual({ id: expect.any(Number), firstName: expect.any(String), lastName: expect.any(String), jobTitle: null, stage: "lead", restricted: false, erased: false });
    expect((await getOrganisation(id))?._count.contacts).toBe(60);
  });
});
