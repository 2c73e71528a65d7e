import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countOverdueInvoices } from "~/domain/quotes/invoice-read.server";
import { QUOTE_STATUSES } from "~/domain/quotes/numbering";
import { listQuotes } from "~/domain/quotes/quote-read.server";
import { quoteListQuerySchema } from "~/domain/quotes/quote.schema";
import { expireSentQuotes } from "~/domain/quotes/quotes.server";
import { formatCents } from "~/domain/quotes/totals";
import type { Language } from "~/domain/staff/roles";
import { requireStaff } from "~/lib/auth.server";
import { invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { buttonLinkClass, linkClass, StatusBadge, tableClass, thClass } from "~/ui/commerce-bits";
import { EmptyState } from "~/ui/empty-state";
import { formatDate } from "~/ui/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const parsed = quoteListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(parsed.success, "Bad filter", 400);
  // Expiry is computed on read everywhere; stored here so the status filter and sums agree.
  await expireSentQuotes();
  const [page, overdue] = await Promise.all([listQuotes(parsed.data), countOverdueInvoices()]);
  return { ...page, overdue };
}

export default function QuotesPage() {
  const { t, i18n } = useTranslation();
  const { items, nextCursor, overdue } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const lang = i18n.language as Language;
  const next = new URLSearchParams(params);
  if (nextCursor) next.set("before", String(nextCursor));
  return (
    <>
      <PageHeader
        title={t("quote.listTitle")}
        actions={<>
          <Link to="/invoices" className={buttonLinkClass}>{t("invoice.listTitle")}</Link>
          <Link to="/quotes/new" className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white">{t("quote.new")}</Link>
        </>}
      />
      {overdue > 0 ? (
        <p role="note" className="mb-4 rounded border border-amber-400 bg-amber-50 p-3 text-sm">
          <Link to="/invoices?overdue=1" className={linkClass}>{t("invoice.overdueCount", { count: overdue })}</Link>
        </p>
      ) : null}
      <Form method="get" className="mb-4 flex items-end gap-2" aria-label={t("common.filters")}>
        <label className="flex flex-col gap-1 text-sm font-medium">{t("quote.status")}
          <select name="status" defaultValue={params.get("status") ?? ""} className="rounded border border-slate-400 px-3 py-2 font-normal">
            <option value="">{t("common.all")}</option>
            {QUOTE_STATUSES.map((s) => <option key={s} value={s}>{t(`quote.status.${s}`)}</option>)}
          </select>
        </label>
        <button type="submit" className={buttonLinkClass}>{t("common.applyFilters")}</button>
      </Form>
      {items.length === 0 ? (
        <EmptyState title={t("quote.none")}><p>{t("quote.noneHint")}</p></EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className={tableClass}>
            <caption className="sr-only">{t("quote.listTitle")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className={thClass}>{t("quote.number")}</th>
                <th scope="col" className={thClass}>{t("quote.customer")}</th>
                <th scope="col" className={thClass}>{t("quote.date")}</th>
                <th scope="col" className={thClass}>{t("quote.validUntil")}</th>
                <th scope="col" className={thClass}>{t("quote.status")}</th>
                <th scope="col" className={`${thClass} text-right`}>{t("quote.grandTotal")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((q) => (
                <tr key={q.id} className="border-b border-slate-200">
                  <td className="p-2"><Link to={`/quotes/${q.id}`} className={linkClass}>{q.number}</Link></td>
                  <td className="p-2">{q.contact ? `${q.contact.firstName} ${q.contact.lastName}` : ""}{q.contact && q.organisation ? " · " : ""}{q.organisation?.name ?? ""}</td>
                  <td className="p-2">{formatDate(q.quoteDate, lang)}</td>
                  <td className="p-2">{formatDate(q.validUntil, lang)}</td>
                  <td className="p-2"><StatusBadge status={q.status} kind="quote" /></td>
                  <td className="p-2 text-right tabular-nums">{formatCents(q.totalCents, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("common.pagination")} className="mt-4 flex gap-4 text-sm">
        {params.get("before") ? <Link to={`?${new URLSearchParams([...params].filter(([k]) => k !== "before"))}`} className={linkClass}>{t("common.firstPage")}</Link> : null}
        {nextCursor ? <Link to={`?${next}`} className={linkClass}>{t("common.nextPage")}</Link> : null}
      </nav>
    </>
  );
}
