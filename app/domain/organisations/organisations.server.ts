import { changedFields, recordAudit } from "~/domain/audit/audit.server";
import { foldText } from "~/domain/contacts/contact-rules";
import type { Actor } from "~/domain/staff/roles";
import { db, rawDb, type Prisma } from "~/lib/db.server";
import type { OrganisationInput } from "./organisation.schema";

export const ORGANISATION_PAGE_SIZE = 50;
export const ORGANISATION_OPTIONS_LIMIT = 20;

export type OrganisationResult = { ok: true; id: number } | { ok: false; reason: "VAT_TAKEN" | "NOT_FOUND" };

/** The stored form of the input: sortName for prefix search, tags space-separated (see the schema). */
function toRow(input: OrganisationInput) {
  return {
    name: input.name,
    sortName: foldText(input.name),
    vatNumber: input.vatNumber,
    phone: input.phone,
    street: input.street,
    postalCode: input.postalCode,
    city: input.city,
    country: input.country,
    website: input.website,
    tags: input.tags.join(" "),
  };
}

type Row = ReturnType<typeof toRow>;

/** The unique index is the final word: a check before writing can still race with another writer. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

async function vatTaken(vatNumber: string | null, exceptId?: number): Promise<boolean> {
  if (!vatNumber) return false;
  const prisma = await db();
  const clash = await prisma.organisation.findUnique({ where: { vatNumber }, select: { id: true } });
  return clash !== null && clash.id !== exceptId;
}

/** Any staff role may create organisations: a company name is not personal data of a contact. */
export async function createOrganisation(actor: Actor, input: OrganisationInput): Promise<OrganisationResult> {
  if (await vatTaken(input.vatNumber)) return { ok: false, reason: "VAT_TAKEN" };
  const row = toRow(input);
  const prisma = await db();
  try {
    const id = await prisma.$transaction(async (tx) => {
      const created = await tx.organisation.create({ data: row, select: { id: true } });
      // Field names only: the audit trail must not become a second copy of the data.
      const fields = (Object.keys(row) as (keyof Row)[]).filter((k) => k !== "sortName" && row[k] !== null && row[k] !== "");
      await recordAudit(tx, { actor, action: "organisation.created", recordType: "organisation", recordId: created.id, summary: { fields } });
      return created.id;
    });
    return { ok: true, id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "VAT_TAKEN" };
    throw error;
  }
}

export async function updateOrganisation(actor: Actor, id: number, input: OrganisationInput): Promise<OrganisationResult> {
  if (await vatTaken(input.vatNumber, id)) return { ok: false, reason: "VAT_TAKEN" };
  const row = toRow(input);
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await tx.organisation.findUnique({
        where: { id },
        select: { name: true, sortName: true, vatNumber: true, phone: true, street: true, postalCode: true, city: true, country: true, website: true, tags: true },
      });
      if (!before) return { ok: false as const, reason: "NOT_FOUND" as const };
      const fields = changedFields(before, row).filter((k) => k !== "sortName");
      if (fields.length === 0) return { ok: true as const, id };
      await tx.organisation.update({ where: { id }, data: row, select: { id: true } });
      await recordAudit(tx, { actor, action: "organisation.updated", recordType: "organisation", recordId: id, summary: { fields } });
      return { ok: true as const, id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "VAT_TAKEN" };
    throw error;
  }
}

export async function getOrganisation(id: number) {
  const prisma = await db();
  return prisma.organisation.findUnique({
    where: { id },
    select: {
      id: true, name: true, vatNumber: true, phone: true, street: true, postalCode: true, city: true,
      country: true, website: true, tags: true, createdAt: true, updatedAt: true,
      _count: { select: { contacts: true } },
    },
  });
}

/**
 * [lo, hi) covering every folded name that starts with `q`: a range the (sortName, id) index can
 * seek, unlike LIKE (case-insensitive in SQLite, so it cannot use a binary index). hi is lo with
 * its last code point raised by one; UTF-8 byte order equals code point order, as SQLite compares.
 */
