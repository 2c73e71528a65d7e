import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { logInteraction } from "~/domain/contacts/contact-detail.server";
import { eraseContact } from "~/domain/privacy/erasure.server";
import { contactCommerce } from "~/domain/quotes/commerce-summary.server";
import { getInvoice } from "~/domain/quotes/invoice-read.server";
import { issueCreditNote, issueInvoice, markInvoicePaid } from "~/domain/quotes/invoices.server";
import { businessDay, isOverdue } from "~/domain/quotes/invoice-rules";
import { quoteStatusOn, type QuoteStatus } from "~/domain/quotes/numbering";
import { registerContact } from "~/domain/trainings/registrations.server";
import { sessionSchema, trainingSchema } from "~/domain/trainings/training.schema";
import { addSession, createTraining } from "~/domain/trainings/trainings.server";
import { getQuote } from "~/domain/quotes/quote-read.server";
import { quoteFormSchema } from "~/domain/quotes/quote.schema";
import { changeQuoteStatus, duplicateQuote, expireSentQuotes, updateQuote } from "~/domain/quotes/quotes.server";
import type { Actor } from "~/domain/staff/roles";
import { db, rawDb } from "~/lib/db.server";
import { createTestStaff } from "../db-utils";
import { futureDay, makeContact, makeQuote, TWO_RATE_LINES } from "./quote-helpers";

const YEAR = businessDay().getUTCFullYear();
const ISSUE = { paymentTermsDays: 30, fallbackLanguage: "nl" };

async function acceptedQuote(sales: Actor, manager: Actor, contactId: number | null) {
  const id = await makeQuote(sales, contactId);
  expect(await changeQuoteStatus(sales, id, "send")).toEqual({ ok: true, id });
  expect(await changeQuoteStatus(manager, id, "accept")).toEqual({ ok: true, id });
  return id;
}

async function nextNumber(kind: string): Promise<number> {
  const prisma = await db();
  return (await prisma.documentSequence.findUnique({ where: { kind_year: { kind, year: YEAR } }, select: { next: true } }))?.next ?? 1;
}

