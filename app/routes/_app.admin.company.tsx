import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { companySchema } from "~/domain/quotes/company.schema";
import { getCompanyDetails, saveCompanyDetails } from "~/domain/quotes/company.server";
import { formatVat } from "~/domain/organisations/vat";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formDataToObject, parseFormData } from "~/lib/forms";
import { PageHeader } from "~/ui/app-shell";
import { Button, TextField, useValidatedForm } from "~/ui/form";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const { isPlaceholder, ...details } = await getCompanyDetails();
  const text = (v: string | number | null) => (v == null ? "" : String(v));
  return {
    isPlaceholder,
    values: {
      ...Object.fromEntries(Object.entries(details).map(([k, v]) => [k, text(v)])),
      name: isPlaceholder ? "" : details.name,
      vatNumber: details.vatNumber ? formatVat(details.vatNumber) : "",
    } as Record<string, string>,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { role: "admin" });
  const formData = await request.formData();
  const parsed = parseFormData(formData, companySchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: formDataToObject(formData) }, { status: 400 });
  await saveCompanyDetails(staff.actor, parsed.data);
  return redirectWithFlash(request, "/admin/company", { kind: "success", key: "company.saved" });
}

export default function CompanyPage() {
  const { t } = useTranslation();
  const { values, isPlaceholder } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { onSubmit, register, errorFor } = useValidatedForm(companySchema, { serverErrors: actionData?.errors, defaultValues: (actionData?.values ?? values) as never });
  const field = (name: string, label: string, props: Record<string, unknown> = {}) => (
    <TextField label={t(label)} registration={register(name)} error={errorFor(name)} {...props} />
  );
  return (
    <>
      <PageHeader title={t("company.title")} />
      <p className="mb-4 max-w-2xl text-sm">{t(isPlaceholder ? "company.placeholderNote" : "company.intro")}</p>
      <Form method="post" onSubmit={onSubmit} noValidate className="grid max-w-3xl gap-4 md:grid-cols-2">
        {field("name", "company.name", { maxLength: 200 })}
        {field("vatNumber", "company.vatNumber", { maxLength: 30 })}
        {field("street", "company.street", { maxLength: 200 })}
        {field("postalCode", "company.postalCode", { maxLength: 20 })}
        {field("city", "company.city", { maxLength: 100 })}
        {field("country", "company.country", { maxLength: 100 })}
        {field("iban", "company.iban", { maxLength: 40 })}
        {field("bic", "company.bic", { maxLength: 11 })}
        {field("email", "company.email", { maxLength: 200, type: "email" })}
        {field("phone", "company.phone", { maxLength: 40 })}
        {field("paymentTermsDays", "company.paymentTermsDays", { type: "number", min: 0, max: 120 })}
        {field("quoteValidityDays", "company.quoteValidityDays", { type: "number", min: 0, max: 365 })}
        <div className="md:col-span-2"><Button>{t("common.save")}</Button></div>
      </Form>
    </>
  );
}
