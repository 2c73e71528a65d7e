import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { contactSchema } from "~/domain/contacts/contact.schema";
import { contactFormOptions, saveErrorForForm } from "~/domain/contacts/contact-form-data.server";
import { createContact } from "~/domain/contacts/contacts.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formDataToObject, parseFormData } from "~/lib/forms";
import { PageHeader } from "~/ui/app-shell";
import { ContactForm } from "~/ui/contact-form";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const url = new URL(request.url);
  return {
    ...(await contactFormOptions(staff.actor, staff.language)),
    today: new Date().toISOString().slice(0, 10),
    staffId: staff.id,
    organisationName: url.searchParams.get("organisation")?.slice(0, 200) ?? "",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const parsed = parseFormData(formData, contactSchema);
  // The posted values go back to the form, so nothing typed is lost (also without JavaScript).
  const values = formDataToObject(formData);
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null, duplicates: null, values }, { status: 400 });
  const result = await createContact(staff.actor, parsed.data);
  if (!result.ok) return data({ ...saveErrorForForm(result), values }, { status: result.reason === "DUPLICATE" || result.reason === "EMAIL_TAKEN" ? 409 : 400 });
  return redirectWithFlash(request, `/contacts/${result.id}`, { kind: "success", key: "contact.created" });
}

export default function NewContactPage() {
  const { t } = useTranslation();
  const { purposes, owners, canChooseOwner, today, staffId, organisationName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={t("contact.new")} />
      <ContactForm
        key={actionData ? "posted" : "blank"}
        defaultValues={actionData?.values ?? { stage: "lead", sourceKind: "phone", obtainedAt: today, ownerId: canChooseOwner ? "" : String(staffId), organisationName, purposeIds: [] }}
        purposes={purposes}
        owners={owners}
        canChooseOwner={canChooseOwner}
        serverErrors={actionData?.errors}
        formError={actionData?.formError}
        duplicates={actionData?.duplicates}
        submitLabel={t("contact.create")}
      />
    </>
  );
}
