import { ruleOf } from "~/domain/purposes/retention";
import type { Tx } from "~/lib/db.server";

/**
 * Everything held on one person, for an access (Art. 15) or portability (Art. 20) request.
 * Every query goes by an indexed id (Contact.id, contactId indexes, AuditEntry recordType+recordId,
 * registration and session ids), so the pack stays fast at a million contacts.
 *
 * Other people's data stays out: no staff names, staff ids or IP addresses, no other contact, and
 * requester details of the requests are left out (a representative may have asked).
 */

const parseJson = (text: string | null): unknown => {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export async function collectSubject(tx: Tx, contactId: number) {
  const contact = await tx.contact.findUnique({
    where: { id: contactId },
    select: {
      id: true, firstName: true, lastName: true, email: true, phone: true, mobile: true, jobTitle: true, street: true, postalCode: true,
      city: true, country: true, language: true, stage: true, sourceKind: true, sourceDetail: true, obtainedAt: true, restricted: true,
      restrictionReason: true, restrictedAt: true, lastInteractionAt: true, noticeDueAt: true, noticeSentAt: true, noticeChannel: true,
      erasedAt: true, createdAt: true, updatedAt: true, tradeFairId: true, importBatchId: true,
      organisation: { select: { id: true, name: true, vatNumber: true } },
      tags: { select: { tag: true }, orderBy: { tag: "asc" } },
    },
  });
  if (!contact) return null;
  const [records, consents, interactions, importRows, audit, requests] = await Promise.all([
    tx.processingRecord.findMany({
      where: { contactId },
      orderBy: { id: "asc" },
      select: {
        legalBasis: true, sourceKind: true, since: true, evidence: true, retentionEndsAt: true, extendedUntil: true, endedAt: true,
        purpose: { select: { id: true, code: true, nameEn: true, nameNl: true, nameFr: true, retentionAnchor: true, retentionYears: true, retentionMonths: true } },
      },
    }),
    tx.consentEvent.findMany({ where: { contactId }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { purposeId: true, kind: true, at: true, channel: true, wording: true } }),
    tx.interaction.findMany({ where: { contactId }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }], select: { kind: true, occurredAt: true, summary: true } }),
    tx.importRow.findMany({ where: { contactId }, orderBy: { id: "asc" }, select: { batchId: true, rowNumber: true, outcome: true, reason: true } }),
    tx.auditEntry.findMany({ where: { recordType: "contact", recordId: String(contactId) }, orderBy: { id: "asc" }, select: { at: true, action: true, summary: true } }),
    tx.dsrContact.findMany({
      where: { contactId },
      select: { request: { select: { id: true, type: true, receivedAt: true, dueAt: true, status: true, closedAt: true } } },
    }),
  ]);
  const batchIds = [...new Set([contact.importBatchId, ...importRows.map((r) => r.batchId)].filter((id): id is number => id !== null))];
  const batches = await tx.importBatch.findMany({
    where: { id: { in: batchIds } },
    select: { id: true, fileName: true, organiser: true, obtainedOn: true, optInWording: true, createdAt: true, tradeFairId: true },
  });
  const fairIds = [...new Set([contact.tradeFairId, ...batches.map((b) => b.tradeFairId)].filter((id): id is number => id !== null))];
  const fairs = await tx.tradeFair.findMany({ where: { id: { in: fairIds } }, select: { id: true, name: true, organiser: true, startsOn: true, endsOn: true, place: true } });
  const purposeCodes = new Map(records.map((r) => [r.purpose.id, r.purpose.code]));
  const missingPurposes = [...new Set(consents.map((c) => c.purposeId))].filter((id) => !purposeCodes.has(id));
  for (const p of await tx.purpose.findMany({ where: { id: { in: missingPurposes } }, select: { id: true, code: true } })) purposeCodes.set(p.id, p.code);

  const { tradeFairId, importBatchId, organisation, tags, ...fields } = contact;
  return {
    contact: { ...fields, tags: tags.map((t) => t.tag) },
    organisation,
    // The rule as well as the date: Art. 15(1)(d) asks for the period, or the criteria that set it while no date is known.
    processingRecords: records.map(({ purpose, ...r }) => ({
      purposeCode: purpose.code, purposeNames: { en: purpose.nameEn, nl: purpose.nameNl, fr: purpose.nameFr }, ...r, retentionRule: ruleOf(purpose),
    })),
    consents: consents.map(({ purposeId, ...c }) => ({ purposeCode: purposeCodes.get(purposeId) ?? String(purposeId), ...c })),
    interactions,
    importProvenance: {
      tradeFair: fairs.find((f) => f.id === tradeFairId) ?? null,
      importBatchId,
      batches: batches.map(({ tradeFairId: fairId, ...b }) => ({ ...b, tradeFair: fairs.find((f) => f.id === fairId)?.name ?? null })),
      rows: importRows,
    },
    auditEntries: audit.map((a) => ({ at: a.at, action: a.action, summary: parseJson(a.summary) })),
    requests: requests.map((r) => r.request),
    ...(await collectBusiness(tx, contactId)),
  };
}

/** Quotes, invoices (as issued), training registrations and attendance linked to the contact. */
async function collectBusiness(tx: Tx, contactId: number) {
  const [quotes, invoices, registrations] = await Promise.all([
    tx.quote.findMany({
      where: { contactId },
      orderBy: { id: "asc" },
      select: {
        number: true, status: true, quoteDate: true, validUntil: true, notes: true, netCents: true, vatCents: true, totalCents: true, sentAt: true, decidedAt: true,
        organisation: { select: { name: true } },
        lines: { orderBy: { position: "asc" }, select: { description: true, quantityMilli: true, unitPriceCents: true, vatRate: true, discountBasisPoints: true } },
      },
    }),
    tx.invoice.findMany({
      where: { contactId },
      orderBy: { id: "asc" },
      select: {
        kind: true, number: true, issuedOn: true, dueOn: true, paidOn: true, customerName: true, customerCompany: true, customerVat: true,
        customerAddress: true, lines: true, netCents: true, vatCents: true, totalCents: true,
      },
    }),
    tx.registration.findMany({
      where: { contactId },
      orderBy: { id: "asc" },
      select: {
        status: true, registeredAt: true, cancelledAt: true, certificateIssuedOn: true,
        training: { select: { title: true } },
        attendances: { orderBy: { id: "asc" }, select: { status: true, session: { select: { date: true, startTime: true, endTime: true, place: true } } } },
      },
    }),
  ]);
  return {
    quotes: quotes.map(({ organisation, ...q }) => ({ ...q, organisation: organisation?.name ?? null })),
    invoices: invoices.map((i) => ({ ...i, lines: parseJson(i.lines) })),
    trainings: registrations.map((r) => ({
      training: r.training.title, status: r.status, registeredAt: r.registeredAt, cancelledAt: r.cancelledAt, certificateIssuedOn: r.certificateIssuedOn,
      attendance: r.attendances.map((a) => ({ date: a.session.date, startTime: a.session.startTime, endTime: a.session.endTime, place: a.session.place, status: a.status })),
    })),
  };
}

export type PackSubject = NonNullable<Awaited<ReturnType<typeof collectSubject>>>;
