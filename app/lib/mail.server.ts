import nodemailer, { type Transporter } from "nodemailer";
import { config } from "./config.server";
import { db } from "./db.server";

export type Mail = { to: string; subject: string; text: string; html?: string };

let transport: Transporter | null = null;

/**
 * Sends through SMTP when SMTP_URL is set; otherwise the mail is kept in the outbox table,
 * which an admin can read in the app (Admin → Outbox).
 */
export async function sendMail(mail: Mail): Promise<{ transport: "smtp" | "outbox" }> {
  const smtpUrl = process.env.SMTP_URL || config.smtpUrl;
  if (smtpUrl) {
    transport ??= nodemailer.createTransport(smtpUrl);
    await transport.sendMail({ from: process.env.MAIL_FROM ?? config.mailFrom, ...mail });
    return { transport: "smtp" };
  }
  const prisma = await db();
  await prisma.outboxMail.create({ data: { ...mail, transport: "outbox" } });
  return { transport: "outbox" };
}

export async function listOutbox(take = 50) {
  const prisma = await db();
  return prisma.outboxMail.findMany({
    orderBy: { id: "desc" },
    take,
    select: { id: true, to: true, subject: true, text: true, createdAt: true },
  });
}
