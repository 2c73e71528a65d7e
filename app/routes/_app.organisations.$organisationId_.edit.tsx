import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { organisationFormValues, organisationSchema } from "~/domain/organisations/organisation.schema";
import { getOrganisation, updateOrganisation } from "~/domain/organisations/organisations.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formDataToObject, parseFormData } from "~/lib/forms";
import { idParam, invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { OrganisationForm } from "~/ui/organisation-form";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const organisation = await getOrganisation(idParam(params.organisationId));
  invariantResponse(organisation, "Not found", 404);
  return { id: organisation.id, name: organisation.name, values: organisationFormValues(organisation) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.organisationId);
  const formData = await request.formData();
  const parsed = parseFormData(formData, organisationSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await updateOrganisation(staff.actor, id, parsed.data);
  if (!result.ok) {
    invariantResponse(result.reason !== "NOT_FOUND", "Not found", 404);
    return data({ errors: { vatNumber: `organisation.${result.reason}` }, values: formDataToObject(formData) }, { status: 400 });
  }
  return redirectWithFlash(request, `/organisations/${id}`, { kind: "success", key: "organisation.saved" });
}

export default function EditOrganisationPage() {
  const { t } = useTranslation();
  const { id, name, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="mb-2 text-sm"><Link to={`/organisations/${id}`} className="text-blue-700 underline">{name}</Link></p>
      <PageHeader title={t("organisation.editTitle", { name })} />
      <OrganisationForm
        defaultValues={(actionData?.values as Record<string, string> | null) ?? values}
        serverErrors={actionData?.errors}
        submitLabel={t("common.save")}
      />
    </>
  );
}
