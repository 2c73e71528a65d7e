import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { config } from "./config.server";
import { db, preparedStatement } from "./db.server";

// Sessions as the Lucia guide teaches: a random token in the cookie, only its SHA-256 in the
// database, sliding idle expiry plus an absolute cap. See docs/decisions/004-sessions-without-lucia.md.
export const SESSION_COOKIE = "crm_session";

const HOUR = 60 * 60 * 1000;
const idleMs = () => config.sessionIdleHours * HOUR;
const absoluteMs = () => config.sessionAbsoluteDays * 24 * HOUR;
// Touch lastSeenAt at most once a minute to spare writes.
const TOUCH_INTERVAL_MS = 60_000;
/** A session still waiting for its second factor ends after ten minutes. */
export const PENDING_TWO_FACTOR_MS = 10 * 60_000;

export function generateSessionToken(): string {
  const bytes = new Uint8Array(32); // 256 bits
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * A new session. Unless told, it starts verified only for staff without two-step sign-in, so a
 * caller that forgets the option can never skip the second factor.
 */
export async function createSession(
  staffId: number,
  meta: { ip: string | null; userAgent: string | null },
  options: { twoFactorVerified?: boolean } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const now = Date.now();
  const expiresAt = new Date(now + absoluteMs());
  const prisma = await db();
  const twoFactorVerified =
    options.twoFactorVerified ??
    (await prisma.staff.findUniqueOrThrow({ where: { id: staffId }, select: { totpEnabledAt: true } })).totpEnabledAt === null;
  await prisma.session.create({
    data: {
      id: hashToken(token),
      staffId,
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      twoFactorVerified,
    },
  });
  return { token, expiresAt };
}

export type SessionStaff = {
  sessionId: string;
  id: number;
  name: string;
  email: string;
  role: string;
  language: string;
  mustChangePassword: boolean;
  /** False while the session waits for the second factor: it may do nothing else. */
  twoFactorVerified: boolean;
  twoFactorEnabled: boolean;
};

type SessionRow = {
  id: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  twoFactorVerified: number;
  staffId: number;
  name: string;
  email: string;
  role: string;
  language: string;
  mustChangePassword: number;
  active: number;
  totpEnabledAt: string | null;
};

// Every request reads its session: one prepared statement on the raw handle (a Prisma query costs
// ~0.7 ms of CPU to compile and map, this ~0.02 ms). Writes stay with Prisma, so they queue with
// its transactions instead of blocking the event loop on the write lock.
const SESSION_SQL = `SELECT s.id, s.createdAt, s.expiresAt, s.lastSeenAt, s.twoFactorVerified, s.staffId,
  t.name, t.email, t.role, t.language, t.mustChangePassword, t.active, t.totpEnabledAt
  FROM "Session" s JOIN "Staff" t ON t.id = s.staffId WHERE s.id = ?`;

/** The staff member behind a token, or null when the session is unknown, idle too long, past its cap or the account is inactive. */
export async function validateSessionToken(token: string): Promise<SessionStaff | null> {
  await db(); // the connection's PRAGMAs are applied before the first read
  const id = hashToken(token);
  const row = preparedStatement(SESSION_SQL).get(id) as SessionRow | undefined;
  if (!row) return null;
  const now = Date.now();
  const createdAt = Date.parse(row.createdAt);
  const lastSeenAt = Date.parse(row.lastSeenAt);
  const pendingTooLong = !row.twoFactorVerified && now - createdAt >= PENDING_TWO_FACTOR_MS;
  if (now >= Date.parse(row.expiresAt) || now - lastSeenAt >= idleMs() || !row.active || pendingTooLong) {
    await (await db()).session.deleteMany({ where: { id } });
    return null;
  }
  if (now - lastSeenAt > TOUCH_INTERVAL_MS) {
    await (await db()).session.updateMany({ where: { id }, data: { lastSeenAt: new Date(now) } });
  }
  return {
    sessionId: row.id,
    id: row.staffId,
    name: row.name,
    email: row.email,
    role: row.role,
    language: row.language,
    mustChangePassword: row.mustChangePassword === 1,
    twoFactorVerified: row.twoFactorVerified === 1,
    twoFactorEnabled: row.totpEnabledAt !== null,
  };
}

export async function invalidateSession(sessionId: string): Promise<void> {
  const prisma = await db();
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
    secure ? "Secure" : null,
  ]
    .filter(Boolean)
    .join("; ");
}

export function clearSessionCookie(secure: boolean): string {
  return [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", secure ? "Secure" : null]
    .filter(Boolean)
    .join("; ");
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return rest.join("=") || null;
  }
  return null;
}
