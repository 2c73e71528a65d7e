import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getCompanyDetails } from "~/domain/quotes/company.server";
import { issueInvoice } from "~/domain/quotes/invoices.server";
import { getQuote } from "~/domain/quotes/quote-read.server";
import { issueInvoiceSchema } from "~/domain/quotes/quote.schema";
import { changeQuoteStatus, duplicateQuote } from "~/domain/quotes/quotes.server";
import { formatCents } from "~/domain/quotes/totals";
import type { Language } from "~/domain/staff/roles";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { idParam, invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { buttonLinkClass, linkClass, StatusBadge } from "~/ui/commerce-bits";
import { Button } from "~/ui/form";
import { formatDate } from "~/ui/format";
import { QuoteTotals } from "~/ui/quote-editor";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const quote = await getQuote(staff.actor, idParam(params.quoteId));
  invariantResponse(quote, "Not found", 404);
  const { paymentTermsDays } = await getCompanyDetails();
  return { quote, paymentTermsDays };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.quoteId);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "send" || intent === "accept" || intent === "decline") {
    const result = await changeQuoteStatus(staff.actor, id, intent);
    invariantResponse(result.ok || result.reason !== "NOT_FOUND", "Not found", 404);
    return redirectWithFlash(request, `/quotes/${id}`, result.ok ? { kind: "success", key: `quote.done.${intent}` } : { kind: "error", key: `quote.error.${result.reason}` });
  }
  if (intent === "duplicate") {
    const result = await duplicateQuote(staff.actor, id);
    if (!result.ok) return redirectWithFlash(request, `/quotes/${id}`, { kind: "error", key: `quote.error.${result.reason}` });
    return redirectWithFlash(request, `/quotes/${result.id}/edit`, { kind: "success", key: "quote.done.duplicated" });
  }
  if (intent === "issue-invoice") {
    const parsed = parseFormData(formData, issueInvoiceSchema);
    if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
    const result = await issueInvoice(staff.actor, id, { paymentTermsDays: parsed.data.paymentTermsDays, fallbackLanguage: staff.language });
    if (!result.ok) return redirectWithFlash(request, `/quotes/${id}`, { kind: "error", key: `invoice.error.${result.reason}` });
    return redirectWithFlash(request, `/invoices/${result.id}`, { kind: "success", key: "invoice.done.issued", values: { number: result.number } });
  }
  throw data({ message: "Unknown intent" }, { status: 400 });
}

function IntentButton({ intent, label, kind = "secondary" }: { intent: string; label: string; kind?: "primary" | "secondary" | "danger" }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <Button kind={kind}>{label}</Button>
    </Form>
  );
}

