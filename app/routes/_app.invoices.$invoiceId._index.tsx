import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getInvoice } from "~/domain/quotes/invoice-read.server";
import { businessDay, dayFromIso, isoOfDay } from "~/domain/quotes/invoice-rules";
import { issueCreditNote, markInvoicePaid } from "~/domain/quotes/invoices.server";
import { canInvoice } from "~/domain/quotes/quote-permissions";
import { markPaidSchema } from "~/domain/quotes/quote.schema";
import { formatCents } from "~/domain/quotes/totals";
import type { Language } from "~/domain/staff/roles";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { idParam, invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { buttonLinkClass, linkClass } from "~/ui/commerce-bits";
import { Button } from "~/ui/form";
import { formatDate } from "~/ui/format";
import { QuoteTotals } from "~/ui/quote-editor";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const invoice = await getInvoice(idParam(params.invoiceId));
  invariantResponse(invoice, "Not found", 404);
  return { invoice, canInvoice: canInvoice(staff.actor), today: isoOfDay(businessDay()) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.invoiceId);
  const formData = await request.formData();
  const intent = formData.get("intent");
  let result;
  if (intent === "mark-paid") {
    const parsed = parseFormData(formData, markPaidSchema);
    if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
    result = await markInvoicePaid(staff.actor, id, dayFromIso(parsed.data.paidOn));
  } else if (intent === "credit-note") {
    result = await issueCreditNote(staff.actor, id);
    if (result.ok) return redirectWithFlash(request, `/invoices/${result.id}`, { kind: "success", key: "invoice.done.credited", values: { number: result.number } });
  } else {
    throw data({ message: "Unknown intent" }, { status: 400 });
  }
  if (!result.ok) {
    invariantResponse(result.reason !== "NOT_FOUND", "Not found", 404);
    return redirectWithFlash(request, `/invoices/${id}`, { kind: "error", key: `invoice.error.${result.reason}` });
  }
  return redirectWithFlash(request, `/invoices/${id}`, { kind: "success", key: "invoice.done.paid" });
}

export default function InvoicePage() {
  const { t, i18n } = useTranslation();
  const { invoice, canInvoice: may, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = i18n.language as Language;
  const money = (c: number) => formatCents(c, lang);
  const isInvoice = invoice.kind === "invoice";
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/invoices" className={linkClass}>{t("invoice.backToList")}</Link></p>
      <PageHeader
        title={t(isInvoice ? "invoice.title" : "invoice.creditTitle", { number: invoice.number })}
        actions={<Link to={`/invoices/${invoice.id}/print`} className={buttonLinkClass}>{t("invoice.print")}</Link>}
      />
      <p className="-mt-4 mb-4 text-sm">{t("invoice.immutableNote")}</p>
      <dl className="mb-6 grid max-w-2xl grid-cols-[12rem_1fr] gap-y-1 text-sm">
        <dt className="font-medium">{t("invoice.customer")}</dt>
        <dd>{invoice.customerCompany ? `${invoice.customerCompany} · ` : ""}{invoice.customerName}{invoice.contact && !invoice.contact.erasedAt ? <> · <Link to={`/contacts/${invoice.contact.id}`} className={linkClass}>{t("invoice.openContact")}</Link></> : null}</dd>
        <dt className="font-medium">{t("invoice.issuedOn")}</dt><dd>{formatDate(invoice.issuedOn, lang)}</dd>
        {isInvoice ? <><dt className="font-medium">{t("invoice.dueOn")}</dt><dd>{formatDate(invoice.dueOn, lang)} ({t("invoice.termsDays", { days: invoice.paymentTermsDays })})</dd></> : null}
        {isInvoice ? <><dt className="font-medium">{t("invoice.state")}</dt><dd>{invoice.paidOn ? t("invoice.paidOn", { date: formatDate(invoice.paidOn, lang) }) : invoice.creditNote ? t("invoice.credited") : invoice.overdue ? <strong className="text-red-700">{t("invoice.overdue")}</strong> : t("invoice.open")}</dd></> : null}
        {invoice.quote ? <><dt className="font-medium">{t("invoice.quote")}</dt><dd><Link to={`/quotes/${invoice.quote.id}`} className={linkClass}>{invoice.quote.number}</Link></dd></> : null}
        {invoice.creditOf ? <><dt className="font-medium">{t("invoice.creditOf")}</dt><dd><Link to={`/invoices/${invoice.creditOf.id}`} className={linkClass}>{invoice.creditOf.number}</Link></dd></> : null}
        {invoice.creditNote ? <><dt className="font-medium">{t("invoice.creditNote")}</dt><dd><Link to={`/invoices/${invoice.creditNote.id}`} className={linkClass}>{invoice.creditNote.number}</Link></dd></> : null}
      </dl>
      <table className="mb-4 min-w-full text-sm">
        <caption className="sr-only">{t("quote.lines")}</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="p-1">{t("quote.description")}</th>
            <th scope="col" className="p-1 text-right">{t("quote.quantity")}</th>
            <th scope="col" className="p-1 text-right">{t("quote.unitPrice")}</th>
            <th scope="col" className="p-1 text-right">{t("quote.vatRate")}</th>
            <th scope="col" className="p-1 text-right">{t("quote.lineNet")}</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((l, i) => (
            <tr key={i} className="border-b border-slate-200">
              <td className="p-1">{l.description}</td>
              <td className="p-1 text-right tabular-nums">{l.quantity.toLocaleString(lang)}</td>
              <td className="p-1 text-right tabular-nums">{money(l.unitPriceCents)}</td>
              <td className="p-1 text-right">{l.vatRate} %</td>
              <td className="p-1 text-right tabular-nums">{money(l.netCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <QuoteTotals totals={invoice} money={money} />
      {may && isInvoice && !invoice.paidOn && !invoice.creditNote ? (
        <section aria-labelledby="invoice-actions" className="mt-8 flex flex-col gap-4">
          <h2 id="invoice-actions" className="text-lg font-semibold">{t("quote.actions")}</h2>
          <Form method="post" className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="intent" value="mark-paid" />
            <label className="flex flex-col gap-1 text-sm font-medium">{t("invoice.paidOnLabel")}
              <input type="date" name="paidOn" defaultValue={today} max={today} required className="rounded border border-slate-400 px-3 py-2 font-normal" aria-invalid={Boolean(actionData?.errors?.paidOn)} />
            </label>
            <Button>{t("invoice.markPaid")}</Button>
            {actionData?.errors?.paidOn ? <p role="alert" className="w-full text-sm text-red-700">{t(actionData.errors.paidOn)}</p> : null}
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="credit-note" />
            <p className="mb-2 text-sm text-slate-700">{t("invoice.creditNoteHint")}</p>
            <Button kind="danger">{t("invoice.issueCreditNote")}</Button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
