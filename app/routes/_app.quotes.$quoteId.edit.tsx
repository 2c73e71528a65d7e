import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { centsToInput } from "~/domain/quotes/money-input";
import { getQuote } from "~/domain/quotes/quote-read.server";
import { quoteFormSchema } from "~/domain/quotes/quote.schema";
import { updateQuote } from "~/domain/quotes/quotes.server";
import type { Language } from "~/domain/staff/roles";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formDataToObject, parseFormData } from "~/lib/forms";
import { idParam, invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { linkClass } from "~/ui/commerce-bits";
import { QuoteEditor, valuesToForm, type QuoteFormValues } from "~/ui/quote-editor";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const quote = await getQuote(staff.actor, idParam(params.quoteId));
  invariantResponse(quote, "Not found", 404);
  // Only drafts are edited; anything else is shown read-only on its page.
  if (!quote.can.edit) throw redirect(`/quotes/${quote.id}`);
  const separator = staff.language === "en" ? "." : ",";
  const values: QuoteFormValues = {
    contactId: quote.contact ? String(quote.contact.id) : "",
    organisationId: quote.organisation ? String(quote.organisation.id) : "",
    validUntil: quote.validUntil.toISOString().slice(0, 10),
    notes: quote.notes ?? "",
    lines: quote.lines.map((l) => ({
      description: l.description,
      quantity: String(l.quantity).replace(".", separator),
      unitPrice: centsToInput(l.unitPriceCents, separator),
      vatRate: String(l.vatRate),
      discountPercent: l.discountPercent ? String(l.discountPercent).replace(".", separator) : "",
    })),
  };
  const customer = [quote.contact ? `${quote.contact.firstName} ${quote.contact.lastName}` : null, quote.organisation?.name].filter(Boolean).join(" · ");
  return { id: quote.id, number: quote.number, values, customer, language: staff.language };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.quoteId);
  const formData = await request.formData();
  const parsed = parseFormData(formData, quoteFormSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null, values: formDataToObject(formData) }, { status: 400 });
  const result = await updateQuote(staff.actor, id, parsed.data);
  if (!result.ok) {
    invariantResponse(result.reason !== "NOT_FOUND", "Not found", 404);
    return data({ errors: null, formError: `quote.error.${result.reason}`, values: formDataToObject(formData) }, { status: 400 });
  }
  return redirectWithFlash(request, `/quotes/${id}`, { kind: "success", key: "quote.done.updated" });
}

export default function EditQuotePage() {
  const { t } = useTranslation();
  const { id, number, values, customer, language } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="mb-2 text-sm"><Link to={`/quotes/${id}`} className={linkClass}>{t("quote.backToQuote")}</Link></p>
      <PageHeader title={t("quote.editTitle", { number })} />
      <QuoteEditor
        key={actionData ? "posted" : "saved"}
        defaultValues={actionData?.values ? valuesToForm(actionData.values, values) : values}
        customer={customer}
        serverErrors={actionData?.errors}
        formError={actionData?.formError}
        submitLabel={t("common.save")}
        language={language as Language}
      />
    </>
  );
}