export function prefixRange(q: string): { lo: string; hi: string } | null {
  const lo = foldText(q);
  if (lo === "") return null;
  const points = Array.from(lo);
  let last = points.pop()!.codePointAt(0)! + 1;
  if (last >= 0xd800 && last <= 0xdfff) last = 0xe000;
  if (last > 0x10ffff) return { lo, hi: `${lo}\u{10ffff}` };
  return { lo, hi: points.join("") + String.fromCodePoint(last) };
}

type Page<T> = { items: T[]; nextCursor: number | null };

function page<T extends { id: number }>(rows: T[], size: number): Page<T> {
  const items = rows.slice(0, size);
  return { items, nextCursor: rows.length > size ? items[items.length - 1].id : null };
}

export type OrganisationListItem = Prisma.OrganisationGetPayload<{ select: { id: true; name: true; vatNumber: true; city: true } }> & {
  contactCount: number;
};

/**
 * One page of organisations in name order, optionally those whose name starts with `q`.
 * Keyset paging on (sortName, id): `cursor` is the last id of the previous page, so page 1,000
 * costs what page 1 does.
 */
export async function listOrganisations({ q = "", cursor }: { q?: string; cursor?: number | null }): Promise<Page<OrganisationListItem>> {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: ORGANISATION_PAGE_SIZE + 1 };
  const range = prefixRange(q);
  if (range) {
    where.push("o.sortName >= @lo AND o.sortName < @hi");
    Object.assign(params, range);
  }
  const after = cursor ? rawDb().prepare<[number], { sortName: string }>('SELECT sortName FROM "Organisation" WHERE id = ?').get(cursor) : undefined;
  if (after) {
    where.push("(o.sortName, o.id) > (@afterName, @afterId)");
    Object.assign(params, { afterName: after.sortName, afterId: cursor });
  }
  const rows = rawDb()
    .prepare<Record<string, string | number>, OrganisationListItem>(
      `SELECT o.id, o.name, o.vatNumber, o.city,
         (SELECT COUNT(*) FROM "Contact" c WHERE c.organisationId = o.id) AS contactCount
       FROM "Organisation" o ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY o.sortName, o.id LIMIT @limit`,
    )
    .all(params);
  return page(rows, ORGANISATION_PAGE_SIZE);
}

export type OrganisationContact = Prisma.ContactGetPayload<{ select: { id: true; firstName: true; lastName: true; jobTitle: true; stage: true; restricted: true } }> & {
  erased: boolean;
};

/** The organisation's contacts in name order, keyset-paged like the list (index on organisationId, sortName). */
export async function organisationContacts(id: number, cursor?: number | null): Promise<Page<OrganisationContact>> {
  const params: Record<string, string | number> = { id, limit: ORGANISATION_PAGE_SIZE + 1 };
  const after = cursor
    ? rawDb().prepare<[number, number], { sortName: string }>('SELECT sortName FROM "Contact" WHERE id = ? AND organisationId = ?').get(cursor, id)
    : undefined;
  if (after) Object.assign(params, { afterName: after.sortName, afterId: cursor });
  const rows = rawDb()
    .prepare<Record<string, string | number>, { id: number; firstName: string; lastName: string; jobTitle: string | null; stage: string; restricted: number; erasedAt: string | null }>(
      `SELECT id, firstName, lastName, jobTitle, stage, restricted, erasedAt FROM "Contact"
       WHERE organisationId = @id ${after ? "AND (sortName, id) > (@afterName, @afterId)" : ""}
       ORDER BY sortName, id LIMIT @limit`,
    )
    .all(params);
  const items = rows.map(({ restricted, erasedAt, ...rest }) => ({ ...rest, restricted: restricted === 1, erased: erasedAt !== null }));
  return page(items, ORGANISATION_PAGE_SIZE);
}

/** For the organisation picker of the contact form: the first 20 names starting with `q`. */
export async function organisationOptions(q: string): Promise<{ id: number; name: string }[]> {
  const range = prefixRange(q);
  const sql = `SELECT id, name FROM "Organisation" ${range ? "WHERE sortName >= @lo AND sortName < @hi" : ""} ORDER BY sortName, id LIMIT @limit`;
  return rawDb()
    .prepare<Record<string, string | number>, { id: number; name: string }>(sql)
    .all({ ...range, limit: ORGANISATION_OPTIONS_LIMIT });
}
