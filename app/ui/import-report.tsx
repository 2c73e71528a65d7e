import { Form, Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "./form";
import { useReasonText } from "./import-status";

const link = "text-blue-700 underline";
type Reason = { code: string; field?: string };
type Row = { id: number; rowNumber: number; reasons: Reason[]; contact: { id: number; name: string } | null; cells: string[] | null };
const OUTCOMES = ["rejected", "created", "merged", "duplicate", "suppressed"] as const;

/** One outcome's rows at a time, with their reasons; rejected rows show their cells. */
export function RowsByOutcome({ counts, outcome, rows, nextAfter }: {
  counts: Record<(typeof OUTCOMES)[number], number>; outcome: string; rows: Row[]; nextAfter: number | null;
}) {
  const { t, i18n } = useTranslation();
  const reasonText = useReasonText();
  const [params] = useSearchParams();
  const to = (extra: Record<string, string>) => {
    const next = new URLSearchParams(params);
    next.delete("after");
    for (const [k, v] of Object.entries(extra)) next.set(k, v);
    return `?${next}`;
  };
  return (
    <section aria-labelledby="rows-title" className="flex flex-col gap-3">
      <h2 id="rows-title" className="text-lg font-semibold">{t("import.rowsByOutcome")}</h2>
      <nav aria-label={t("import.rowsByOutcome")} className="flex flex-wrap gap-2 text-sm">
        {OUTCOMES.map((o) => (
          <Link key={o} to={to({ outcome: o })} aria-current={o === outcome ? "page" : undefined}
            className={`rounded px-3 py-1 ${o === outcome ? "bg-blue-100 font-semibold text-blue-900" : "border border-slate-300 bg-white"}`}>
            {t(`import.outcome.${o}`)} ({counts[o].toLocaleString(i18n.language)})
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("import.noRows")}</p>
      ) : (
        <table className="min-w-full border-collapse text-sm">
          <caption className="sr-only">{t(`import.outcome.${outcome}`)}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="p-2">{t("import.col.row")}</th>
              <th scope="col" className="p-2">{outcome === "rejected" ? t("import.col.cells") : t("import.col.contact")}</th>
              <th scope="col" className="p-2">{t("import.col.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-slate-200 align-top">
                <td className="p-2 tabular-nums">{r.rowNumber}</td>
                <td className="max-w-md truncate p-2">
                  {r.contact ? <Link to={`/contacts/${r.contact.id}`} className={link}>{r.contact.name}</Link> : r.cells ? r.cells.filter(Boolean).join(" · ") : "—"}
                </td>
                <td className="p-2">{r.reasons.map(reasonText).join(" ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextAfter !== null ? <Link to={`${to({ outcome })}&after=${nextAfter}`} className={`${link} text-sm`}>{t("common.nextPage")}</Link> : null}
    </section>
  );
}

type Conflict = { field: string; current: string; incoming: string };
type ConflictRow = { id: number; rowNumber: number; contact: { id: number; name: string } | null; conflicts: Conflict[] };

/** Differences a merge did not overwrite: per field, keep the contact's value or take the file's. */
export function Conflicts({ rows, total, nextAfter }: { rows: ConflictRow[]; total: number; nextAfter: number | null }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="conflicts-title" className="flex flex-col gap-3">
      <h2 id="conflicts-title" className="text-lg font-semibold">{t("import.conflicts.title", { count: total })}</h2>
      {rows.length === 0 ? <p className="text-sm text-slate-600">{t("import.conflicts.none")}</p> : <p className="text-sm text-slate-700">{t("import.conflicts.hint")}</p>}
      {rows.map((row) => (
        <Form key={row.id} method="post" className="rounded border border-slate-200 bg-white p-3">
          <input type="hidden" name="intent" value="resolve" />
          <input type="hidden" name="rowId" value={row.id} />
          <p className="mb-2 text-sm font-medium">
            {t("import.conflicts.row", { row: row.rowNumber })}{" "}
            {row.contact ? <Link to={`/contacts/${row.contact.id}`} className={link}>{row.contact.name}</Link> : null}
          </p>
          <table className="mb-2 min-w-full text-sm">
            <caption className="sr-only">{t("import.conflicts.row", { row: row.rowNumber })}</caption>
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="p-1">{t("import.conflicts.field")}</th>
                <th scope="col" className="p-1">{t("import.conflicts.current")}</th>
                <th scope="col" className="p-1">{t("import.conflicts.incoming")}</th>
              </tr>
            </thead>
            <tbody>
              {row.conflicts.map((c) => (
                <tr key={c.field} className="border-b border-slate-100">
                  <th scope="row" className="p-1 text-left font-normal">{t(`import.field.${c.field}`)}</th>
                  <td className="p-1">
                    <label className="flex items-center gap-1"><input type="radio" name={`choice.${c.field}`} value="keep" defaultChecked /> {c.current}</label>
                  </td>
                  <td className="p-1">
                    <label className="flex items-center gap-1"><input type="radio" name={`choice.${c.field}`} value="incoming" /> {c.incoming}</label>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Button kind="secondary">{t("import.conflicts.resolve")}</Button>
        </Form>
      ))}
      {nextAfter !== null ? <Link to={`?conflicts=${nextAfter}`} className={`${link} text-sm`}>{t("common.nextPage")}</Link> : null}
    </section>
  );
}

/** Undo, behind a second, explicit confirmation. */
export function UndoImport() {
  const { t } = useTranslation();
  return (
    <details className="max-w-2xl rounded border border-red-200 bg-white p-3">
      <summary className="cursor-pointer text-sm font-medium text-red-800">{t("import.undo")}</summary>
      <p className="my-2 text-sm">{t("import.undo.explain")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="undo" />
        <Button kind="danger">{t("import.undo.confirm")}</Button>
      </Form>
    </details>
  );
}

/** After an undo: what stayed because staff had changed it since the import. */
export function KeptForReview({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  return (
    <section aria-labelledby="kept-title" className="flex flex-col gap-2">
      <h2 id="kept-title" className="text-lg font-semibold">{t("import.kept.title")}</h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("import.kept.none")}</p>
      ) : (
        <ul className="list-disc pl-5 text-sm">
          {rows.map((r) => (
            <li key={r.id}>
              {r.contact ? <Link to={`/contacts/${r.contact.id}`} className={link}>{r.contact.name}</Link> : `#${r.rowNumber}`}: {r.reasons.map(reasonText).join(" ")}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
