import { describe, expect, it } from "vitest";
import { endAllSessionsOf, endOtherSessions, endOwnSession, listOwnSessions } from "~/domain/staff/sessions.server";
import { db } from "~/lib/db.server";
import { createSession, hashToken, SESSION_COOKIE, validateSessionToken } from "~/lib/session.server";
import { action } from "~/routes/_app.profile_.sessions";
import { createTestStaff } from "../db-utils";

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";

async function sessionOf(staffId: number, userAgent: string | null = null, ip: string | null = "10.1.1.1") {
  const { token } = await createSession(staffId, { ip, userAgent });
  return { token, id: hashToken(token) };
}

describe("a staff member's own sessions", () => {
  it("lists only their own, open sessions with device, IP and which one is in use", async () => {
    const staff = await createTestStaff();
    const someoneElse = await createTestStaff();
    const current = await sessionOf(staff.id, CHROME, "10.1.1.1");
    const phone = await sessionOf(staff.id, FIREFOX, "10.2.2.2");
    const stale = await sessionOf(staff.id);
    await sessionOf(someoneElse.id);
    const prisma = await db();
    await prisma.session.update({ where: { id: stale.id }, data: { lastSeenAt: new Date(Date.now() - 13 * 3600_000) } });

    const list = await listOwnSessions(staff.actor, current.id);
    expect(list.map((s) => s.id).sort()).toEqual([current.id, phone.id].sort());
    expect(list.find((s) => s.id === current.id)).toMatchObject({ current: true, browser: "Chrome", os: "Windows", ip: "10.1.1.1", twoFactorVerified: true });
    expect(list.find((s) => s.id === phone.id)).toMatchObject({ current: false, browser: "Firefox", os: "Linux", ip: "10.2.2.2" });
  });

  it("ends one other session, or all others, and keeps the one in use", async () => {
    const staff = await createTestStaff();
    const current = await sessionOf(staff.id);
    const a = await sessionOf(staff.id);
    const b = await sessionOf(staff.id);
    const c = await sessionOf(staff.id);
    expect(await endOwnSession(staff.actor, a.id, current.id)).toEqual({ ok: true, ended: 1 });
    expect(await validateSessionToken(a.token)).toBeNull();
    expect(await validateSessionToken(b.token)).not.toBeNull();
    // The session in use is not ended this way (signing out does that).
    expect(await endOwnSession(staff.actor, current.id, current.id)).toEqual({ ok: false, reason: "NOT_FOUND" });
    expect(await endOtherSessions(staff.actor, current.id)).toEqual({ ok: true, ended: 2 });
    expect(await validateSessionToken(b.token)).toBeNull();
    expect(await validateSessionToken(c.token)).toBeNull();
    expect(await validateSessionToken(current.token)).not.toBeNull();
    const prisma = await db();
    const actions = await prisma.auditEntry.findMany({ where: { staffId: staff.id, action: { startsWith: "session." } }, select: { action: true, summary: true } });
    expect(actions).toEqual([
      { action: "session.ended", summary: JSON.stringify({ sessions: 1 }) },
      { action: "session.ended-others", summary: JSON.stringify({ sessions: 2 }) },
    ]);
  });

  it("cannot end another staff member's session, by the domain or through the page (IDOR)", async () => {
    const staff = await createTestStaff();
    const victim = await createTestStaff();
    const mine = await sessionOf(staff.id);
    const theirs = await sessionOf(victim.id);
    expect(await endOwnSession(staff.actor, theirs.id, mine.id)).toEqual({ ok: false, reason: "NOT_FOUND" });

    const post = (body: Record<string, string>) =>
      action({
        request: new Request("http://localhost/profile/sessions", {
          method: "POST",
          headers: { Cookie: `${SESSION_COOKIE}=${mine.token}` },
          body: new URLSearchParams(body),
        }),
        params: {},
        context: { cspNonce: "" },
      }).then((r) => r.status, (e: unknown) => (e as { init?: { status: number }; status?: number }).init?.status ?? (e as Response).status);
    expect(await post({ intent: "end", sessionId: theirs.id })).toBe(404);
    expect(await post({ intent: "end", sessionId: "not-a-session" })).toBe(400);
    expect(await post({ intent: "end-everyone" })).toBe(400);
    expect(await validateSessionToken(theirs.token)).not.toBeNull();
    expect(await post({ intent: "end-others" })).toBe(302);
    expect(await validateSessionToken(theirs.token)).not.toBeNull();
    expect(await validateSessionToken(mine.token)).not.toBeNull();
  });
});

describe("an admin ending a staff member's sessions", () => {
  it("ends them all, audited; only admins, not on themselves", async () => {
    const admin = await createTestStaff({ role: "admin" });
    const manager = await createTestStaff({ role: "manager" });
    const sales = await createTestStaff();
    const one = await sessionOf(sales.id);
    const two = await sessionOf(sales.id);
    const refused = await endAllSessionsOf(manager.actor, sales.id).then(() => null, (e: unknown) => e);
    expect((refused as Response).status).toBe(403);
    expect(await endAllSessionsOf(admin.actor, admin.id)).toEqual({ ok: false, reason: "CANNOT_CHANGE_SELF" });
    expect(await endAllSessionsOf(admin.actor, 987_654)).toEqual({ ok: false, reason: "NOT_FOUND" });
    expect(await endAllSessionsOf(admin.actor, sales.id)).toEqual({ ok: true, ended: 2 });
    expect(await validateSessionToken(one.token)).toBeNull();
    expect(await validateSessionToken(two.token)).toBeNull();
    const prisma = await db();
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "staff.sessions-ended", recordId: String(sales.id) } });
    expect(entry.staffId).toBe(admin.id);
  });
});
