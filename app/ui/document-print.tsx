import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PrintDocument } from "~/domain/quotes/print.server";

const PRINT_CSS = `
@page { size: A4; margin: 16mm 14mm; }
@media print {
  html, body { background: #fff !important; }
  .print-sheet { box-shadow: none !important; margin: 0 !important; padding: 0 !important; max-width: none !important; }
  .print-sheet table { page-break-inside: auto; }
  .print-sheet tr { page-break-inside: avoid; }
}
`;

/** A quote, invoice or credit note as a printable A4 sheet; the toolbar above it is not printed. */
export function DocumentSheet({ doc, backTo }: { doc: PrintDocument; backTo: string }) {
  const { t } = useTranslation();
  return (
    <>
      <style>{PRINT_CSS}</style>
      <div className="no-print mx-auto flex max-w-[210mm] items-center justify-between gap-3 p-4">
        <Link to={backTo} className="text-blue-700 underline">{t("print.back")}</Link>
        <button type="button" onClick={() => window.print()} className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white">{t("print.print")}</button>
      </div>
      {doc.seller.isPlaceholder ? <p role="note" className="no-print mx-auto mb-2 max-w-[210mm] rounded border border-amber-400 bg-amber-50 p-2 text-sm">{t("print.placeholderWarning")}</p> : null}
      <article lang={doc.language} className="print-sheet mx-auto mb-8 max-w-[210mm] bg-white p-[14mm] text-[10.5pt] text-black shadow">
        <header className="mb-8 flex justify-between gap-8">
          <div>{doc.seller.lines.map((l, i) => <p key={i} className={i === 0 ? "text-lg font-bold" : ""}>{l}</p>)}</div>
          <div className="text-right">
            <h1 className="text-2xl font-bold uppercase tracking-wide">{doc.title}</h1>
            <p className="text-lg font-semibold" data-testid="document-number">{doc.number}</p>
            <dl className="mt-2 grid grid-cols-[auto_auto] justify-end gap-x-3">
              {doc.facts.map((f) => (
                <div key={f.label} className="contents"><dt>{f.label}</dt><dd className="font-medium">{f.value}</dd></div>
              ))}
            </dl>
          </div>
        </header>
        <section aria-label={doc.customer.heading} className="mb-8 ml-auto w-1/2 rounded border border-slate-300 p-3">
          <h2 className="mb-1 text-xs uppercase text-slate-600">{doc.customer.heading}</h2>
          {doc.customer.lines.map((l, i) => <p key={i} className={i === 0 ? "font-semibold" : ""}>{l}</p>)}
        </section>
        <table className="mb-6 w-full border-collapse">
          <thead>
            <tr className="border-b-2 border-black text-left">
              <th scope="col" className="py-1 pr-2">{doc.columns.description}</th>
              <th scope="col" className="py-1 pr-2 text-right">{doc.columns.quantity}</th>
              <th scope="col" className="py-1 pr-2 text-right">{doc.columns.unitPrice}</th>
              <th scope="col" className="py-1 pr-2 text-right">{doc.columns.discount}</th>
              <th scope="col" className="py-1 pr-2 text-right">{doc.columns.vatRate}</th>
              <th scope="col" className="py-1 text-right">{doc.columns.net}</th>
            </tr>
          </thead>
          <tbody>
            {doc.lines.map((l, i) => (
              <tr key={i} className="border-b border-slate-300 align-top">
                <td className="py-1 pr-2 whitespace-pre-wrap">{l.description}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{l.quantity}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{l.unitPrice}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{l.discount}</td>
                <td className="py-1 pr-2 text-right">{l.vatRate}</td>
                <td className="py-1 text-right tabular-nums">{l.net}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="flex justify-between gap-8">
          <table className="self-start border-collapse" aria-label={doc.breakdown.heading}>
            <caption className="mb-1 text-left text-xs uppercase text-slate-600">{doc.breakdown.heading}</caption>
            <thead>
              <tr className="border-b border-black text-left">
                <th scope="col" className="pr-4">{doc.breakdown.rate}</th>
                <th scope="col" className="pr-4 text-right">{doc.breakdown.base}</th>
                <th scope="col" className="text-right">{doc.breakdown.vat}</th>
              </tr>
            </thead>
            <tbody>
              {doc.breakdown.rows.map((r) => (
                <tr key={r.rate} data-testid={`vat-row-${r.rate.replace(/\D/g, "")}`}>
                  <td className="pr-4">{r.rate}</td><td className="pr-4 text-right tabular-nums">{r.base}</td><td className="text-right tabular-nums">{r.vat}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="min-w-[45%] border-collapse">
            <tbody>
              {doc.totals.map((row) => (
                <tr key={row.label} className={row.grand ? "border-t-2 border-black text-lg font-bold" : ""}>
                  <th scope="row" className="py-1 pr-4 text-left font-[inherit]">{row.label}</th>
                  <td className="py-1 text-right tabular-nums" data-testid={row.grand ? "document-total" : undefined}>{row.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {doc.notes ? <p className="mt-8 whitespace-pre-wrap">{doc.notes}</p> : null}
        {doc.footer ? <footer className="mt-10 border-t border-slate-300 pt-3 text-sm">{doc.footer}</footer> : null}
      </article>
    </>
  );
}
