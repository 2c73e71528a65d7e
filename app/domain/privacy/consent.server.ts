import { recordAudit } from "~/domain/audit/audit.server";
import { contactEditDenied, type EditDenied } from "~/domain/contacts/contact-rules";
import { purposeName, syncRetention } from "~/domain/purposes/purposes.server";
import type { Actor } from "~/domain/staff/roles";
import { db, preparedStatements, type Tx } from "~/lib/db.server";
import { fromDbDateTime } from "~/lib/db-datetime";
import { consentStateByPurpose, consentStateOf, type ConsentChannel, type ConsentKind } from "./consent-state";
import type { RecordableConsentChannel } from "./consent.schema";
import { endProcessingRecords, flagWhenNothingOpen } from "./processing.server";

/**
 * The consent ledger (Art. 7). Every change is a new ConsentEvent row (the table refuses updates
 * and deletes), written in one transaction with the processing record it opens or ends and the
 * audit entry. Consent is kept per purpose, keyed by purpose id.
 */

export type GiveConsentInput = { purposeId: number; at: Date; channel: RecordableConsentChannel; wording: string };
export type WithdrawConsentInput = { purposeId: number; at: Date; channel: RecordableConsentChannel };

export type ConsentReason = EditDenied | "NOT_FOUND" | "PURPOSE_NOT_CONSENT" | "CONSENT_DATE_BEFORE_LATEST" | "CONSENT_NOT_GIVEN";
export type ConsentResult = { ok: true; eventId: number } | { ok: false; reason: ConsentReason };

const purposeSelect = { id: true, code: true, legalBasis: true, active: true, retentionAnchor: true, retentionYears: true, retentionMonths: true } as const;

type LedgerEvent = { id: number; purposeCode: string; kind: ConsentKind; at: Date; channel: ConsentChannel; wording: string | null };

/** The contact's ledger in the order it was written (same-instant events count in that order). */
export async function ledgerOf(tx: Tx, contactId: number, purposeIds?: number[]): Promise<LedgerEvent[]> {
  const rows = await tx.consentEvent.findMany({
    where: { contactId, purposeId: purposeIds ? { in: purposeIds } : undefined },
    orderBy: { id: "asc" },
    select: { id: true, purposeId: true, kind: true, at: true, channel: true, wording: true },
  });
  return rows.map((r) => ({ id: r.id, purposeCode: String(r.purposeId), kind: r.kind as ConsentKind, at: r.at, channel: r.channel as ConsentChannel, wording: r.wording }));
}

const latestAt = (events: LedgerEvent[]): Date | null =>
  events.reduce<Date | null>((max, e) => (!max || e.at > max ? e.at : max), null);

/**
 * Records a consent for a consent-based purpose and opens (or re-opens) the processing record
 * for it, with the wording as evidence. Whoever may edit the contact may record it; never while
 * the contact is restricted (Art. 18) or erased.
 */
export async function recordConsent(actor: Actor, contactId: number, input: GiveConsentInput): Promise<ConsentResult> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: contactId }, select: { ownerId: true, restricted: true, erasedAt: true, sourceKind: true } });
    if (!contact) return { ok: false as const, reason: "NOT_FOUND" as const };
    const denied = contactEditDenied(actor, contact);
    if (denied) return { ok: false as const, reason: denied };
    const purpose = await tx.purpose.findUnique({ where: { id: input.purposeId }, select: purposeSelect });
    if (!purpose || !purpose.active || purpose.legalBasis !== "consent") return { ok: false as const, reason: "PURPOSE_NOT_CONSENT" as const };
    const latest = latestAt(await ledgerOf(tx, contactId, [purpose.id]));
    // A consent dated before the latest event would not count, and would read as if it did.
    if (latest && input.at < latest) return { ok: false as const, reason: "CONSENT_DATE_BEFORE_LATEST" as const };

    const event = await tx.consentEvent.create({
      data: { contactId, purposeId: purpose.id, kind: "given", at: input.at, channel: input.channel, wording: input.wording, recordedById: actor.id },
      select: { id: true },
    });
    const record = await tx.processingRecord.findUnique({ where: { contactId_purposeId: { contactId, purposeId: purpose.id } }, select: { id: true, endedAt: true } });
    let processing: "opened" | "reopened" | "open";
    if (!record) {
      await tx.processingRecord.create({
        data: { contactId, purposeId: purpose.id, legalBasis: purpose.legalBasis, sourceKind: contact.sourceKind, since: input.at, evidence: input.wording },
      });
      processing = "opened";
    } else if (record.endedAt) {
      await tx.processingRecord.update({ where: { id: record.id }, data: { endedAt: null, since: input.at, evidence: input.wording, legalBasis: purpose.legalBasis } });
      processing = "reopened";
    } else {
      processing = "open";
    }
    await syncRetention(tx, contactId);
    await recordAudit(tx, {
      actor, action: "consent.given", recordType: "contact", recordId: contactId,
      summary: { consentEventId: event.id, purpose: purpose.code, channel: input.channel, processing },
    });
    return { ok: true as const, eventId: event.id };
  });
}