describe("a quote", () => {
  it("gets a yearly number, computed totals in cents, a processing record and an audit entry", async () => {
    const sales = await createTestStaff();
    const contactId = await makeContact(sales.actor);
    const id = await makeQuote(sales.actor, contactId);
    const quote = (await getQuote(sales.actor, id))!;
    expect(quote.number).toMatch(new RegExp(`^Q${YEAR}-\\d{4}$`));
    expect(quote.organisation?.name).toMatch(/^Schelde Logistics/);
    expect(quote.totals).toMatchObject({ netCents: 230997, vatCents: 47610, totalCents: 278607 });
    expect(quote.totals.byRate).toEqual([{ rate: 21, netCents: 225000, vatCents: 47250 }, { rate: 6, netCents: 5997, vatCents: 360 }]);
    const prisma = await db();
    const record = await prisma.processingRecord.findFirst({ where: { contactId, purpose: { code: "quotes-invoices" } }, select: { legalBasis: true, retentionEndsAt: true } });
    // Contract basis; no end date yet: the 10 years count from the end of the invoice's year.
    expect(record).toEqual({ legalBasis: "contract", retentionEndsAt: null });
    expect(await prisma.auditEntry.count({ where: { action: "quote.created", recordId: String(id) } })).toBe(1);
  });

  it("is editable only while draft", async () => {
    const sales = await createTestStaff();
    const contactId = await makeContact(sales.actor);
    const id = await makeQuote(sales.actor, contactId);
    const change = quoteFormSchema.parse({ contactId: String(contactId), validUntil: futureDay(10), ...TWO_RATE_LINES, "lines.0.quantity": "1" });
    expect(await updateQuote(sales.actor, id, change)).toEqual({ ok: true, id });
    expect((await getQuote(sales.actor, id))!.totals.totalCents).toBe(278607 - 136125);
    await changeQuoteStatus(sales.actor, id, "send");
    expect(await updateQuote(sales.actor, id, change)).toEqual({ ok: false, reason: "QUOTE_NOT_DRAFT" });
    expect((await getQuote(sales.actor, id))!.can.edit).toBe(false);
  });

  it("is quoted only by staff who may edit the contact; the answer is the author's or a manager's", async () => {
    const owner = await createTestStaff();
    const other = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const contactId = await makeContact(owner.actor);
    const refused = quoteFormSchema.parse({ contactId: String(contactId), validUntil: futureDay(), ...TWO_RATE_LINES });
    const { createQuote } = await import("~/domain/quotes/quotes.server");
    const before = await nextNumber("quote");
    expect(await createQuote(other.actor, refused)).toEqual({ ok: false, reason: "CONTACT_NOT_OWNER" });
    expect(await nextNumber("quote")).toBe(before); // the refused quote took no number
    const id = await makeQuote(owner.actor, contactId);
    expect(await changeQuoteStatus(other.actor, id, "send")).toEqual({ ok: false, reason: "CONTACT_NOT_OWNER" });
    await changeQuoteStatus(owner.actor, id, "send");
    expect(await changeQuoteStatus(other.actor, id, "accept")).toEqual({ ok: false, reason: "NOT_CREATOR" });
    expect(await changeQuoteStatus(manager.actor, id, "decline")).toEqual({ ok: true, id });
    expect(await changeQuoteStatus(owner.actor, id, "accept")).toEqual({ ok: false, reason: "QUOTE_NOT_SENT" });
  });

  it("expires once sent and past its validity, and a late acceptance is refused", async () => {
    const sales = await createTestStaff();
    const id = await makeQuote(sales.actor, await makeContact(sales.actor));
    await changeQuoteStatus(sales.actor, id, "send");
    const prisma = await db();
    await prisma.quote.update({ where: { id }, data: { validUntil: new Date(Date.UTC(2020, 0, 1)) } });
    expect((await getQuote(sales.actor, id))!.status).toBe("expired"); // computed on read
    expect(await changeQuoteStatus(sales.actor, id, "accept")).toEqual({ ok: false, reason: "QUOTE_EXPIRED" });
    expect((await prisma.quote.findUnique({ where: { id }, select: { status: true } }))!.status).toBe("expired"); // stored on the way
    const other = await makeQuote(sales.actor, await makeContact(sales.actor));
    await changeQuoteStatus(sales.actor, other, "send");
    await prisma.quote.update({ where: { id: other }, data: { validUntil: new Date(Date.UTC(2020, 0, 1)) } });
    expect(await expireSentQuotes()).toBe(1);
    expect(await prisma.auditEntry.count({ where: { action: "quote.expired", recordId: { in: [String(id), String(other)] } } })).toBe(2);
  });

  it("is duplicated as a new draft with a new number and the same lines", async () => {
    const sales = await createTestStaff();
    const id = await makeQuote(sales.actor, await makeContact(sales.actor));
    await changeQuoteStatus(sales.actor, id, "send");
    const copy = await duplicateQuote(sales.actor, id);
    if (!copy.ok) throw new Error(copy.reason);
    const [a, b] = [(await getQuote(sales.actor, id))!, (await getQuote(sales.actor, copy.id))!];
    expect(b.status).toBe("draft");
    expect(b.number).not.toBe(a.number);
    expect(b.duplicatedFromId).toBe(id);
    expect(b.lines.map((l) => [l.description, l.quantityMilli, l.unitPriceCents, l.vatRate, l.discountBasisPoints])).toEqual(
      a.lines.map((l) => [l.description, l.quantityMilli, l.unitPriceCents, l.vatRate, l.discountBasisPoints]),
    );
  });
});

