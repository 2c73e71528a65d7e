import { recordAudit } from "~/domain/audit/audit.server";
import { config } from "~/lib/config.server";
import { db } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import type { Actor } from "./roles";
import { describeUserAgent } from "./user-agent";

/**
 * A staff member's own open sessions (ASVS 7.5.2), newest activity first. Session ids are the
 * SHA-256 of the cookie token, so showing them gives nobody a usable token.
 */
export async function listOwnSessions(actor: Actor, currentSessionId: string, now = new Date()) {
  const prisma = await db();
  const idleSince = new Date(now.getTime() - config.sessionIdleHours * 3600_000);
  const rows = await prisma.session.findMany({
    where: { staffId: actor.id, expiresAt: { gt: now }, lastSeenAt: { gt: idleSince } },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true, twoFactorVerified: true },
  });
  return rows.map(({ userAgent, ...row }) => ({ ...row, ...describeUserAgent(userAgent), current: row.id === currentSessionId }));
}

export type EndSessionResult = { ok: true; ended: number } | { ok: false; reason: "NOT_FOUND" | "CANNOT_CHANGE_SELF" };

/** Ends one of the actor's own other sessions; someone else's session id is simply not found. */
export async function endOwnSession(actor: Actor, sessionId: string, currentSessionId: string): Promise<EndSessionResult> {
  if (sessionId === currentSessionId) return { ok: false, reason: "NOT_FOUND" };
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const ended = await tx.session.deleteMany({ where: { id: sessionId, staffId: actor.id } });
    if (ended.count === 0) return { ok: false as const, reason: "NOT_FOUND" as const };
    await recordAudit(tx, { actor, action: "session.ended", recordType: "staff", recordId: actor.id, summary: { sessions: 1 } });
    return { ok: true as const, ended: 1 };
  });
}

/** Ends every session of the actor but the one in use. */
export async function endOtherSessions(actor: Actor, currentSessionId: string): Promise<EndSessionResult> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const ended = await tx.session.deleteMany({ where: { staffId: actor.id, id: { not: currentSessionId } } });
    await recordAudit(tx, { actor, action: "session.ended-others", recordType: "staff", recordId: actor.id, summary: { sessions: ended.count } });
    return { ok: true as const, ended: ended.count };
  });
}

/** An admin signs a staff member out everywhere (a lost laptop, a departure). */
export async function endAllSessionsOf(actor: Actor, staffId: number): Promise<EndSessionResult> {
  assertRole(actor, "admin");
  if (staffId === actor.id) return { ok: false, reason: "CANNOT_CHANGE_SELF" };
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const staff = await tx.staff.findUnique({ where: { id: staffId }, select: { id: true } });
    if (!staff) return { ok: false as const, reason: "NOT_FOUND" as const };
    const ended = await tx.session.deleteMany({ where: { staffId } });
    await recordAudit(tx, { actor, action: "staff.sessions-ended", recordType: "staff", recordId: staffId, summary: { sessions: ended.count } });
    return { ok: true as const, ended: ended.count };
  });
}
