import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { listInvoices } from "~/domain/quotes/invoice-read.server";
import { formatCents } from "~/domain/quotes/totals";
import type { Language } from "~/domain/staff/roles";
import { requireStaff } from "~/lib/auth.server";
import { invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { buttonLinkClass, linkClass, tableClass, thClass } from "~/ui/commerce-bits";
import { EmptyState } from "~/ui/empty-state";
import { formatDate } from "~/ui/format";

const querySchema = z.object({ overdue: z.literal("1").optional(), before: z.coerce.number().int().positive().optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(parsed.success, "Bad filter", 400);
  return { ...(await listInvoices({ overdue: parsed.data.overdue === "1", before: parsed.data.before })), overdueOnly: parsed.data.overdue === "1" };
}

export default function InvoicesPage() {
  const { t, i18n } = useTranslation();
  const { items, nextCursor, overdueOnly } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const lang = i18n.language as Language;
  return (
    <>
      <PageHeader
        title={t(overdueOnly ? "invoice.overdueTitle" : "invoice.listTitle")}
        actions={<>
          <Link to="/quotes" className={buttonLinkClass}>{t("quote.listTitle")}</Link>
          <Link to={overdueOnly ? "/invoices" : "/invoices?overdue=1"} className={buttonLinkClass}>{t(overdueOnly ? "invoice.showAll" : "invoice.showOverdue")}</Link>
        </>}
      />
      {items.length === 0 ? (
        <EmptyState title={t(overdueOnly ? "invoice.noneOverdue" : "invoice.none")} />
      ) : (
        <div className="overflow-x-auto">
          <table className={tableClass}>
            <caption className="sr-only">{t(overdueOnly ? "invoice.overdueTitle" : "invoice.listTitle")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className={thClass}>{t("invoice.number")}</th>
                <th scope="col" className={thClass}>{t("invoice.customer")}</th>
                <th scope="col" className={thClass}>{t("invoice.issuedOn")}</th>
                <th scope="col" className={thClass}>{t("invoice.dueOn")}</th>
                <th scope="col" className={thClass}>{t("invoice.state")}</th>
                <th scope="col" className={`${thClass} text-right`}>{t("invoice.total")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id} className="border-b border-slate-200">
                  <td className="p-2"><Link to={`/invoices/${i.id}`} className={linkClass}>{i.number}</Link>{i.kind === "credit-note" ? <span className="ml-2 text-xs">({t("invoice.kind.credit-note")})</span> : null}</td>
                  <td className="p-2">{i.customerCompany ? `${i.customerCompany} · ` : ""}{i.customerName}</td>
                  <td className="p-2">{formatDate(i.issuedOn, lang)}</td>
                  <td className="p-2">{i.kind === "invoice" ? formatDate(i.dueOn, lang) : "—"}</td>
                  <td className="p-2">{i.kind !== "invoice" ? "—" : i.paidOn ? t("invoice.paidOn", { date: formatDate(i.paidOn, lang) }) : i.creditNote ? t("invoice.credited") : i.overdue ? <strong className="text-red-700">{t("invoice.overdue")}</strong> : t("invoice.open")}</td>
                  <td className="p-2 text-right tabular-nums">{formatCents(i.totalCents, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor ? (
        <nav aria-label={t("common.pagination")} className="mt-4 flex gap-4 text-sm">
          {params.get("before") ? <Link to="/invoices" className={linkClass}>{t("common.firstPage")}</Link> : null}
          <Link to={`?before=${nextCursor}`} className={linkClass}>{t("common.nextPage")}</Link>
        </nav>
      ) : null}
    </>
  );
}
