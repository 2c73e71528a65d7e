/**
 * One set of records for calling every route: staff of each role (and a second salesperson whose
 * records sales must not change), contacts, quotes, an invoice, a request, import batches, a
 * training — made through the real domain operations, on this test file's database.
 */
import fs from "node:fs";
import path from "node:path";
import { listPurposes } from "~/domain/purposes/purposes.server";
import { registerDsr } from "~/domain/privacy/dsr.server";
import { issueInvoice } from "~/domain/quotes/invoices.server";
import { changeQuoteStatus } from "~/domain/quotes/quotes.server";
import { trainingSchema } from "~/domain/trainings/training.schema";
import { registerContact } from "~/domain/trainings/registrations.server";
import { createTraining } from "~/domain/trainings/trainings.server";
import type { Actor } from "~/domain/staff/roles";
import { db } from "~/lib/db.server";
import { createSession, hashToken } from "~/lib/session.server";
import { createTestStaff } from "../db-utils";
import { fixture, importFile, uploadFile } from "../import-utils";
import { futureDay, makeContact, makeQuote } from "./quote-helpers";

type Staff = Awaited<ReturnType<typeof createTestStaff>>;

export const today = () => new Date().toISOString().slice(0, 10);

let files = 0;
function writeCsv(lines: string[]): string {
  files += 1;
  const dir = path.join(process.env.DATA_DIR!, "test-csv");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `leads-${files}.csv`);
  fs.writeFileSync(file, lines.join("\r\n") + "\r\n");
  return file;
}

async function sentQuote(actor: Actor, contactId: number) {
  const id = await makeQuote(actor, contactId);
  const sent = await changeQuoteStatus(actor, id, "send");
  if (!sent.ok) throw new Error(`quote not sent: ${sent.reason}`);
  return id;
}

async function registration(actor: Actor, trainingId: number, contactId: number) {
  const result = await registerContact(actor, trainingId, contactId);
  if (!result.ok) throw new Error(`not registered: ${result.reason}`);
  return result.id;
}

/** An import whose two merged rows differ (the city) from contact `a` and contact `b`: two open conflicts. */
async function conflictBatch(uploader: Actor, a: { id: number; email: string }, b: { id: number; email: string }) {
  const file = writeCsv(["E-mail;Gemeente", `${a.email};Leuven`, `${b.email};Leuven`]);
  const { batchId } = await importFile(uploader, file);
  const prisma = await db();
  const rows = await prisma.importRow.findMany({ where: { batchId, outcome: "merged" }, select: { id: true, contactId: true } });
  const rowOf = (contactId: number) => rows.find((r) => r.contactId === contactId)!.id;
  return { batchId, rowOfA: rowOf(a.id), rowOfB: rowOf(b.id) };
}

export type RouteFixtures = Awaited<ReturnType<typeof buildRouteFixtures>>;

export async function buildRouteFixtures() {
  const staff = {
    sales: await createTestStaff({ role: "sales" }),
    otherSales: await createTestStaff({ role: "sales" }),
    manager: await createTestStaff({ role: "manager" }),
    admin: await createTestStaff({ role: "admin" }),
    /** The account the admin pages act on. */
    target: await createTestStaff({ role: "sales" }),
  } satisfies Record<string, Staff>;
  const { sales, otherSales, manager, admin } = staff;
  const purposes = await listPurposes();
  const newsletter = purposes.find((p) => p.code === "newsletter")!;
  const prefix = `${process.pid}-${Date.now()}`;
  const emailOwn = `own-${prefix}@example.test`;
  const emailOther = `other-${prefix}@example.test`;

  const ownContact = await makeContact(sales.actor, { email: emailOwn, city: "Mechelen" });
  const otherContact = await makeContact(otherSales.actor, { email: emailOther, city: "Mechelen" });
  const spareContact = await makeContact(sales.actor);
  const prisma = await db();
  const organisationId = (await prisma.contact.findUniqueOrThrow({ where: { id: ownContact }, select: { organisationId: true } })).organisationId!;

  const ownQuote = await makeQuote(sales.actor, ownContact);
  const otherQuote = await makeQuote(otherSales.actor, otherContact);
  const quotes = {
    ownQuote, otherQuote,
    sentOwnForAccept: await sentQuote(sales.actor, ownContact),
    sentOwnForDecline: await sentQuote(sales.actor, ownContact),
    sentOther: await sentQuote(otherSales.actor, otherContact),
  };
  const invoiced = await sentQuote(sales.actor, ownContact);
  await changeQuoteStatus(manager.actor, invoiced, "accept");
  const invoice = await issueInvoice(manager.actor, invoiced, { paymentTermsDays: 30, fallbackLanguage: "nl" });
  if (!invoice.ok) throw new Error(`invoice not issued: ${invoice.reason}`);

  const dsr = await registerDsr(manager.actor, { type: "access", requesterName: "Chloé Dubois", requesterEmail: null, receivedOn: today() });

  const ownBatch = await uploadFile(sales.actor, fixture("nl-comma-bom.csv"));
  const ownBatchForPreview = await uploadFile(sales.actor, fixture("nl-comma-bom.csv"));
  const otherBatch = await uploadFile(otherSales.actor, fixture("nl-comma-bom.csv"));
  const conflicts = await conflictBatch(otherSales.actor, { id: ownContact, email: emailOwn }, { id: otherContact, email: emailOther });
  const tradeFairId = (await prisma.importBatch.findUniqueOrThrow({ where: { id: ownBatch }, select: { tradeFairId: true } })).tradeFairId;

  const trainingInput = trainingSchema.parse({ title: "GDPR basics", trainer: "Anke Peeters", capacity: "10", date: futureDay(40), startTime: "09:00", endTime: "17:00", place: "Gent" });
  const trainingId = (await createTraining(sales.actor, trainingInput)).id;
  const sessionId = (await prisma.trainingSession.findFirstOrThrow({ where: { trainingId }, select: { id: true } })).id;
  const ownRegistration = await registration(sales.actor, trainingId, ownContact);
  const otherRegistration = await registration(otherSales.actor, trainingId, otherContact);
  const freeContact = await makeContact(sales.actor);
  const freeOtherContact = await makeContact(otherSales.actor);

  const processorId = (await prisma.processor.findFirstOrThrow({ select: { id: true } })).id;
  const otherSession = hashToken((await createSession(otherSales.id, { ip: null, userAgent: null })).token);

  return {
    staff,
    newsletterPurposeId: newsletter.id,
    contacts: { ownContact, otherContact, spareContact, freeContact, freeOtherContact },
    quotes,
    invoiceId: invoice.id,
    batches: { ownBatch, ownBatchForPreview, otherBatch, conflicts },
    training: { trainingId, sessionId, ownRegistration, otherRegistration },
    otherSession,
    /** Route params by name, for the role matrix: records sales may act on. */
    params: {
      contactId: String(ownContact),
      quoteId: String(ownQuote),
      invoiceId: String(invoice.id),
      organisationId: String(organisationId),
      processorId: String(processorId),
      purposeId: String(purposes[0].id),
      staffId: String(staff.target.id),
      batchId: String(ownBatch),
      requestId: String(dsr.id),
      tradeFairId: String(tradeFairId),
      trainingId: String(trainingId),
      sessionId: String(sessionId),
    },
  };
}
