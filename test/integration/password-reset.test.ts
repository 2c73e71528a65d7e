import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset, resetPassword } from "~/domain/staff/password-reset.server";
import { db } from "~/lib/db.server";
import { createSession } from "~/lib/session.server";
import { createTestStaff } from "../db-utils";

// A real in-process SMTP server receives what the app sends.
const received: { to: string[]; subject: string; text: string }[] = [];
let server: SMTPServer;
beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: mail.subject ?? "", text: mail.text ?? "" });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
});
afterAll(async () => {
  process.env.SMTP_URL = "";
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const texts = () => (link: string) => ({ subject: "Reset", text: `Open ${link}` });

describe("password reset", () => {
  it("mails a single-use link whose token is stored hashed, and ends every session", async () => {
    const staff = await createTestStaff();
    await createSession(staff.id, { ip: null, userAgent: null });
    await requestPasswordReset(staff.email, "http://crm.test", texts);
    const mail = received.find((m) => m.to.includes(staff.email))!;
    expect(mail).toBeDefined();
    const token = mail.text.match(/token=([a-z2-7]+)/)![1];
    const prisma = await db();
    const stored = await prisma.passwordReset.findFirstOrThrow({ where: { staffId: staff.id } });
    expect(stored.tokenHash).not.toBe(token);

    expect(await resetPassword(token, "A-Brand-New-Password-1", null)).toEqual({ ok: true });
    expect(await prisma.session.count({ where: { staffId: staff.id } })).toBe(0);
    expect(await resetPassword(token, "Yet-Another-Password-2", null)).toEqual({ ok: false, reason: "RESET_TOKEN_INVALID" });
  });

  it("sends nothing for an unknown address", async () => {
    const before = received.length;
    await requestPasswordReset("nobody-at-all@example.test", "http://crm.test", texts);
    await new Promise((r) => setTimeout(r, 100));
    expect(received.length).toBe(before);
  });

  it("refuses a token older than one hour and a common password", async () => {
    const staff = await createTestStaff();
    const anHourAgo = new Date(Date.now() - 61 * 60_000);
    await requestPasswordReset(staff.email, "http://crm.test", texts, anHourAgo);
    const token = received.find((m) => m.to.includes(staff.email))!.text.match(/token=([a-z2-7]+)/)![1];
    expect(await resetPassword(token, "qwertyuiop1234", null)).toEqual({ ok: false, reason: "PASSWORD_COMMON" });
    expect(await resetPassword(token, "A-Brand-New-Password-1", null)).toEqual({ ok: false, reason: "RESET_TOKEN_INVALID" });
  });
});
