import { recordAudit } from "~/domain/audit/audit.server";
import type { Actor, Language } from "~/domain/staff/roles";
import { db, preparedStatement, type Tx } from "~/lib/db.server";
import { forbidden } from "~/lib/permissions.server";
import { strategyFor, type Strategy } from "./contact-list-plan.server";
import { countUpTo, explainPage, pageSteps, runPage } from "./contact-list-sql.server";
import { BULK_LIMIT, decodeCursor, encodeCursor, type ContactListFilter, type ContactListQuery, type CursorValues } from "./contact-list.schema";
import { canReassignOwner, contactEditDenied, type EditDenied } from "./contact-rules";

export const CONTACT_PAGE_SIZE = 50;
/** Counting stops here: past it the page says "10,000+", which is all a person needs. */
export const COUNT_CAP = 10_000;

/** Only the columns the list shows; dates are ISO-8601 text. */
export type ContactListRow = {
  id: number;
  firstName: string;
  lastName: string;
  email: string | null;
  organisationName: string | null;
  stage: string;
  ownerName: string | null;
  restricted: boolean;
  retentionFlaggedAt: string | null;
  lastInteractionAt: string | null;
};

export type ContactListPage = { rows: ContactListRow[]; nextCursor: string | null };

type RawListRow = Omit<ContactListRow, "restricted"> & { restricted: number; sortName: string };

function cursorAfter(query: ContactListQuery): CursorValues | null {
  if (!query.cursor) return null;
  const after = decodeCursor(query.sort, query.cursor);
  if (!after) throw new Error("invalid cursor (the schema should have refused it)");
  return after;
}

function cursorOf(query: ContactListQuery, row: RawListRow): string {
  if (query.sort === "newest") return encodeCursor({ sort: "newest", id: row.id });
  if (query.sort === "last-interaction") return encodeCursor({ sort: "last-interaction", lastInteractionAt: row.lastInteractionAt, id: row.id });
  return encodeCursor({ sort: query.sort, sortName: row.sortName, id: row.id });
}

/**
 * One page of the list, by keyset (never OFFSET): fast on page 1 and on page 20,000 alike.
 * `strategy` is for tests and benchmarks, to prove every way of reading gives the same pages.
 */
export function listContacts(query: ContactListQuery, strategy: Strategy = strategyFor(query, query.sort)): ContactListPage {
  const steps = pageSteps(query, query.sort, cursorAfter(query), { kind: "list" }, strategy);
  const raw = runPage<RawListRow>(steps, CONTACT_PAGE_SIZE + 1);
  const page = raw.slice(0, CONTACT_PAGE_SIZE);
  const rows = page.map(({ sortName: _sortName, restricted, ...row }) => ({ ...row, restricted: restricted === 1 }));
  const nextCursor = raw.length > CONTACT_PAGE_SIZE ? cursorOf(query, page[page.length - 1]) : null;
  return { rows, nextCursor };
}

/**
 * "10,000+" answers are remembered this long per filter: counting to the cap costs 1.5–3 ms at a
 * million contacts on every page load, and a filter that matched more than 10,000 contacts a
 * moment ago still does (only a bulk erasure or an import undo could bring it under, and then the
 * page shows "10,000+" for at most this long). Exact counts are never remembered.
 */
export const OVER_CAP_MEMORY_MS = 30_000;
const OVER_CAP_MEMORY_SIZE = 500;
const overCap = new Map<string, number>();

/** Exact up to COUNT_CAP; beyond it `{ count: COUNT_CAP, more: true }`. */
export function countContacts(filter: ContactListFilter, now = Date.now()): { count: number; more: boolean } {
  const key = JSON.stringify(Object.entries(filter).filter(([name, value]) => value !== undefined && name !== "sort" && name !== "cursor").sort(([a], [b]) => a.localeCompare(b)));
  const seen = overCap.get(key);
  if (seen !== undefined && now - seen < OVER_CAP_MEMORY_MS) return { count: COUNT_CAP, more: true };
  overCap.delete(key);
  const n = countUpTo(filter, COUNT_CAP);
  if (n <= COUNT_CAP) return { count: n, more: false };
  if (overCap.size >= OVER_CAP_MEMORY_SIZE) overCap.delete(overCap.keys().next().value!);
  overCap.set(key, now);
  return { count: COUNT_CAP, more: true };
}

/** The query plan of a list page (tests and benchmarks prove it uses the indexes). */
export function explainContactList(query: ContactListQuery): string[] {
  return explainPage(pageSteps(query, query.sort, cursorAfter(query), { kind: "list" }, strategyFor(query, query.sort)));
}