describe("issuing an invoice", () => {
  it("is for managers, from an accepted quote, once; sets retention to 10 years after the end of the invoice year", async () => {
    const sales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const contactId = await makeContact(sales.actor);
    const draft = await makeQuote(sales.actor, contactId);
    await expect(issueInvoice(sales.actor, draft, ISSUE)).rejects.toMatchObject({ status: 403 });
    expect(await issueInvoice(manager.actor, draft, ISSUE)).toEqual({ ok: false, reason: "QUOTE_NOT_ACCEPTED" });
    const id = await acceptedQuote(sales.actor, manager.actor, contactId);
    const issued = await issueInvoice(manager.actor, id, ISSUE);
    if (!issued.ok) throw new Error(issued.reason);
    expect(issued.number).toMatch(new RegExp(`^${YEAR}/\\d{4}$`));
    expect(await issueInvoice(manager.actor, id, ISSUE)).toEqual({ ok: false, reason: "QUOTE_ALREADY_INVOICED" });
    const invoice = (await getInvoice(issued.id))!;
    expect(invoice).toMatchObject({ customerName: expect.stringMatching(/^Chloé Dubois/), customerCompany: expect.stringMatching(/^Schelde/), language: "fr", totalCents: 278607, paymentTermsDays: 30 });
    expect(invoice.byRate).toEqual([{ rate: 21, netCents: 225000, vatCents: 47250 }, { rate: 6, netCents: 5997, vatCents: 360 }]);
    expect(invoice.seller.name).toMatch(/set in Admin/); // placeholder until an admin fills the details in
    const prisma = await db();
    const record = await prisma.processingRecord.findFirst({ where: { contactId, purpose: { code: "quotes-invoices" } }, select: { legalBasis: true, retentionEndsAt: true } });
    expect(record).toEqual({ legalBasis: "legal-obligation", retentionEndsAt: new Date(Date.UTC(YEAR + 10, 11, 31)) });
    // Another change to the contact recomputes retention without losing the invoice date.
    expect((await logInteraction(sales.actor, contactId, { kind: "call", occurredOn: businessDay().toISOString().slice(0, 10), summary: null })).ok).toBe(true);
    const after = await prisma.processingRecord.findFirst({ where: { contactId, purpose: { code: "quotes-invoices" } }, select: { retentionEndsAt: true } });
    expect(after?.retentionEndsAt).toEqual(new Date(Date.UTC(YEAR + 10, 11, 31)));
    expect(await prisma.auditEntry.count({ where: { action: "invoice.issued", recordId: String(issued.id) } })).toBe(1);
  });

  it("cannot be changed or deleted once issued — not through the domain, not in the database", async () => {
    const sales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const contactId = await makeContact(sales.actor);
    const quoteId = await acceptedQuote(sales.actor, manager.actor, contactId);
    const issued = await issueInvoice(manager.actor, quoteId, ISSUE);
    if (!issued.ok) throw new Error(issued.reason);
    // The domain: the quote behind it is no longer editable, and the invoice takes only a payment date.
    const change = quoteFormSchema.parse({ contactId: String(contactId), validUntil: futureDay(), ...TWO_RATE_LINES, "lines.0.unitPrice": "1" });
    expect(await updateQuote(manager.actor, quoteId, change)).toEqual({ ok: false, reason: "QUOTE_NOT_DRAFT" });
    expect(await markInvoicePaid(manager.actor, issued.id, new Date(Date.UTC(2000, 0, 1)))).toEqual({ ok: false, reason: "PAID_BEFORE_ISSUE" });
    expect((await markInvoicePaid(manager.actor, issued.id, businessDay())).ok).toBe(true);
    expect(await markInvoicePaid(manager.actor, issued.id, businessDay())).toEqual({ ok: false, reason: "ALREADY_PAID" });
    // The database: amounts, number, customer and lines are refused, through Prisma and raw SQL alike.
    const prisma = await db();
    // (Prisma reports the trigger's abort as a constraint violation; raw SQL shows its message.)
    await expect(prisma.invoice.update({ where: { id: issued.id }, data: { totalCents: 1 } })).rejects.toThrow();
    await expect(prisma.invoice.update({ where: { id: issued.id }, data: { customerName: "Someone else" } })).rejects.toThrow();
    expect(() => rawDb().prepare(`UPDATE Invoice SET number = '${YEAR}/9999' WHERE id = ?`).run(issued.id)).toThrow(/cannot be changed/);
    expect(() => rawDb().prepare("UPDATE Invoice SET lines = '[]' WHERE id = ?").run(issued.id)).toThrow(/cannot be changed/);
    expect(() => rawDb().prepare("DELETE FROM Invoice WHERE id = ?").run(issued.id)).toThrow(/cannot be deleted/);
    expect(() => rawDb().prepare("UPDATE DocumentSequence SET next = 1 WHERE kind = 'invoice'").run()).toThrow(/only move forward/);
    const invoice = (await getInvoice(issued.id))!;
    expect(invoice.totalCents).toBe(278607);
    expect(invoice.number).toBe(issued.number);
  });

  it("is corrected by a credit note from its own sequence, negating every amount", async () => {
    const sales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const issued = await issueInvoice(manager.actor, await acceptedQuote(sales.actor, manager.actor, await makeContact(sales.actor)), ISSUE);
    if (!issued.ok) throw new Error(issued.reason);
    await expect(issueCreditNote(sales.actor, issued.id)).rejects.toMatchObject({ status: 403 });
    const firstNote = await nextNumber("credit-note");
    const note = await issueCreditNote(manager.actor, issued.id);
    if (!note.ok) throw new Error(note.reason);
    expect(note.number).toBe(`CN${YEAR}/${String(firstNote).padStart(4, "0")}`);
    expect(await issueCreditNote(manager.actor, issued.id)).toEqual({ ok: false, reason: "ALREADY_CREDITED" });
    expect(await issueCreditNote(manager.actor, note.id)).toEqual({ ok: false, reason: "NOT_AN_INVOICE" });
    expect(await nextNumber("credit-note")).toBe(firstNote + 1); // refusals took no number
    const credit = (await getInvoice(note.id))!;
    expect(credit).toMatchObject({ kind: "credit-note", netCents: -230997, vatCents: -47610, totalCents: -278607, creditOf: { id: issued.id } });
    expect(credit.lines.map((l) => l.totalCents)).toEqual([-272250, -6357]);
    expect((await getInvoice(issued.id))!).toMatchObject({ creditNote: { id: note.id }, overdue: false });
  });
});

