import { recordAudit } from "~/domain/audit/audit.server";
import { dayFromIso } from "~/domain/quotes/invoice-rules";
import { syncRetention } from "~/domain/purposes/purposes.server";
import type { Actor } from "~/domain/staff/roles";
import { db } from "~/lib/db.server";
import { contactEditDenied } from "~/domain/contacts/contact-rules";
import { certificateEligible, type AttendanceStatus } from "./registration-rules";
import type { SessionInput, TrainingInput } from "./training.schema";

/** Any member of staff organises trainings (DOMAIN.md: sales record attendance; trainings are not personal data). */
export async function createTraining(actor: Actor, input: TrainingInput): Promise<{ ok: true; id: number }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const { title, description, trainer, capacity, ...session } = input;
    const training = await tx.training.create({
      data: { title, description, trainer, capacity, createdById: actor.id, sessions: { create: [{ ...session, date: dayFromIso(session.date) }] } },
      select: { id: true },
    });
    await recordAudit(tx, { actor, action: "training.created", recordType: "training", recordId: training.id, summary: { capacity, sessions: 1 } });
    return { ok: true as const, id: training.id };
  });
}

/** Adds a session; the training's last day may move, and with it the retention of its registrants' records. */
export async function addSession(actor: Actor, trainingId: number, input: SessionInput): Promise<{ ok: true } | { ok: false; reason: "NOT_FOUND" }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const training = await tx.training.findUnique({ where: { id: trainingId }, select: { id: true, registrations: { select: { contactId: true } } } });
    if (!training) return { ok: false as const, reason: "NOT_FOUND" as const };
    const session = await tx.trainingSession.create({ data: { trainingId, ...input, date: dayFromIso(input.date) }, select: { id: true } });
    for (const r of training.registrations) await syncRetention(tx, r.contactId);
    await recordAudit(tx, { actor, action: "training.session-added", recordType: "training", recordId: trainingId, summary: { sessionId: session.id, online: input.online } });
    return { ok: true as const };
  });
}

export async function listTrainings() {
  const prisma = await db();
  const rows = await prisma.training.findMany({
    orderBy: { id: "desc" },
    take: 200,
    select: {
      id: true, title: true, trainer: true, capacity: true,
      sessions: { orderBy: { date: "asc" }, select: { date: true } },
      _count: { select: { registrations: { where: { status: { in: ["registered", "attended", "no-show"] } } } } },
    },
  });
  return rows.map(({ sessions, _count, ...t }) => ({ ...t, firstDate: sessions[0]?.date ?? null, lastDate: sessions.at(-1)?.date ?? null, seatsTaken: _count.registrations }));
}

/** The training page: sessions, registrations (seated, then waiting list), and what the actor may do per registrant. */
export async function getTraining(actor: Actor, id: number) {
  const prisma = await db();
  const training = await prisma.training.findUnique({
    where: { id },
    select: {
      id: true, title: true, description: true, trainer: true, capacity: true,
      sessions: { orderBy: [{ date: "asc" }, { startTime: "asc" }], select: { id: true, date: true, startTime: true, endTime: true, place: true, online: true } },
      registrations: {
        orderBy: [{ waitlistPosition: "asc" }, { id: "asc" }],
        select: {
          id: true, status: true, waitlistPosition: true, registeredAt: true, certificateIssuedOn: true,
          contact: { select: { id: true, firstName: true, lastName: true, ownerId: true, restricted: true, erasedAt: true } },
          attendances: { select: { sessionId: true, status: true } },
        },
      },
    },
  });
  if (!training) return null;
  const sessionCount = training.sessions.length;
  const registrations = training.registrations.map(({ contact: { ownerId: _o, restricted, erasedAt, ...contact }, attendances, ...r }) => ({
    ...r,
    contact,
    attendances,
    // An erased registrant is only part of the count now: no certificate is issued to them.
    eligible: erasedAt === null && certificateEligible(r.status, attendances.map((a) => a.status as AttendanceStatus), sessionCount),
    canChange: contactEditDenied(actor, { ownerId: _o, restricted, erasedAt }) === null,
  }));
  return {
    ...training,
    registrations,
    seatsTaken: registrations.filter((r) => ["registered", "attended", "no-show"].includes(r.status)).length,
  };
}

export type TrainingDetail = NonNullable<Awaited<ReturnType<typeof getTraining>>>;
