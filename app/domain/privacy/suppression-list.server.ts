import { recordAudit } from "~/domain/audit/audit.server";
import type { Actor } from "~/domain/staff/roles";
import { secret } from "~/lib/config.server";
import { db, type Tx } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import { isoDb } from "./db-dates";
import { normaliseEmailForSuppression, suppressionHash } from "./suppression.server";

/**
 * The suppression list (erasure, Art. 21(3) objection, manual): only a keyed hash of the address
 * is stored, so the list can refuse a re-added person without itself holding their data.
 */

export type SuppressionReason = "erasure" | "objection" | "manual";

export const SUPPRESSION_PAGE_SIZE = 50;

/** The keyed hash of an address as the list stores it; null for an empty address. */
export function suppressionHashOf(email: string): string | null {
  const normalised = normaliseEmailForSuppression(email);
  if (normalised === "") return null;
  return suppressionHash(normalised, secret("SUPPRESSION_KEY"));
}

/** Adds the entry unless its hash is already listed (one statement, so concurrent adds cannot clash). True when new. */
async function insertEntry(tx: Tx, email: string, reason: SuppressionReason, actor: Actor | null): Promise<boolean> {
  const hash = suppressionHashOf(email);
  if (hash === null) throw new RangeError("cannot suppress an empty e-mail address");
  const rows = await tx.$queryRaw<{ id: number | bigint }[]>`
    INSERT INTO "SuppressionEntry" ("hash", "reason", "staffId", "createdAt")
    VALUES (${hash}, ${reason}, ${actor?.id ?? null}, ${isoDb(new Date())})
    ON CONFLICT ("hash") DO NOTHING RETURNING "id"`;
  if (rows.length === 0) return false;
  // The address is never written here: the entry id and the reason are enough to trace it.
  await recordAudit(tx, { actor, action: "suppression.added", recordType: "suppression", recordId: Number(rows[0].id), summary: { reason } });
  return true;
}

/** Puts an address on the list inside the caller's transaction; adding a listed address again changes nothing. */
export async function addToSuppressionList(tx: Tx, email: string, reason: SuppressionReason, actor: Actor | null): Promise<void> {
  await insertEntry(tx, email, reason, actor);
}

/** True when the address (in any case or spacing) is on the list. */
export async function isSuppressedIn(tx: Tx, email: string | null | undefined): Promise<boolean> {
  const hash = email ? suppressionHashOf(email) : null;
  if (hash === null) return false;
  return (await tx.suppressionEntry.findUnique({ where: { hash }, select: { id: true } })) !== null;
}

export async function isSuppressed(email: string): Promise<boolean> {
  return isSuppressedIn(await db(), email);
}

export type SuppressionRow = { id: number; hash: string; reason: string; createdAt: Date };

/** Newest first, by keyset (`cursor`: the last id of the previous page). Hashes only: the address is not stored. */
export async function listSuppression(cursor?: number | null): Promise<{ entries: SuppressionRow[]; nextCursor: number | null }> {
  const prisma = await db();
  const rows = await prisma.suppressionEntry.findMany({
    where: cursor ? { id: { lt: cursor } } : undefined,
    orderBy: { id: "desc" },
    take: SUPPRESSION_PAGE_SIZE + 1,
    select: { id: true, hash: true, reason: true, createdAt: true },
  });
  const entries = rows.slice(0, SUPPRESSION_PAGE_SIZE);
  return { entries, nextCursor: rows.length > SUPPRESSION_PAGE_SIZE ? entries[entries.length - 1].id : null };
}

/** A manager lists an address by hand (e.g. a "never contact me" by phone from someone not in the CRM). */
export async function addManualSuppression(actor: Actor, email: string): Promise<{ ok: true; added: boolean }> {
  assertRole(actor, "manager");
  const prisma = await db();
  const added = await prisma.$transaction((tx) => insertEntry(tx, email, "manual", actor));
  return { ok: true, added };
}