describe("gapless invoice numbering", () => {
  it("gives parallel issues in one process distinct numbers with no gap", async () => {
    const sales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const contactId = await makeContact(sales.actor);
    const quotes: number[] = [];
    for (let i = 0; i < 5; i++) quotes.push(await acceptedQuote(sales.actor, manager.actor, contactId));
    const first = await nextNumber("invoice");
    // The same quote twice: exactly one invoice, and the refused attempt leaves no hole.
    const results = await Promise.all([...quotes, quotes[0]].map((id) => issueInvoice(manager.actor, id, ISSUE)));
    const seqs = results.flatMap((r) => (r.ok ? [Number(r.number.split("/")[1])] : [])).sort((a, b) => a - b);
    expect(seqs).toEqual([0, 1, 2, 3, 4].map((i) => first + i));
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "QUOTE_ALREADY_INVOICED" }]);
    expect(await nextNumber("invoice")).toBe(first + 5);
  });

  it("gives concurrent issues from separate processes (separate connections) numbers 1..N with no duplicate and no gap; failed issues consume none", async () => {
    const sales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const contactId = await makeContact(sales.actor);
    const accepted: number[] = [];
    for (let i = 0; i < 8; i++) accepted.push(await acceptedQuote(sales.actor, manager.actor, contactId));
    const drafts = [await makeQuote(sales.actor, contactId), await makeQuote(sales.actor, contactId)];
    const first = await nextNumber("invoice");
    // 4 processes, each issuing 2 accepted quotes; two also try a draft, whose refusal rolls back after taking a number.
    const batches = [[accepted[0], drafts[0], accepted[1]], [accepted[2], accepted[3]], [accepted[4], drafts[1], accepted[5]], [accepted[6], accepted[7]]];
    const startAt = Date.now() + 4000;
    const outputs = await Promise.all(batches.map((ids) => runWorker(manager.id, startAt, ids)));
    const results = outputs.flat();
    const seqs = results.flatMap((r) => (r.result.ok ? [Number(r.result.number.split("/")[1])] : [])).sort((a, b) => a - b);
    expect(seqs).toEqual(accepted.map((_, i) => first + i));
    expect(results.filter((r) => !r.result.ok).map((r) => r.result)).toEqual([
      { ok: false, reason: "QUOTE_NOT_ACCEPTED" }, { ok: false, reason: "QUOTE_NOT_ACCEPTED" },
    ]);
    const prisma = await db();
    const stored = await prisma.invoice.findMany({ where: { kind: "invoice", year: YEAR, seq: { gte: first } }, orderBy: { seq: "asc" }, select: { seq: true, quoteId: true } });
    expect(stored.map((s) => s.seq)).toEqual(accepted.map((_, i) => first + i));
    expect(new Set(stored.map((s) => s.quoteId)).size).toBe(accepted.length);
    expect(await nextNumber("invoice")).toBe(first + accepted.length);
  }, 60_000);
});

