import type { Tx } from "~/lib/db.server";

export type SequenceKind = "quote" | "invoice" | "credit-note";

/** Thrown inside a numbering transaction to roll it back (the number goes back with it); caught by `refusable`. */
export class Refusal<R extends string> extends Error {
  constructor(readonly reason: R) {
    super(reason);
  }
}

/** Runs a transaction body; a Refusal thrown inside becomes `{ ok: false, reason }` after the rollback. */
export async function refusable<T, R extends string>(run: () => Promise<T>): Promise<T | { ok: false; reason: R }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.reason as R };
    throw error;
  }
}

/**
 * Takes the next number of `kind` in `year`, inside the caller's write transaction: it commits with
 * the document or rolls back with it, so numbers are gapless and never shared.
 *
 * Call it FIRST in the transaction. Prisma opens SQLite transactions DEFERRED; a statement that
 * writes before anything was read waits (busy_timeout) for the write lock, whereas one that reads
 * first holds a snapshot that another connection's commit makes stale (SQLITE_BUSY_SNAPSHOT).
 */
export async function takeNumber(tx: Tx, kind: SequenceKind, year: number): Promise<number> {
  const rows = await tx.$queryRaw<{ seq: bigint | number }[]>`
    INSERT INTO "DocumentSequence" ("kind", "year", "next") VALUES (${kind}, ${year}, 2)
    ON CONFLICT ("kind", "year") DO UPDATE SET "next" = "next" + 1
    RETURNING "next" - 1 AS seq`;
  return Number(rows[0].seq);
}
