import type { TFunction } from "i18next";
import { recordAudit } from "~/domain/audit/audit.server";
import { businessDay } from "~/domain/quotes/invoice-rules";
import type { Actor } from "~/domain/staff/roles";
import { csvLine, UTF8_BOM } from "~/lib/csv";
import { db } from "~/lib/db.server";
import { certificateEligible, holdsSeat, statusFromAttendance, type AttendanceStatus } from "./registration-rules";
import type { AttendanceInput } from "./training.schema";

/** The one-screen attendance sheet of a session: every seated registrant with their current mark. */
export async function getSessionSheet(trainingId: number, sessionId: number) {
  const prisma = await db();
  const session = await prisma.trainingSession.findFirst({
    where: { id: sessionId, trainingId },
    select: {
      id: true, date: true, startTime: true, endTime: true, place: true, online: true,
      training: {
        select: {
          id: true, title: true,
          registrations: {
            where: { status: { in: ["registered", "attended", "no-show"] } },
            orderBy: { contact: { sortName: "asc" } },
            select: { id: true, contact: { select: { firstName: true, lastName: true } }, attendances: { where: { sessionId }, select: { status: true } } },
          },
        },
      },
    },
  });
  if (!session) return null;
  const { training, ...rest } = session;
  return {
    session: rest,
    training: { id: training.id, title: training.title },
    registrants: training.registrations.map((r) => ({ id: r.id, name: `${r.contact.firstName} ${r.contact.lastName}`, mark: (r.attendances[0]?.status ?? null) as AttendanceStatus | null })),
  };
}

export type AttendanceResult = { ok: true; saved: number } | { ok: false; reason: "NOT_FOUND" | "NOT_REGISTERED" };

/** Saves the whole session's attendance at once (any member of staff) and updates each registration's status. */
export async function saveSessionAttendance(actor: Actor, trainingId: number, sessionId: number, input: AttendanceInput): Promise<AttendanceResult> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const session = await tx.trainingSession.findFirst({ where: { id: sessionId, trainingId }, select: { id: true } });
    if (!session) return { ok: false as const, reason: "NOT_FOUND" as const };
    const ids = input.marks.map((m) => m.registrationId);
    const registrations = await tx.registration.findMany({ where: { id: { in: ids }, trainingId }, select: { id: true, status: true } });
    if (registrations.length !== new Set(ids).size || registrations.some((r) => !holdsSeat(r.status))) return { ok: false as const, reason: "NOT_REGISTERED" as const };
    const now = new Date();
    for (const mark of input.marks) {
      await tx.attendance.upsert({
        where: { sessionId_registrationId: { sessionId, registrationId: mark.registrationId } },
        create: { sessionId, registrationId: mark.registrationId, status: mark.status, markedById: actor.id, markedAt: now },
        update: { status: mark.status, markedById: actor.id, markedAt: now },
      });
      const marks = await tx.attendance.findMany({ where: { registrationId: mark.registrationId }, select: { status: true } });
      await tx.registration.update({ where: { id: mark.registrationId }, data: { status: statusFromAttendance(marks.map((m) => m.status as AttendanceStatus)) } });
    }
    const attended = input.marks.filter((m) => m.status === "attended").length;
    await recordAudit(tx, { actor, action: "attendance.saved", recordType: "training", recordId: trainingId, summary: { sessionId, attended, noShow: input.marks.length - attended } });
    return { ok: true as const, saved: input.marks.length };
  });
}

/** Issues today's certificate to every registrant who attended all sessions and has none yet (not to an erased one); returns how many. */
export async function issueCertificates(actor: Actor, trainingId: number): Promise<{ ok: true; issued: number } | { ok: false; reason: "NOT_FOUND" }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const training = await tx.training.findUnique({
      where: { id: trainingId },
      select: {
        _count: { select: { sessions: true } },
        registrations: { where: { status: "attended", certificateIssuedOn: null, contact: { erasedAt: null } }, select: { id: true, status: true, attendances: { select: { status: true } } } },
      },
    });
    if (!training) return { ok: false as const, reason: "NOT_FOUND" as const };
    const eligible = training.registrations.filter((r) => certificateEligible(r.status, r.attendances.map((a) => a.status as AttendanceStatus), training._count.sessions));
    if (eligible.length) {
      await tx.registration.updateMany({ where: { id: { in: eligible.map((r) => r.id) } }, data: { certificateIssuedOn: businessDay() } });
    }
    await recordAudit(tx, { actor, action: "certificates.issued", recordType: "training", recordId: trainingId, summary: { registrationIds: eligible.map((r) => r.id) } });
    return { ok: true as const, issued: eligible.length };
  });
}

/** Attendance export: one row per registrant, one column per session; guarded cells (csvCell), with a BOM for Excel. */
export async function attendanceCsv(trainingId: number, t: TFunction): Promise<{ fileName: string; body: string } | null> {
  const prisma = await db();
  const training = await prisma.training.findUnique({
    where: { id: trainingId },
    select: {
      id: true, title: true,
      sessions: { orderBy: [{ date: "asc" }, { startTime: "asc" }], select: { id: true, date: true, startTime: true } },
      registrations: {
        where: { status: { not: "waitlisted" } },
        orderBy: { contact: { sortName: "asc" } },
        select: {
          status: true, certificateIssuedOn: true,
          contact: { select: { firstName: true, lastName: true, email: true, organisation: { select: { name: true } } } },
          attendances: { select: { sessionId: true, status: true } },
        },
      },
    },
  });
  if (!training) return null;
  const d = ";" as const;
  const day = (date: Date) => date.toISOString().slice(0, 10);
  let body = UTF8_BOM + csvLine([t("training.csv.lastName"), t("training.csv.firstName"), t("training.csv.email"), t("training.csv.organisation"), t("training.csv.status"),
    ...training.sessions.map((s) => `${day(s.date)} ${s.startTime}`), t("training.csv.certificate")], d);
  for (const r of training.registrations) {
    const marks = training.sessions.map((s) => {
      const mark = r.attendances.find((a) => a.sessionId === s.id)?.status;
      return mark ? t(`training.status.${mark}`) : "";
    });
    body += csvLine([r.contact.lastName, r.contact.firstName, r.contact.email, r.contact.organisation?.name, t(`training.status.${r.status}`), ...marks, r.certificateIssuedOn ? day(r.certificateIssuedOn) : ""], d);
  }
  return { fileName: `attendance-training-${training.id}.csv`, body };
}
