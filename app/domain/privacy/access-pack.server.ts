import { strToU8, zipSync } from "fflate";
import { recordAudit } from "~/domain/audit/audit.server";
import type { Actor } from "~/domain/staff/roles";
import { csvLine, UTF8_BOM, type CsvValue } from "~/lib/csv";
import { db } from "~/lib/db.server";
import { isLanguage } from "~/lib/i18n/i18n";
import { translator } from "~/lib/i18n/i18next.server";
import { assertRole } from "~/lib/permissions.server";
import { collectSubject, type PackSubject } from "./access-pack-data.server";
import { renderPackSummary } from "./access-pack-summary.server";

/** Request types answered with the pack: a copy (Art. 15) or the portable data (Art. 20). */
export const PACK_TYPES = ["access", "portability"] as const;

export type PackResult =
  | { ok: true; zip: Uint8Array; fileName: string }
  | { ok: false; reason: "NOT_FOUND" | "DSR_IDENTITY_NOT_VERIFIED" | "DSR_NO_CONTACTS" | "DSR_PACK_NOT_FOR_TYPE" };

const iso = (v: Date | null | undefined): string | null => (v ? v.toISOString() : null);
const cell = (v: unknown): CsvValue => (v == null ? null : v instanceof Date ? v.toISOString() : typeof v === "number" || typeof v === "string" ? v : JSON.stringify(v));

/** One CSV with a fixed header; semicolons and a BOM like every other export, each cell formula-guarded. */
function csv(columns: readonly string[], rows: readonly Record<string, unknown>[]): Uint8Array {
  let text = UTF8_BOM + csvLine(columns, ";");
  for (const row of rows) text += csvLine(columns.map((c) => cell(row[c])), ";");
  return strToU8(text);
}

function tables(subjects: PackSubject[]): Record<string, Uint8Array> {
  const each = <T>(pick: (s: PackSubject) => T[]) => subjects.flatMap((s) => pick(s).map((row) => ({ contactId: s.contact.id, ...row })));
  return {
    "contact.csv": csv(
      ["id", "firstName", "lastName", "email", "phone", "mobile", "jobTitle", "organisation", "organisationVat", "street", "postalCode", "city", "country", "language", "stage", "tags", "sourceKind", "sourceDetail", "obtainedAt", "restricted", "restrictedAt", "restrictionReason", "noticeDueAt", "noticeSentAt", "noticeChannel", "lastInteractionAt", "erasedAt", "createdAt", "updatedAt"],
      subjects.map((s) => ({ ...s.contact, tags: s.contact.tags.join(", "), restricted: s.contact.restricted ? "yes" : "no", organisation: s.organisation?.name, organisationVat: s.organisation?.vatNumber })),
    ),
    "processing-records.csv": csv(
      ["contactId", "purposeCode", "purpose", "legalBasis", "sourceKind", "since", "evidence", "retentionEndsAt", "extendedUntil", "endedAt"],
      each((s) => s.processingRecords.map((r) => ({ ...r, purpose: r.purposeNames.en }))),
    ),
    "consents.csv": csv(["contactId", "purposeCode", "kind", "at", "channel", "wording"], each((s) => s.consents)),
    "interactions.csv": csv(["contactId", "kind", "occurredAt", "summary"], each((s) => s.interactions)),
    "import-provenance.csv": csv(
      ["contactId", "batchId", "fileName", "tradeFair", "organiser", "obtainedOn", "optInWording", "importedAt", "rowNumber", "outcome", "reason"],
      each((s) => s.importProvenance.batches.flatMap((b) => {
        const rows = s.importProvenance.rows.filter((r) => r.batchId === b.id);
        const base = { batchId: b.id, fileName: b.fileName, tradeFair: b.tradeFair, organiser: b.organiser, obtainedOn: b.obtainedOn, optInWording: b.optInWording, importedAt: b.createdAt };
        return rows.length ? rows.map((r) => ({ ...base, rowNumber: r.rowNumber, outcome: r.outcome, reason: r.reason })) : [base];
      })),
    ),
    "audit-entries.csv": csv(["contactId", "at", "action", "summary"], each((s) => s.auditEntries)),
    "quotes.csv": csv(["contactId", "number", "status", "quoteDate", "validUntil", "organisation", "netCents", "vatCents", "totalCents", "notes", "lines"], each((s) => s.quotes)),
    "invoices.csv": csv(
      ["contactId", "kind", "number", "issuedOn", "dueOn", "paidOn", "customerName", "customerCompany", "customerVat", "customerAddress", "netCents", "vatCents", "totalCents", "lines"],
      each((s) => s.invoices),
    ),
    "trainings.csv": csv(
      ["contactId", "training", "status", "registeredAt", "cancelledAt", "certificateIssuedOn", "sessionDate", "attendance"],
      each((s) => (s.trainings.length === 0 ? [] : s.trainings.flatMap((t) => {
        const base = { training: t.training, status: t.status, registeredAt: t.registeredAt, cancelledAt: t.cancelledAt, certificateIssuedOn: t.certificateIssuedOn };
        return t.attendance.length ? t.attendance.map((a) => ({ ...base, sessionDate: a.date, attendance: a.status })) : [base];
      }))),
    ),
    "requests.csv": csv(["contactId", "id", "type", "receivedAt", "dueAt", "status", "closedAt"], each((s) => s.requests)),
  };
}

