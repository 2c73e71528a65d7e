import { recordAudit } from "~/domain/audit/audit.server";
import type { Actor, Language } from "~/domain/staff/roles";
import { csvLine, UTF8_BOM, type CsvDelimiter } from "~/lib/csv";
import { db } from "~/lib/db.server";
import { strategyFor, type Strategy } from "./contact-list-plan.server";
import { pageSteps, runPage } from "./contact-list-sql.server";
import type { ContactListFilter, CursorValues } from "./contact-list.schema";

/** Rows read per query: small enough that memory stays flat, large enough that 1M rows is ~1,000 queries. */
export const EXPORT_CHUNK = 1000;

const HEADER_KEYS = [
  "contactList.csv.firstName", "contactList.csv.lastName", "contactList.csv.email", "contactList.csv.phone",
  "contactList.csv.mobile", "contactList.csv.jobTitle", "contactList.csv.organisation", "contactList.csv.stage",
  "contactList.csv.owner", "contactList.csv.source", "contactList.csv.obtainedOn", "contactList.csv.purposes",
] as const;

type ExportRow = {
  id: number; firstName: string; lastName: string; email: string | null; phone: string | null; mobile: string | null;
  jobTitle: string | null; organisationName: string | null; stage: string; ownerName: string | null;
  sourceKind: string; obtainedAt: string; purposes: string | null;
};

export type ExportOptions = { delimiter: CsvDelimiter; language: Language; t: (key: string) => string };

/**
 * The contacts matching `filter` as a CSV stream (UTF-8 with BOM so Excel keeps the accents), newest
 * first, read EXPORT_CHUNK rows at a time by keyset as the client reads. Restricted contacts
 * (Art. 18) are always left out, whatever the filter says; every cell is formula-guarded by csvLine.
 */
export function exportContactsCsv(filter: ContactListFilter, { delimiter, language, t }: ExportOptions): ReadableStream<Uint8Array> {
  const unrestricted: ContactListFilter = { ...filter, restricted: false };
  // Asked for restricted contacts only: the answer is none, not the unrestricted ones.
  const nothing = filter.restricted === true;
  const encoder = new TextEncoder();
  let after: CursorValues | null = null;
  let strategy: Strategy | null = null;
  let text = UTF8_BOM + csvLine(HEADER_KEYS.map((key) => t(key)), delimiter);
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      strategy ??= strategyFor(unrestricted, "newest");
      const rows = nothing ? [] : runPage<ExportRow>(pageSteps(unrestricted, "newest", after, { kind: "export", language }, strategy), EXPORT_CHUNK);
      for (const r of rows) {
        text += csvLine(
          [r.firstName, r.lastName, r.email, r.phone, r.mobile, r.jobTitle, r.organisationName, t(`stage.${r.stage}`),
            r.ownerName, t(`source.${r.sourceKind}`), r.obtainedAt.slice(0, 10), r.purposes],
          delimiter,
        );
      }
      if (text) controller.enqueue(encoder.encode(text));
      text = "";
      if (rows.length < EXPORT_CHUNK) controller.close();
      else after = { sort: "newest", id: rows[rows.length - 1].id };
    },
  });
}

/**
 * One audit entry when an export starts: which filters, but never the search or tag text (an
 * e-mail address, a remark on the person) — only whether there was one.
 */
export async function recordContactExport(actor: Actor, filter: ContactListFilter, delimiter: CsvDelimiter): Promise<void> {
  const { q, tag, ...filters } = filter;
  const prisma = await db();
  await recordAudit(prisma, {
    actor, action: "contacts.exported", recordType: "contact",
    summary: { ...filters, restricted: false, search: Boolean(q), tagged: Boolean(tag), delimiter },
  });
}