type WorkerResult = { quoteId: number; result: { ok: true; number: string } | { ok: false; reason: string } };

function runWorker(staffId: number, startAt: number, quoteIds: number[]): Promise<WorkerResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), [path.resolve("test/fixtures/issue-invoice-worker.ts"), String(staffId), String(startAt), ...quoteIds.map(String)], {
      env: { ...process.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out) as WorkerResult[]) : reject(new Error(`worker failed (${code}): ${err.slice(0, 500)}`))));
  });
}

describe("erasing a contact", () => {
  it("keeps the invoice with its legal minimum, exactly as issued, and nothing more", async () => {
    const sales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const contactId = await makeContact(sales.actor, { phone: "0470 12 34 56" });
    const invoicedQuote = await acceptedQuote(sales.actor, manager.actor, contactId);
    const issued = await issueInvoice(manager.actor, invoicedQuote, ISSUE);
    if (!issued.ok) throw new Error(issued.reason);
    const openQuote = await makeQuote(sales.actor, contactId, { notes: "Call Chloé on her mobile" });
    const before = (await getInvoice(issued.id))!;
    expect(await eraseContact(manager.actor, contactId, { reason: "Art. 17 request" })).toEqual({ ok: true });

    const after = (await getInvoice(issued.id))!;
    const legal = (i: typeof before) => ({ number: i.number, issuedOn: i.issuedOn, name: i.customerName, company: i.customerCompany, vat: i.customerVat, address: i.customerAddress, lines: i.lines, byRate: i.byRate, total: i.totalCents });
    expect(legal(after)).toEqual(legal(before));
    expect(after.customerName).toMatch(/^Chloé Dubois/);
    expect(after.contact).toBeNull(); // no link back to the erased person
    // Nothing beyond the legal minimum was ever copied onto the invoice.
    const raw = rawDb().prepare("SELECT * FROM Invoice WHERE id = ?").get(issued.id) as Record<string, unknown>;
    expect(JSON.stringify(raw)).not.toMatch(/example\.test|\+32470/);
    const prisma = await db();
    const quotes = await prisma.quote.findMany({ where: { id: { in: [openQuote, invoicedQuote] } }, select: { contactId: true, notes: true } });
    expect(quotes).toEqual([{ contactId: null, notes: null }, { contactId: null, notes: null }]);
    // And the snapshot still cannot be blanked afterwards.
    expect(() => rawDb().prepare("UPDATE Invoice SET customerName = 'x', customerAddress = NULL WHERE id = ?").run(issued.id)).toThrow(/cannot be changed/);
  });
});