export default function QuotePage() {
  const { t, i18n } = useTranslation();
  const { quote, paymentTermsDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = i18n.language as Language;
  const money = (c: number) => formatCents(c, lang);
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/quotes" className={linkClass}>{t("quote.backToList")}</Link></p>
      <PageHeader
        title={t("quote.title", { number: quote.number })}
        actions={<>
          <Link to={`/quotes/${quote.id}/print`} className={buttonLinkClass}>{t("quote.print")}</Link>
          {quote.can.edit ? <Link to={`/quotes/${quote.id}/edit`} className={buttonLinkClass}>{t("quote.edit")}</Link> : null}
        </>}
      />
      <p className="-mt-4 mb-4"><StatusBadge status={quote.status} kind="quote" /></p>
      <dl className="mb-6 grid max-w-2xl grid-cols-[12rem_1fr] gap-y-1 text-sm">
        <dt className="font-medium">{t("quote.contact")}</dt>
        <dd>{quote.contact ? <Link to={`/contacts/${quote.contact.id}`} className={linkClass}>{quote.contact.firstName} {quote.contact.lastName}</Link> : "—"}</dd>
        <dt className="font-medium">{t("quote.organisation")}</dt>
        <dd>{quote.organisation ? <Link to={`/organisations/${quote.organisation.id}`} className={linkClass}>{quote.organisation.name}</Link> : "—"}</dd>
        <dt className="font-medium">{t("quote.date")}</dt><dd>{formatDate(quote.quoteDate, lang)}</dd>
        <dt className="font-medium">{t("quote.validUntil")}</dt><dd>{formatDate(quote.validUntil, lang)}</dd>
        {quote.invoices.length ? (
          <>
            <dt className="font-medium">{t("quote.invoices")}</dt>
            <dd>{quote.invoices.map((i) => <Link key={i.id} to={`/invoices/${i.id}`} className={`${linkClass} mr-2`}>{i.number}</Link>)}</dd>
          </>
        ) : null}
      </dl>

      <table className="mb-4 min-w-full text-sm">
        <caption className="sr-only">{t("quote.lines")}</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="p-1">{t("quote.description")}</th>
            <th scope="col" className="p-1 text-right">{t("quote.quantity")}</th>
            <th scope="col" className="p-1 text-right">{t("quote.unitPrice")}</th>
            <th scope="col" className="p-1 text-right">{t("quote.discount")}</th>
            <th scope="col" className="p-1 text-right">{t("quote.vatRate")}</th>
            <th scope="col" className="p-1 text-right">{t("quote.lineNet")}</th>
          </tr>
        </thead>
        <tbody>
          {quote.lines.map((l, i) => (
            <tr key={l.id} className="border-b border-slate-200">
              <td className="p-1">{l.description}</td>
              <td className="p-1 text-right tabular-nums">{l.quantity.toLocaleString(lang)}</td>
              <td className="p-1 text-right tabular-nums">{money(l.unitPriceCents)}</td>
              <td className="p-1 text-right tabular-nums">{l.discountPercent ? `${l.discountPercent.toLocaleString(lang)} %` : "—"}</td>
              <td className="p-1 text-right">{l.vatRate} %</td>
              <td className="p-1 text-right tabular-nums">{money(quote.totals.lines[i].netCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <QuoteTotals totals={quote.totals} money={money} />
      {quote.notes ? <p className="mt-4 max-w-2xl whitespace-pre-wrap text-sm"><span className="font-medium">{t("quote.notes")}:</span> {quote.notes}</p> : null}

      <section aria-labelledby="quote-actions" className="mt-8 flex flex-col gap-4">
        <h2 id="quote-actions" className="text-lg font-semibold">{t("quote.actions")}</h2>
        <div className="flex flex-wrap gap-2">
          {quote.can.send ? <IntentButton intent="send" label={t("quote.send")} kind="primary" /> : null}
          {quote.can.decide ? <IntentButton intent="accept" label={t("quote.accept")} kind="primary" /> : null}
          {quote.can.decide ? <IntentButton intent="decline" label={t("quote.decline")} kind="danger" /> : null}
          {quote.can.duplicate ? <IntentButton intent="duplicate" label={t("quote.duplicate")} /> : null}
        </div>
        {quote.editDenied === "CONTACT_NOT_OWNER" ? <p className="text-sm text-slate-600">{t("quote.notOwnerNote")}</p> : null}
        {quote.can.issue ? (
          <Form method="post" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4">
            <input type="hidden" name="intent" value="issue-invoice" />
            <label className="flex flex-col gap-1 text-sm font-medium">{t("invoice.paymentTermsDays")}
              <input name="paymentTermsDays" type="number" min={0} max={120} defaultValue={paymentTermsDays} className="w-28 rounded border border-slate-400 px-3 py-2 font-normal"
                aria-invalid={Boolean(actionData?.errors?.paymentTermsDays)} aria-describedby={actionData?.errors?.paymentTermsDays ? "terms-error" : undefined} />
            </label>
            <Button>{t("invoice.issue")}</Button>
            {actionData?.errors?.paymentTermsDays ? <p id="terms-error" role="alert" className="w-full text-sm text-red-700">{t(actionData.errors.paymentTermsDays)}</p> : null}
          </Form>
        ) : null}
      </section>
    </>
  );
}
