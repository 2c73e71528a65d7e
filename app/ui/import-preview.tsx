import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useReasonText } from "./import-status";

type Counts = { created: number; merged: number; duplicate: number; suppressed: number; rejected: number };
const OUTCOME_ORDER = ["created", "merged", "duplicate", "suppressed", "rejected"] as const;

/** The five outcomes with their numbers, as a definition list. */
export function OutcomeCounts({ counts, total, labelledBy }: { counts: Counts; total?: number; labelledBy: string }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => value.toLocaleString(i18n.language);
  return (
    <dl aria-labelledby={labelledBy} className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-[repeat(6,auto)] sm:justify-start">
      {total !== undefined ? (
        <div className="rounded border border-slate-200 bg-white px-3 py-2">
          <dt className="text-slate-600">{t("import.count.total")}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="count-total">{n(total)}</dd>
        </div>
      ) : null}
      {OUTCOME_ORDER.map((o) => (
        <div key={o} className="rounded border border-slate-200 bg-white px-3 py-2">
          <dt className="text-slate-600">{t(`import.outcome.${o}`)}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid={`count-${o}`}>{n(counts[o])}</dd>
        </div>
      ))}
    </dl>
  );
}

type PreviewRow = { rowNumber: number; outcome: string; values: Partial<Record<string, string>>; reasons: { code: string; field?: string }[]; contactId: number | null };

/** The first rows as they will be imported, each with its outcome and reasons. */
export function PreviewTable({ rows, fields }: { rows: PreviewRow[]; fields: string[] }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full border-collapse text-sm">
        <caption className="mb-2 text-left text-lg font-semibold">{t("import.preview.title")}</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="p-2">{t("import.col.row")}</th>
            <th scope="col" className="p-2">{t("import.col.outcome")}</th>
            {fields.map((f) => <th key={f} scope="col" className="p-2">{t(`import.field.${f}`)}</th>)}
            <th scope="col" className="p-2">{t("import.col.reason")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.rowNumber} className="border-b border-slate-200 align-top">
              <td className="p-2 tabular-nums">{row.rowNumber}</td>
              <td className="p-2">
                {row.contactId && row.outcome === "merged" ? (
                  <Link to={`/contacts/${row.contactId}`} className="text-blue-700 underline">{t(`import.outcome.${row.outcome}`)}</Link>
                ) : t(`import.outcome.${row.outcome}`)}
              </td>
              {fields.map((f) => (
                <td key={f} className="max-w-[14rem] truncate p-2">
                  {f === "optIn" && row.values.optIn ? t(row.values.optIn === "yes" ? "import.yes" : "import.no") : (row.values[f] ?? "")}
                </td>
              ))}
              <td className="p-2">{row.reasons.map(reasonText).join(" ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