/**
 * Records a withdrawal and ends the processing that rested on the consent. Any staff member
 * may record it, also while the contact is restricted: it is the person's own right and only
 * reduces what we do. The earlier consent stays in the ledger as proof.
 */
export async function withdrawConsent(actor: Actor, contactId: number, input: WithdrawConsentInput): Promise<ConsentResult> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: contactId }, select: { erasedAt: true, lastInteractionAt: true } });
    if (!contact) return { ok: false as const, reason: "NOT_FOUND" as const };
    if (contact.erasedAt) return { ok: false as const, reason: "CONTACT_ERASED" as const };
    const purpose = await tx.purpose.findUnique({ where: { id: input.purposeId }, select: purposeSelect });
    if (!purpose || purpose.legalBasis !== "consent") return { ok: false as const, reason: "PURPOSE_NOT_CONSENT" as const };
    const events = await ledgerOf(tx, contactId, [purpose.id]);
    const state = consentStateOf(consentStateByPurpose(events), String(purpose.id));
    const record = await tx.processingRecord.findUnique({
      where: { contactId_purposeId: { contactId, purposeId: purpose.id } },
      select: { id: true, since: true, endedAt: true, legalBasis: true, purpose: { select: { retentionAnchor: true, retentionYears: true, retentionMonths: true } } },
    });
    const openOnConsent = record !== null && record.endedAt === null && record.legalBasis === "consent";
    // Contacts entered through the contact form may rest on consent without a ledger event yet.
    if (state.state !== "given" && !openOnConsent) return { ok: false as const, reason: "CONSENT_NOT_GIVEN" as const };
    const latest = latestAt(events);
    if ((latest && input.at < latest) || (openOnConsent && input.at < record.since)) return { ok: false as const, reason: "CONSENT_DATE_BEFORE_LATEST" as const };

    const event = await tx.consentEvent.create({
      data: { contactId, purposeId: purpose.id, kind: "withdrawn", at: input.at, channel: input.channel, wording: null, recordedById: actor.id },
      select: { id: true },
    });
    if (openOnConsent) await endProcessingRecords(tx, contactId, [record], input.at, contact.lastInteractionAt);
    const flagged = await flagWhenNothingOpen(tx, contactId, new Date());
    await recordAudit(tx, {
      actor, action: "consent.withdrawn", recordType: "contact", recordId: contactId,
      summary: { consentEventId: event.id, purpose: purpose.code, channel: input.channel, processingEnded: openOnConsent, flaggedForReview: flagged || undefined },
    });
    return { ok: true as const, eventId: event.id };
  });
}

export type ConsentHistoryEntry = {
  id: number; purposeId: number; purposeCode: string; purposeName: string; kind: ConsentKind; at: Date;
  channel: ConsentChannel; wording: string | null; recordedBy: string | null;
};

