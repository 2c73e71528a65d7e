import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getCompanyDetails } from "~/domain/quotes/company.server";
import { addDays, businessDay, isoOfDay } from "~/domain/quotes/invoice-rules";
import { quoteCustomer, searchCustomers } from "~/domain/quotes/quote-read.server";
import { quoteFormSchema } from "~/domain/quotes/quote.schema";
import { createQuote } from "~/domain/quotes/quotes.server";
import type { Language } from "~/domain/staff/roles";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formDataToObject, parseFormData } from "~/lib/forms";
import { invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { CustomerSearch, linkClass } from "~/ui/commerce-bits";
import { BLANK_LINE, QuoteEditor, valuesToForm, type QuoteFormValues } from "~/ui/quote-editor";

const querySchema = z.object({
  contactId: z.coerce.number().int().positive().max(2 ** 31).optional(),
  organisationId: z.coerce.number().int().positive().max(2 ** 31).optional(),
  q: z.string().max(100).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(parsed.success, "Bad request", 400);
  const { contactId, organisationId, q } = parsed.data;
  if (!contactId && !organisationId) return { mode: "pick" as const, q: q ?? "", results: await searchCustomers(q ?? "") };
  const customer = await quoteCustomer(contactId ?? null, organisationId ?? null);
  invariantResponse(contactId ? customer.contact : customer.organisation, "Not found", 404);
  const { quoteValidityDays } = await getCompanyDetails();
  return {
    mode: "edit" as const,
    customer,
    language: staff.language,
    validUntil: isoOfDay(addDays(businessDay(), quoteValidityDays)),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const parsed = parseFormData(formData, quoteFormSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null, values: formDataToObject(formData) }, { status: 400 });
  const result = await createQuote(staff.actor, parsed.data);
  if (!result.ok) return data({ errors: null, formError: `quote.error.${result.reason}`, values: formDataToObject(formData) }, { status: 400 });
  return redirectWithFlash(request, `/quotes/${result.id}`, { kind: "success", key: "quote.done.created" });
}

export default function NewQuotePage() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (loaded.mode === "pick") {
    return (
      <>
        <PageHeader title={t("quote.new")} />
        <CustomerSearch q={loaded.q} label={t("quote.findCustomer")}>
          {loaded.q.length >= 2 ? (
            loaded.results.contacts.length + loaded.results.organisations.length === 0 ? (
              <p className="mt-4 text-sm">{t("commerce.noMatches")}</p>
            ) : (
              <ul className="mt-4 flex flex-col gap-1 text-sm">
                {loaded.results.contacts.map((c) => (
                  <li key={`c${c.id}`}><Link to={`/quotes/new?contactId=${c.id}`} className={linkClass}>{c.firstName} {c.lastName}{c.organisation ? ` · ${c.organisation.name}` : ""}</Link></li>
                ))}
                {loaded.results.organisations.map((o) => (
                  <li key={`o${o.id}`}><Link to={`/quotes/new?organisationId=${o.id}`} className={linkClass}>{o.name}</Link></li>
                ))}
              </ul>
            )
          ) : null}
        </CustomerSearch>
      </>
    );
  }
  const { customer, validUntil, language } = loaded;
  const fallback: QuoteFormValues = {
    contactId: customer.contact ? String(customer.contact.id) : "",
    organisationId: customer.organisation ? String(customer.organisation.id) : "",
    validUntil, notes: "", lines: [BLANK_LINE],
  };
  const name = [customer.contact ? `${customer.contact.firstName} ${customer.contact.lastName}` : null, customer.organisation?.name].filter(Boolean).join(" · ");
  return (
    <>
      <PageHeader title={t("quote.new")} />
      <QuoteEditor
        key={actionData ? "posted" : "blank"}
        defaultValues={actionData?.values ? valuesToForm(actionData.values, fallback) : fallback}
        customer={name}
        serverErrors={actionData?.errors}
        formError={actionData?.formError}
        submitLabel={t("quote.create")}
        language={language as Language}
      />
    </>
  );
}