describe("the contact page's commerce section", () => {
  it("lists quotes, invoices (credited or not) and trainings exactly as Prisma's nested select does", async () => {
    const sales = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const contactId = await makeContact(sales.actor);
    const draft = await makeQuote(sales.actor, contactId);
    const invoiced = await issueInvoice(manager.actor, await acceptedQuote(sales.actor, manager.actor, contactId), ISSUE);
    const credited = await issueInvoice(manager.actor, await acceptedQuote(sales.actor, manager.actor, contactId), ISSUE);
    if (!invoiced.ok || !credited.ok) throw new Error("invoice refused");
    const note = await issueCreditNote(manager.actor, credited.id);
    if (!note.ok) throw new Error(note.reason);
    const prisma = await db();
    const training = await createTraining(manager.actor, trainingSchema.parse({ title: "GDPR for sales", trainer: "Anke Peeters", capacity: "5", date: "2027-03-15", startTime: "09:00", endTime: "17:00", place: "Gent" }));
    await addSession(manager.actor, training.id, sessionSchema.parse({ date: "2027-03-08", startTime: "09:00", endTime: "12:00", place: "Gent" }));
    expect((await registerContact(sales.actor, training.id, contactId)).ok).toBe(true);

    // A day after every due date: the credited invoice is not overdue, the other one is.
    const today = new Date(Date.UTC(YEAR + 2, 0, 1));
    const [quotes, invoices, registrations] = await Promise.all([
      prisma.quote.findMany({ where: { contactId }, orderBy: { id: "desc" }, take: 20, select: { id: true, number: true, status: true, validUntil: true, totalCents: true } }),
      prisma.invoice.findMany({
        where: { contactId }, orderBy: { id: "desc" }, take: 20,
        select: { id: true, kind: true, number: true, issuedOn: true, dueOn: true, paidOn: true, totalCents: true, creditNote: { select: { id: true } } },
      }),
      prisma.registration.findMany({
        where: { contactId }, orderBy: { id: "desc" }, take: 20,
        select: { id: true, status: true, certificateIssuedOn: true, training: { select: { id: true, title: true, sessions: { orderBy: { date: "asc" }, take: 1, select: { date: true } } } } },
      }),
    ]);
    const expected = {
      quotes: quotes.map((q) => ({ ...q, status: quoteStatusOn(q.status as QuoteStatus, today, q.validUntil) })),
      invoices: invoices.map(({ creditNote, ...i }) => ({ ...i, overdue: isOverdue({ ...i, credited: Boolean(creditNote) }, today) })),
      trainings: registrations.map((r) => ({ id: r.id, status: r.status, certificateIssuedOn: r.certificateIssuedOn, trainingId: r.training.id, title: r.training.title, firstDate: r.training.sessions[0]?.date ?? null })),
    };
    const commerce = await contactCommerce(contactId, today);
    expect(commerce).toEqual(expected);
    expect(commerce.invoices.map((i) => [i.id, i.overdue])).toEqual([[note.id, false], [credited.id, false], [invoiced.id, true]]);
    // What the comparison covers is really there.
    expect(commerce.quotes.map((q) => q.id)).toContain(draft);
    // The credit note is the contact's too.
    expect(commerce.invoices.map((i) => [i.id, i.kind])).toEqual([[note.id, "credit-note"], [credited.id, "invoice"], [invoiced.id, "invoice"]]);
    expect(commerce.trainings).toEqual([expect.objectContaining({ trainingId: training.id, firstDate: new Date("2027-03-08T00:00:00Z") })]);
  });
});