const SQL = {
  contact: `SELECT "ownerId", "restricted", "erasedAt" FROM "Contact" WHERE id = ?`,
  purposes: `SELECT id, "code", "active", "nameEn", "nameNl", "nameFr" FROM "Purpose" WHERE "legalBasis" = 'consent' ORDER BY id`,
  history: `SELECT e.id, e."purposeId", e."kind", e."at", e."channel", e."wording", e."recordedById",
      p."code", p."nameEn", p."nameNl", p."nameFr", s."name" AS "staffName"
    FROM "ConsentEvent" e LEFT JOIN "Purpose" p ON p.id = e."purposeId" LEFT JOIN "Staff" s ON s.id = e."recordedById"
    WHERE e."contactId" = ? ORDER BY e."at" DESC, e.id DESC`,
  openRecords: `SELECT "purposeId" FROM "ProcessingRecord" WHERE "contactId" = ? AND "endedAt" IS NULL AND "legalBasis" = 'consent'`,
};

type HistoryRow = {
  id: number; purposeId: number; kind: string; at: string; channel: string; wording: string | null; recordedById: number | null;
  code: string | null; nameEn: string | null; nameNl: string | null; nameFr: string | null; staffName: string | null;
};

/**
 * The ledger of one contact, newest first, with purpose names in `language`. Every staff member may
 * read it. A prepared statement: the contact page reads it on every visit (ADR 016).
 */
export async function consentHistory(contactId: number, language = "en"): Promise<ConsentHistoryEntry[]> {
  return (preparedStatements(SQL).history.all(contactId) as HistoryRow[]).map((r) => ({
    id: r.id, purposeId: r.purposeId,
    purposeCode: r.code ?? String(r.purposeId),
    purposeName: r.code !== null ? purposeName({ nameEn: r.nameEn!, nameNl: r.nameNl!, nameFr: r.nameFr! }, language) : String(r.purposeId),
    kind: r.kind as ConsentKind, at: fromDbDateTime(r.at), channel: r.channel as ConsentChannel, wording: r.wording,
    recordedBy: r.recordedById === null ? null : r.staffName,
  }));
}

/**
 * What the contact page's consent section shows: each consent-based purpose with its current
 * state (from the ledger, through consentStateByPurpose), whether it can be withdrawn, the
 * history, and whether this staff member may record a new consent. Prepared statements (ADR 016).
 */
export async function consentOverview(actor: Actor, contactId: number, language: string) {
  const sql = preparedStatements(SQL);
  const row = sql.contact.get(contactId) as { ownerId: number | null; restricted: number; erasedAt: string | null } | undefined;
  if (!row) return null;
  const contact = { ownerId: row.ownerId, restricted: row.restricted !== 0, erasedAt: fromDbDateTime(row.erasedAt) };
  const purposes = (sql.purposes.all() as { id: number; code: string; active: number; nameEn: string; nameNl: string; nameFr: string }[])
    .map((p) => ({ ...p, active: p.active !== 0 }));
  const history = await consentHistory(contactId, language);
  const openRecords = sql.openRecords.all(contactId) as { purposeId: number }[];
  const states = consentStateByPurpose(
    [...history].reverse().map((h) => ({ purposeCode: String(h.purposeId), kind: h.kind, at: h.at, channel: h.channel, wording: h.wording })),
  );
  const open = new Set(openRecords.map((r) => r.purposeId));
  const rows = purposes
    .filter((p) => p.active || states.has(String(p.id)))
    .map((p) => {
      const s = consentStateOf(states, String(p.id));
      return {
        id: p.id, code: p.code, name: purposeName(p, language), active: p.active, state: s.state, since: s.since,
        lastGiven: s.lastGiven ? { at: s.lastGiven.at, channel: s.lastGiven.channel, wording: s.lastGiven.wording } : null,
        processingOpen: open.has(p.id),
        withdrawable: !contact.erasedAt && (s.state === "given" || open.has(p.id)),
      };
    });
  return { purposes: rows, history, canRecord: contactEditDenied(actor, contact) === null, recordDenied: contactEditDenied(actor, contact) };
}

/** Active purposes that rest on consent (the ones with a ledger and a mailing list). */
export async function consentPurposes() {
  const prisma = await db();
  return prisma.purpose.findMany({ where: { legalBasis: "consent", active: true }, orderBy: { id: "asc" }, select: { id: true, code: true, nameEn: true, nameNl: true, nameFr: true } });
}
