import { recordAudit } from "~/domain/audit/audit.server";
import type { Actor } from "~/domain/staff/roles";
import { secret } from "~/lib/config.server";
import { csvLine, UTF8_BOM, type CsvDelimiter } from "~/lib/csv";
import { db, rawDb, preparedStatements } from "~/lib/db.server";
import { assertRole } from "~/lib/permissions.server";
import { suppressionHash } from "./suppression.server";

/** Rows read per query: memory stays flat, a million contacts is about a thousand queries. */
export const MAILING_CHUNK = 1000;

/**
 * Who may be mailed for a consent purpose right now. Driven by the (purposeId, contactId) index of
 * ProcessingRecord, keyset on contactId. A person is included only when all of these hold:
 * - the processing record for the purpose is open (ending it on the contact form stops mailing too);
 * - the latest ConsentEvent for the purpose is "given" (same-instant events: the later row wins,
 *   as in consentStateByPurpose);
 * - not restricted (Art. 18), not erased, with an e-mail address;
 * - and, checked per chunk in code, the address is not on the suppression list (Art. 21(3)).
 */
const PAGE_SQL = `
SELECT c."id" AS id, c."email" AS email, c."firstName" AS firstName, c."lastName" AS lastName, c."language" AS language, o."name" AS organisation
FROM "ProcessingRecord" pr INDEXED BY "ProcessingRecord_purposeId_contactId_idx"
CROSS JOIN "Contact" c ON c."id" = pr."contactId"
LEFT JOIN "Organisation" o ON o."id" = c."organisationId"
WHERE pr."purposeId" = @purposeId AND pr."contactId" > @after AND pr."endedAt" IS NULL
  AND c."restricted" = 0 AND c."erasedAt" IS NULL AND c."email" IS NOT NULL
  AND (SELECT e."kind" FROM "ConsentEvent" e
       WHERE e."contactId" = pr."contactId" AND e."purposeId" = @purposeId
       ORDER BY e."at" DESC, e."id" DESC LIMIT 1) = 'given'
ORDER BY pr."contactId"
LIMIT @limit`;

const SUPPRESSED_SQL = `SELECT "hash" FROM "SuppressionEntry" WHERE "hash" IN (SELECT value FROM json_each(@hashes))`;

type MailingRow = { id: number; email: string; firstName: string; lastName: string; language: string | null; organisation: string | null };

const prepared = () => preparedStatements({ page: PAGE_SQL, suppressed: SUPPRESSED_SQL });

/** One chunk of mailable people after `after` (a contact id), suppression already applied; `last` is where the next chunk starts. */
export function mailingChunk(purposeId: number, after: number, key: string, limit = MAILING_CHUNK): { rows: MailingRow[]; last: number | null } {
  const s = prepared();
  const rows = s.page.all({ purposeId, after, limit }) as MailingRow[];
  if (rows.length === 0) return { rows, last: null };
  const hashes = rows.map((r) => suppressionHash(r.email, key));
  const suppressed = new Set((s.suppressed.all({ hashes: JSON.stringify(hashes) }) as { hash: string }[]).map((r) => r.hash));
  return { rows: rows.filter((_, i) => !suppressed.has(hashes[i])), last: rows.length < limit ? null : rows[rows.length - 1].id };
}

/** The query plan (tests prove the export walks the purpose index, not the contact table). */
export function explainMailing(): string[] {
  return (rawDb().prepare(`EXPLAIN QUERY PLAN ${PAGE_SQL}`).all({ purposeId: 1, after: 0, limit: MAILING_CHUNK }) as { detail: string }[]).map((r) => r.detail);
}

export type MailingExport =
  | { ok: true; stream: ReadableStream<Uint8Array>; purposeCode: string }
  | { ok: false; reason: "PURPOSE_NOT_FOUND" | "PURPOSE_NOT_CONSENT" };

/**
 * The mailing list of a consent purpose (e.g. the newsletter) as a CSV stream: UTF-8 with BOM,
 * every cell formula-guarded. Managers and admins only; the export is audited when it starts.
 */
export async function exportMailingCsv(
  actor: Actor,
  purposeId: number,
  { delimiter, t }: { delimiter: CsvDelimiter; t: (key: string) => string },
): Promise<MailingExport> {
  assertRole(actor, "manager");
  const prisma = await db();
  const purpose = await prisma.purpose.findUnique({ where: { id: purposeId }, select: { id: true, code: true, legalBasis: true } });
  if (!purpose) return { ok: false, reason: "PURPOSE_NOT_FOUND" };
  if (purpose.legalBasis !== "consent") return { ok: false, reason: "PURPOSE_NOT_CONSENT" };
  await recordAudit(prisma, { actor, action: "mailing.exported", recordType: "purpose", recordId: purpose.id, summary: { purpose: purpose.code, delimiter } });

  const key = secret("SUPPRESSION_KEY");
  const encoder = new TextEncoder();
  let after: number | null = 0;
  let text = UTF8_BOM + csvLine(["contact.email", "contact.firstName", "contact.lastName", "contact.language", "contact.organisation"].map((k) => t(k)), delimiter);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = after === null ? { rows: [], last: null } : mailingChunk(purpose.id, after, key);
      for (const r of chunk.rows) text += csvLine([r.email, r.firstName, r.lastName, r.language, r.organisation], delimiter);
      if (text) controller.enqueue(encoder.encode(text));
      text = "";
      after = chunk.last;
      if (after === null) controller.close();
    },
  });
  return { ok: true, stream, purposeCode: purpose.code };
}