/** Choices of the list's filters. */
/** The filter choices the list offers. Read on every list page: prepared statements, not Prisma queries. */
export async function contactListOptions(language: Language) {
  await db();
  const nameColumn = ({ en: "nameEn", nl: "nameNl", fr: "nameFr" } as const)[language];
  type Option = { id: number; name: string };
  const owners = preparedStatement(`SELECT id, name FROM "Staff" WHERE active = 1 ORDER BY name, id`).all() as Option[];
  const purposes = preparedStatement(`SELECT id, ${nameColumn} AS name FROM "Purpose" ORDER BY id`).all() as Option[];
  const tradeFairs = preparedStatement(`SELECT id, name FROM "TradeFair" ORDER BY startsOn DESC, name LIMIT 200`).all() as Option[];
  return { owners, tradeFairs, purposes };
}

export type BulkSkipReason = EditDenied | "NOT_FOUND";
export type BulkResult = { ok: true; updated: number; skipped: { id: number; reason: BulkSkipReason }[] };

type Target = { id: number; ownerId: number | null; restricted: boolean; erasedAt: Date | null };

function checkSelection(contactIds: number[]): number[] {
  const ids = [...new Set(contactIds)];
  if (ids.length > BULK_LIMIT) throw new RangeError(`at most ${BULK_LIMIT} contacts per bulk action`);
  return ids;
}

/** The selected contacts this actor may change, and the ones skipped with the reason. */
async function editable(tx: Tx, actor: Actor, ids: number[]) {
  const found: Target[] = await tx.contact.findMany({ where: { id: { in: ids } }, select: { id: true, ownerId: true, restricted: true, erasedAt: true } });
  const byId = new Map(found.map((c) => [c.id, c]));
  const allowed: Target[] = [];
  const skipped: BulkResult["skipped"] = [];
  for (const id of ids) {
    const contact = byId.get(id);
    const denied: BulkSkipReason | null = contact ? contactEditDenied(actor, contact) : "NOT_FOUND";
    if (denied || !contact) skipped.push({ id, reason: denied ?? "NOT_FOUND" });
    else allowed.push(contact);
  }
  return { allowed, skipped };
}

// Up to BULK_LIMIT audit entries are written one by one inside the transaction.
const BULK_TX = { timeout: 30_000 };

/**
 * Gives the selected contacts to one owner (or none). Managers and admins only; restricted
 * (Art. 18) and erased contacts are skipped and reported. One audit entry per changed contact.
 */
export async function bulkAssignOwner(actor: Actor, contactIds: number[], ownerId: number | null): Promise<BulkResult | { ok: false; reason: "OWNER_NOT_FOUND" }> {
  if (!canReassignOwner(actor)) forbidden();
  const ids = checkSelection(contactIds);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    if (ownerId !== null && !(await tx.staff.findFirst({ where: { id: ownerId, active: true }, select: { id: true } }))) {
      return { ok: false as const, reason: "OWNER_NOT_FOUND" as const };
    }
    const { allowed, skipped } = await editable(tx, actor, ids);
    const changing = allowed.filter((c) => c.ownerId !== ownerId);
    await tx.contact.updateMany({ where: { id: { in: changing.map((c) => c.id) } }, data: { ownerId } });
    for (const c of changing) {
      await recordAudit(tx, { actor, action: "contact.owner-changed", recordType: "contact", recordId: c.id, summary: { from: c.ownerId, to: ownerId, bulk: true } });
    }
    return { ok: true as const, updated: changing.length, skipped };
  }, BULK_TX);
}

/**
 * Adds one tag to the selected contacts. Sales tag only contacts they may edit (their own or
 * unowned); restricted and erased contacts are skipped for everyone. One audit entry per
 * contact that gained the tag; the tag's text stays out of the audit trail (it may describe the person).
 */
export async function bulkAddTag(actor: Actor, contactIds: number[], tag: string): Promise<BulkResult> {
  const ids = checkSelection(contactIds);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const { allowed, skipped } = await editable(tx, actor, ids);
    const already = await tx.contactTag.findMany({ where: { tag, contactId: { in: allowed.map((c) => c.id) } }, select: { contactId: true } });
    const has = new Set(already.map((t) => t.contactId));
    const tagging = allowed.filter((c) => !has.has(c.id));
    await tx.contactTag.createMany({ data: tagging.map((c) => ({ contactId: c.id, tag })) });
    for (const c of tagging) {
      await recordAudit(tx, { actor, action: "contact.tag-added", recordType: "contact", recordId: c.id, summary: { fields: ["tags"], bulk: true } });
    }
    return { ok: true as const, updated: tagging.length, skipped };
  }, BULK_TX);
}
