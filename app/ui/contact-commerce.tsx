import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ContactCommerce, OrganisationCommerce } from "~/domain/quotes/commerce-summary.server";
import { formatCents } from "~/domain/quotes/totals";
import type { Language } from "~/domain/staff/roles";
import { linkClass, StatusBadge } from "./commerce-bits";
import { formatDate } from "./format";

/** Quotes, invoices and trainings of a contact, for the contact page. */
export function ContactCommerceSection({ data, contactId, canQuote }: { data: ContactCommerce; contactId: number; canQuote: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const empty = (key: string) => <p className="text-sm text-slate-600">{t(key)}</p>;
  return (
    <section aria-labelledby="commerce-title" className="mt-8 max-w-4xl">
      <div className="mb-2 flex items-center justify-between gap-3">
        <h2 id="commerce-title" className="text-lg font-semibold">{t("commerce.contactTitle")}</h2>
        {canQuote ? <Link to={`/quotes/new?contactId=${contactId}`} className={linkClass}>{t("quote.new")}</Link> : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div>
          <h3 className="mb-1 font-medium">{t("commerce.quotes")}</h3>
          {data.quotes.length === 0 ? empty("quote.none") : (
            <ul className="flex flex-col gap-1 text-sm">
              {data.quotes.map((q) => (
                <li key={q.id}><Link to={`/quotes/${q.id}`} className={linkClass}>{q.number}</Link> <StatusBadge status={q.status} kind="quote" /> <span className="tabular-nums">{formatCents(q.totalCents, lang)}</span></li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="mb-1 font-medium">{t("commerce.invoices")}</h3>
          {data.invoices.length === 0 ? empty("invoice.none") : (
            <ul className="flex flex-col gap-1 text-sm">
              {data.invoices.map((i) => (
                <li key={i.id}>
                  <Link to={`/invoices/${i.id}`} className={linkClass}>{i.number}</Link> <span className="tabular-nums">{formatCents(i.totalCents, lang)}</span>{" "}
                  {i.kind === "credit-note" ? t("invoice.kind.credit-note") : i.paidOn ? t("invoice.paid") : i.overdue ? <strong className="text-red-700">{t("invoice.overdue")}</strong> : t("invoice.open")}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="mb-1 font-medium">{t("commerce.trainings")}</h3>
          {data.trainings.length === 0 ? empty("training.noneForContact") : (
            <ul className="flex flex-col gap-1 text-sm">
              {data.trainings.map((r) => (
                <li key={r.id}>
                  <Link to={`/trainings/${r.trainingId}`} className={linkClass}>{r.title}</Link> {formatDate(r.firstDate, lang)} <StatusBadge status={r.status} kind="training" />
                  {r.certificateIssuedOn ? ` · ${t("training.certificateOn", { date: formatDate(r.certificateIssuedOn, lang) })}` : ""}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

/** Sums for an organisation page: quotes, invoicing and training registrations of its contacts. */
export function OrganisationCommerceSection({ data, organisationId }: { data: OrganisationCommerce; organisationId: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const row = (label: string, value: string | number, testId?: string) => (
    <><dt className="font-medium">{t(label)}</dt><dd className="tabular-nums" data-testid={testId}>{value}</dd></>
  );
  return (
    <section aria-labelledby="org-commerce" className="mt-8">
      <div className="mb-2 flex max-w-2xl items-center justify-between gap-3">
        <h2 id="org-commerce" className="text-lg font-semibold">{t("commerce.organisationTitle")}</h2>
        <Link to={`/quotes/new?organisationId=${organisationId}`} className={linkClass}>{t("quote.new")}</Link>
      </div>
      <dl className="grid max-w-2xl grid-cols-[16rem_1fr] gap-y-1 text-sm">
        {row("commerce.quotesTotal", data.quotes.total)}
        {row("commerce.quotesOpen", data.quotes.open)}
        {row("commerce.quotesAccepted", `${data.quotes.accepted} · ${formatCents(data.quotes.acceptedCents, lang)}`)}
        {row("commerce.invoiced", `${data.invoices.count} · ${formatCents(data.invoices.invoicedCents, lang)}`, "org-invoiced")}
        {row("commerce.unpaid", formatCents(data.invoices.unpaidCents, lang))}
        {row("commerce.overdueInvoices", data.invoices.overdue)}
        {row("commerce.trainingRegistrations", data.trainings.registrations)}
        {row("commerce.trainingAttended", data.trainings.attended)}
      </dl>
    </section>
  );
}