/**
 * The ZIP answering an access or portability request: data.json (everything, machine-readable),
 * one CSV per table and summary.html, readable, in the person's language. Refused until identity
 * is verified (Art. 12(6)); the download is audited in the same transaction as the reads.
 */
export async function buildAccessPack(actor: Actor, requestId: number, staffLanguage: string, now = new Date()): Promise<PackResult> {
  assertRole(actor, "manager");
  const prisma = await db();
  const built = await prisma.$transaction(async (tx) => {
    const request = await tx.dataSubjectRequest.findUnique({
      where: { id: requestId },
      select: { id: true, type: true, receivedAt: true, identityVerifiedAt: true, contacts: { orderBy: { contactId: "asc" }, select: { contactId: true } } },
    });
    if (!request) return { ok: false as const, reason: "NOT_FOUND" as const };
    if (!(PACK_TYPES as readonly string[]).includes(request.type)) return { ok: false as const, reason: "DSR_PACK_NOT_FOR_TYPE" as const };
    if (!request.identityVerifiedAt) return { ok: false as const, reason: "DSR_IDENTITY_NOT_VERIFIED" as const };
    const subjects: PackSubject[] = [];
    for (const { contactId } of request.contacts) {
      const subject = await collectSubject(tx, contactId);
      if (subject) subjects.push(subject);
    }
    if (subjects.length === 0) return { ok: false as const, reason: "DSR_NO_CONTACTS" as const };
    await recordAudit(tx, { actor, action: "dsr.pack-downloaded", recordType: "dsr", recordId: requestId, summary: { contactIds: subjects.map((s) => s.contact.id) } });
    return { ok: true as const, request, subjects };
  });
  if (!built.ok) return built;

  const { request, subjects } = built;
  const contactLanguage = subjects.find((s) => s.contact.language && isLanguage(s.contact.language))?.contact.language;
  const language = contactLanguage ?? (isLanguage(staffLanguage) ? staffLanguage : "en");
  const t = await translator(language);
  const data = {
    generatedAt: iso(now),
    request: { id: request.id, type: request.type, receivedAt: iso(request.receivedAt) },
    subjects,
  };
  const files: Record<string, Uint8Array> = {
    "data.json": strToU8(JSON.stringify(data, null, 2)),
    ...tables(subjects),
    "summary.html": strToU8(renderPackSummary(subjects, { requestId: request.id, generatedAt: now, language, t: (key, values) => t(key, values) })),
  };
  return { ok: true, zip: zipSync(files, { level: 6, mtime: now }), fileName: `access-request-${request.id}.zip` };
}
