import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { organisationSchema } from "~/domain/organisations/organisation.schema";
import { createOrganisation } from "~/domain/organisations/organisations.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formDataToObject, parseFormData } from "~/lib/forms";
import { PageHeader } from "~/ui/app-shell";
import { OrganisationForm } from "~/ui/organisation-form";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const parsed = parseFormData(formData, organisationSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await createOrganisation(staff.actor, parsed.data);
  if (!result.ok) return data({ errors: { vatNumber: `organisation.${result.reason}` }, values: formDataToObject(formData) }, { status: 400 });
  return redirectWithFlash(request, `/organisations/${result.id}`, { kind: "success", key: "organisation.created" });
}

export default function NewOrganisationPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={t("organisation.new")} />
      <OrganisationForm
        defaultValues={(actionData?.values as Record<string, string> | null) ?? undefined}
        serverErrors={actionData?.errors}
        submitLabel={t("organisation.create")}
      />
    </>
  );
}
