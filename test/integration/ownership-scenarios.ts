/**
 * For every row of the permission table with an ownership rule: the same call on a record the
 * actor may not touch (refused, nothing changes) and on one they may (not refused). Keyed by
 * "<file>#<loader|action>#<intent>"; the permission-matrix test fails when a row has none.
 */
import { listPurposes } from "~/domain/purposes/purposes.server";
import { db } from "~/lib/db.server";
import { createSession, hashToken } from "~/lib/session.server";
import { fixture, importFile, suggestedMapping } from "../import-utils";
import { futureDay, makeQuote, TWO_RATE_LINES } from "./quote-helpers";
import { today, type RouteFixtures } from "./route-fixtures";

export type Call = { params?: Record<string, string>; body?: Record<string, string | string[]> };
export type Scenario = {
  actor: "sales" | "admin";
  refused: (fx: RouteFixtures) => Call | Promise<Call>;
  allowed: (fx: RouteFixtures) => Call | Promise<Call>;
  /** What the refused call must leave as it was. */
  state: (fx: RouteFixtures) => Promise<unknown>;
};

const prisma = () => db();
const contact = async (id: number) =>
  (await prisma()).contact.findUniqueOrThrow({ where: { id }, select: { firstName: true, lastName: true, city: true, updatedAt: true, lastInteractionAt: true, restricted: true } });
const quote = async (id: number) => (await prisma()).quote.findUniqueOrThrow({ where: { id }, select: { status: true, notes: true, updatedAt: true } });
const freshDraft = (fx: RouteFixtures) => makeQuote(fx.staff.sales.actor, fx.contacts.ownContact);

async function contactForm(id: number, ownerId: number) {
  const row = await (await prisma()).contact.findUniqueOrThrow({ where: { id }, select: { email: true } });
  const prospecting = (await listPurposes()).find((p) => p.code === "prospecting")!;
  return {
    firstName: "Changed", lastName: "Name", email: row.email ?? "", stage: "prospect", sourceKind: "phone", obtainedAt: "2026-01-15",
    purposeIds: [String(prospecting.id)], ownerId: String(ownerId), confirmDuplicate: "1",
  };
}

async function mappingBody(batchId: number) {
  const mapping = await suggestedMapping(batchId);
  return { intent: "preview", ...Object.fromEntries(mapping.map((field, i) => [`mapping.${i}`, field])), optInWording: "Ja, stuur mij de nieuwsbrief." };
}

const quoteForm = (contactId: number) => ({ contactId: String(contactId), validUntil: futureDay(), notes: "changed", ...TWO_RATE_LINES });
const batchState = async (id: number) => (await prisma()).importBatch.findUniqueOrThrow({ where: { id }, select: { status: true, mapping: true } });
const staffState = async (fx: RouteFixtures) =>
  (await prisma()).staff.findUniqueOrThrow({ where: { id: fx.staff.admin.id }, select: { active: true, role: true, totpEnabledAt: true, lockedUntil: true } });

const CONTACT_PAGE = "_app.contacts.$contactId._index.tsx#action#";
const BATCH_PAGE = "_app.imports.$batchId.tsx#action#";
const QUOTE_PAGE = "_app.quotes.$quoteId._index.tsx#action#";
const TRAINING_PAGE = "_app.trainings.$trainingId._index.tsx#action#";
const STAFF_PAGE = "_app.admin.staff.$staffId.tsx#action#";

const batchRun = (intent: string): Scenario => ({
  actor: "sales",
  refused: (fx) => ({ params: { batchId: String(fx.batches.otherBatch) }, body: { intent } }),
  allowed: (fx) => ({ params: { batchId: String(fx.batches.ownBatch) }, body: { intent } }),
  state: (fx) => batchState(fx.batches.otherBatch),
});

const notSelf = (intent: string, extra: Record<string, string> = {}): Scenario => ({
  actor: "admin",
  refused: (fx) => ({ params: { staffId: String(fx.staff.admin.id) }, body: { intent, ...extra } }),
  allowed: (fx) => ({ params: { staffId: String(fx.staff.target.id) }, body: { intent, ...extra } }),
  state: staffState,
});

