/** What an import of one batch needs from the database before its first row: mapping, purposes, suppression list. */
import { noticeDueDate } from "~/domain/privacy/art14";
import { canReassignOwner } from "~/domain/contacts/contact-rules";
import type { Actor } from "~/domain/staff/roles";
import { secret } from "~/lib/config.server";
import { db, rawDb } from "~/lib/db.server";
import { mappingSchema, type Mapping } from "./header-mapping";
import type { ImportPurpose, ImportSettings, PurposeCode } from "./import-classify.server";
import type { BatchFacts } from "./import-write.server";

export const MAX_IMPORT_ROWS = 1_048_576;

const purposeSelect = { id: true, code: true, legalBasis: true, retentionAnchor: true, retentionYears: true, retentionMonths: true } as const;

export async function importPurposes(): Promise<Record<PurposeCode, ImportPurpose>> {
  const prisma = await db();
  const rows = await prisma.purpose.findMany({ where: { code: { in: ["prospecting", "newsletter"] } }, select: purposeSelect });
  const byCode = (code: PurposeCode) => {
    const found = rows.find((r) => r.code === code);
    // Seeded by migration 0003; without them no lead may be stored at all.
    if (!found) throw new Error(`purpose "${code}" is missing`);
    return found;
  };
  return { prospecting: byCode("prospecting"), newsletter: byCode("newsletter") };
}

/** The keyed hashes of the suppression list, held once per import (a few bytes each). */
export function loadSuppression(): Set<string> {
  const set = new Set<string>();
  for (const row of rawDb().prepare<[], { hash: string }>(`SELECT hash FROM "SuppressionEntry"`).iterate()) set.add(row.hash);
  return set;
}

export function parseStoredMapping(stored: string | null): Mapping | null {
  if (!stored) return null;
  const parsed = mappingSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : null;
}

export async function importSettings(mapping: Mapping): Promise<ImportSettings> {
  return { mapping, suppression: loadSuppression(), suppressionKey: secret("SUPPRESSION_KEY"), purposes: await importPurposes() };
}

export type BatchRecord = {
  id: number; staffId: number; status: string; storedFile: string | null; fileName: string; organiser: string | null;
  mapping: string | null; optInWording: string | null; obtainedOn: Date | null; rowsTotal: number; tradeFairId: number | null;
  startedAt: Date | null; finishedAt: Date | null; createdAt: Date; tradeFair: { name: string } | null;
};

export async function loadBatch(batchId: number): Promise<BatchRecord | null> {
  const prisma = await db();
  return prisma.importBatch.findUnique({
    where: { id: batchId },
    select: {
      id: true, staffId: true, status: true, storedFile: true, fileName: true, organiser: true, mapping: true, optInWording: true,
      obtainedOn: true, rowsTotal: true, tradeFairId: true, startedAt: true, finishedAt: true, createdAt: true, tradeFair: { select: { name: true } },
    },
  });
}

/** The day the leads were obtained: the batch's date, else the day the file was uploaded. */
export function obtainedAtOf(batch: Pick<BatchRecord, "obtainedOn" | "createdAt">): Date {
  const day = batch.obtainedOn ?? batch.createdAt;
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
}

export function batchFacts(batch: BatchRecord, actor: Actor, purposes: Record<PurposeCode, ImportPurpose>): BatchFacts {
  const obtainedAt = obtainedAtOf(batch);
  return {
    batchId: batch.id,
    staffId: batch.staffId,
    ownerId: canReassignOwner(actor) ? null : actor.id,
    tradeFairId: batch.tradeFairId,
    tradeFairName: batch.tradeFair?.name ?? batch.fileName,
    obtainedAt,
    // Art. 14(3)(a): the person must hear from us within a month of our obtaining the data.
    noticeDueAt: noticeDueDate(obtainedAt),
    optInWording: batch.optInWording,
    purposes,
  };
}
