/** Trade fairs: where leads come from. Any staff role records them (a fair is not personal data). */
import { recordAudit } from "~/domain/audit/audit.server";
import type { Actor } from "~/domain/staff/roles";
import { db, type Tx } from "~/lib/db.server";
import type { TradeFairInput } from "./import.schema";

const day = (v: string | null) => (v ? new Date(`${v}T00:00:00Z`) : null);

export type TradeFairResult = { ok: true; id: number } | { ok: false; reason: "TRADE_FAIR_NAME_TAKEN" };

/** Inside the caller's transaction (the upload form may create the fair with the batch). */
export async function createTradeFairIn(tx: Tx, actor: Actor, input: TradeFairInput): Promise<TradeFairResult> {
  const taken = await tx.tradeFair.findUnique({ where: { name: input.name }, select: { id: true } });
  if (taken) return { ok: false, reason: "TRADE_FAIR_NAME_TAKEN" };
  const fair = await tx.tradeFair.create({
    data: { name: input.name, organiser: input.organiser, startsOn: day(input.startsOn), endsOn: day(input.endsOn), place: input.place },
    select: { id: true },
  });
  await recordAudit(tx, { actor, action: "trade-fair.created", recordType: "trade-fair", recordId: fair.id });
  return { ok: true, id: fair.id };
}

export async function createTradeFair(actor: Actor, input: TradeFairInput): Promise<TradeFairResult> {
  const prisma = await db();
  return prisma.$transaction((tx) => createTradeFairIn(tx, actor, input));
}

export async function listTradeFairs() {
  const prisma = await db();
  const fairs = await prisma.tradeFair.findMany({
    orderBy: [{ startsOn: "desc" }, { name: "asc" }],
    take: 500,
    select: { id: true, name: true, organiser: true, startsOn: true, endsOn: true, place: true, _count: { select: { batches: true } } },
  });
  return fairs.map(({ _count, ...fair }) => ({ ...fair, batchCount: _count.batches }));
}

/** For the upload form's choice of fair. */
export async function tradeFairOptions() {
  const prisma = await db();
  return prisma.tradeFair.findMany({ orderBy: [{ startsOn: "desc" }, { name: "asc" }], take: 500, select: { id: true, name: true, organiser: true } });
}

export const FAIR_CONTACTS_SHOWN = 50;

/** A fair with its import batches and the contacts that came from it (the newest; the contact list filters the rest). */
export async function getTradeFair(id: number) {
  const prisma = await db();
  const fair = await prisma.tradeFair.findUnique({
    where: { id },
    select: {
      id: true, name: true, organiser: true, startsOn: true, endsOn: true, place: true,
      batches: {
        orderBy: { id: "desc" },
        select: { id: true, fileName: true, status: true, createdAt: true, created: true, merged: true, rejected: true },
      },
    },
  });
  if (!fair) return null;
  const [contacts, contactCount] = await Promise.all([
    prisma.contact.findMany({
      where: { tradeFairId: id },
      orderBy: { id: "desc" },
      take: FAIR_CONTACTS_SHOWN,
      select: { id: true, firstName: true, lastName: true, email: true, organisation: { select: { name: true } } },
    }),
    prisma.contact.count({ where: { tradeFairId: id } }),
  ]);
  return { ...fair, contacts, contactCount };
}