export const OWNERSHIP_SCENARIOS: Record<string, Scenario> = {
  [`${CONTACT_PAGE}record-consent`]: {
    actor: "sales",
    refused: (fx) => ({ params: { contactId: String(fx.contacts.otherContact) }, body: { intent: "record-consent", purposeId: String(fx.newsletterPurposeId), givenOn: today(), channel: "form", wording: "Yes, send me the newsletter." } }),
    allowed: (fx) => ({ params: { contactId: String(fx.contacts.ownContact) }, body: { intent: "record-consent", purposeId: String(fx.newsletterPurposeId), givenOn: today(), channel: "form", wording: "Yes, send me the newsletter." } }),
    state: async (fx) => (await prisma()).consentEvent.count({ where: { contactId: fx.contacts.otherContact } }),
  },
  [`${CONTACT_PAGE}log-interaction`]: {
    actor: "sales",
    refused: (fx) => ({ params: { contactId: String(fx.contacts.otherContact) }, body: { intent: "log-interaction", kind: "call", occurredOn: today(), summary: "Called" } }),
    allowed: (fx) => ({ params: { contactId: String(fx.contacts.ownContact) }, body: { intent: "log-interaction", kind: "call", occurredOn: today(), summary: "Called" } }),
    state: async (fx) => [await (await prisma()).interaction.count({ where: { contactId: fx.contacts.otherContact } }), await contact(fx.contacts.otherContact)],
  },
  "_app.contacts.$contactId.edit.tsx#loader#": {
    actor: "sales",
    refused: (fx) => ({ params: { contactId: String(fx.contacts.otherContact) } }),
    allowed: (fx) => ({ params: { contactId: String(fx.contacts.ownContact) } }),
    state: (fx) => contact(fx.contacts.otherContact),
  },
  "_app.contacts.$contactId.edit.tsx#action#": {
    actor: "sales",
    refused: async (fx) => ({ params: { contactId: String(fx.contacts.otherContact) }, body: await contactForm(fx.contacts.otherContact, fx.staff.otherSales.id) }),
    allowed: async (fx) => ({ params: { contactId: String(fx.contacts.ownContact) }, body: await contactForm(fx.contacts.ownContact, fx.staff.sales.id) }),
    state: (fx) => contact(fx.contacts.otherContact),
  },
  "_app.contacts._index.tsx#action#add-tag": {
    actor: "sales",
    refused: (fx) => ({ body: { intent: "add-tag", ids: String(fx.contacts.otherContact), tag: "vip" } }),
    allowed: (fx) => ({ body: { intent: "add-tag", ids: String(fx.contacts.ownContact), tag: "vip" } }),
    state: async (fx) => (await prisma()).contactTag.findMany({ where: { contactId: fx.contacts.otherContact }, select: { tag: true } }),
  },
  [`${BATCH_PAGE}preview`]: {
    actor: "sales",
    refused: async (fx) => ({ params: { batchId: String(fx.batches.otherBatch) }, body: await mappingBody(fx.batches.otherBatch) }),
    allowed: async (fx) => ({ params: { batchId: String(fx.batches.ownBatchForPreview) }, body: await mappingBody(fx.batches.ownBatchForPreview) }),
    state: (fx) => batchState(fx.batches.otherBatch),
  },
  // The rejected rows hold the file's personal data: another sales member's batch is refused.
  "_app.imports.$batchId.rejects[.]csv.tsx#loader#": {
    actor: "sales",
    refused: (fx) => ({ params: { batchId: String(fx.batches.conflicts.batchId) } }),
    allowed: async (fx) => ({ params: { batchId: String((await importFile(fx.staff.sales.actor, fixture("mixed-duplicates.csv"))).batchId) } }),
    state: (fx) => batchState(fx.batches.conflicts.batchId),
  },
  [`${BATCH_PAGE}start`]: batchRun("start"),
  [`${BATCH_PAGE}cancel`]: batchRun("cancel"),
  [`${BATCH_PAGE}undo`]: batchRun("undo"),
  [`${BATCH_PAGE}resolve`]: {
    actor: "sales",
    refused: (fx) => ({ params: { batchId: String(fx.batches.conflicts.batchId) }, body: { intent: "resolve", rowId: String(fx.batches.conflicts.rowOfB), "choice.city": "incoming" } }),
    allowed: (fx) => ({ params: { batchId: String(fx.batches.conflicts.batchId) }, body: { intent: "resolve", rowId: String(fx.batches.conflicts.rowOfA), "choice.city": "incoming" } }),
    state: async (fx) => [await contact(fx.contacts.otherContact), await (await prisma()).importRow.findUniqueOrThrow({ where: { id: fx.batches.conflicts.rowOfB }, select: { resolvedAt: true } })],
  },
  "_app.profile_.sessions.tsx#action#end": {
    actor: "sales",
    refused: (fx) => ({ body: { intent: "end", sessionId: fx.otherSession } }),
    allowed: async (fx) => ({ body: { intent: "end", sessionId: hashToken((await createSession(fx.staff.sales.id, { ip: null, userAgent: null })).token) } }),
    state: async (fx) => (await prisma()).session.count({ where: { id: fx.otherSession } }),
  },
  [`${QUOTE_PAGE}send`]: {
    actor: "sales",
    refused: (fx) => ({ params: { quoteId: String(fx.quotes.otherQuote) }, body: { intent: "send" } }),
    allowed: async (fx) => ({ params: { quoteId: String(await freshDraft(fx)) }, body: { intent: "send" } }),
    state: (fx) => quote(fx.quotes.otherQuote),
  },
  [`${QUOTE_PAGE}accept`]: {
    actor: "sales",
    refused: (fx) => ({ params: { quoteId: String(fx.quotes.sentOther) }, body: { intent: "accept" } }),
    allowed: (fx) => ({ params: { quoteId: String(fx.quotes.sentOwnForAccept) }, body: { intent: "accept" } }),
    state: (fx) => quote(fx.quotes.sentOther),
  },
  [`${QUOTE_PAGE}decline`]: {
    actor: "sales",
    refused: (fx) => ({ params: { quoteId: String(fx.quotes.sentOther) }, body: { intent: "decline" } }),
    allowed: (fx) => ({ params: { quoteId: String(fx.quotes.sentOwnForDecline) }, body: { intent: "decline" } }),
    state: (fx) => quote(fx.quotes.sentOther),
  },
  [`${QUOTE_PAGE}duplicate`]: {
    actor: "sales",
    refused: (fx) => ({ params: { quoteId: String(fx.quotes.otherQuote) }, body: { intent: "duplicate" } }),
    allowed: (fx) => ({ params: { quoteId: String(fx.quotes.ownQuote) }, body: { intent: "duplicate" } }),
    state: async () => (await prisma()).quote.count(),
  },
  "_app.quotes.$quoteId.edit.tsx#loader#": {
    actor: "sales",
    refused: (fx) => ({ params: { quoteId: String(fx.quotes.otherQuote) } }),
    allowed: async (fx) => ({ params: { quoteId: String(await freshDraft(fx)) } }),
    state: (fx) => quote(fx.quotes.otherQuote),
  },
  "_app.quotes.$quoteId.edit.tsx#action#": {
    actor: "sales",
    refused: (fx) => ({ params: { quoteId: String(fx.quotes.otherQuote) }, body: quoteForm(fx.contacts.otherContact) }),
    allowed: async (fx) => ({ params: { quoteId: String(await freshDraft(fx)) }, body: quoteForm(fx.contacts.ownContact) }),
    state: (fx) => quote(fx.quotes.otherQuote),
  },
  "_app.quotes.new.tsx#action#": {
    actor: "sales",
    refused: (fx) => ({ body: quoteForm(fx.contacts.otherContact) }),
    allowed: (fx) => ({ body: quoteForm(fx.contacts.ownContact) }),
    state: async () => (await prisma()).quote.count(),
  },
  [`${TRAINING_PAGE}register`]: {
    actor: "sales",
    refused: (fx) => ({ params: { trainingId: String(fx.training.trainingId) }, body: { intent: "register", contactId: String(fx.contacts.freeOtherContact) } }),
    allowed: (fx) => ({ params: { trainingId: String(fx.training.trainingId) }, body: { intent: "register", contactId: String(fx.contacts.freeContact) } }),
    state: async (fx) => (await prisma()).registration.findMany({ where: { trainingId: fx.training.trainingId }, select: { id: true, status: true }, orderBy: { id: "asc" } }),
  },
  [`${TRAINING_PAGE}cancel`]: {
    actor: "sales",
    refused: (fx) => ({ params: { trainingId: String(fx.training.trainingId) }, body: { intent: "cancel", registrationId: String(fx.training.otherRegistration) } }),
    allowed: (fx) => ({ params: { trainingId: String(fx.training.trainingId) }, body: { intent: "cancel", registrationId: String(fx.training.ownRegistration) } }),
    state: async (fx) => (await prisma()).registration.findUniqueOrThrow({ where: { id: fx.training.otherRegistration }, select: { status: true } }),
  },
  [`${STAFF_PAGE}reset-two-factor`]: notSelf("reset-two-factor"),
  [`${STAFF_PAGE}end-sessions`]: notSelf("end-sessions"),
  [`${STAFF_PAGE}deactivate`]: notSelf("deactivate"),
  [`${STAFF_PAGE}reactivate`]: notSelf("reactivate"),
  [`${STAFF_PAGE}role`]: notSelf("role", { role: "manager" }),
};
