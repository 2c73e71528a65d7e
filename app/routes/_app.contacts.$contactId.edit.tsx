import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { contactSchema } from "~/domain/contacts/contact.schema";
import { getContactDetail } from "~/domain/contacts/contact-detail.server";
import { contactFormOptions, saveErrorForForm } from "~/domain/contacts/contact-form-data.server";
import { updateContact } from "~/domain/contacts/contacts.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formDataToObject, parseFormData } from "~/lib/forms";
import { idParam, invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { ContactForm } from "~/ui/contact-form";
import { formatPhone } from "~/domain/contacts/phone";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const contact = await getContactDetail(staff.actor, idParam(params.contactId));
  invariantResponse(contact, "Not found", 404);
  // A contact that may not be changed (restricted, someone else's) is shown, not edited.
  if (contact.editDenied) throw await redirectWithFlash(request, `/contacts/${contact.id}`, { kind: "error", key: `contact.${contact.editDenied}` });
  return {
    ...(await contactFormOptions(staff.actor, staff.language)),
    id: contact.id,
    name: `${contact.firstName} ${contact.lastName}`,
    values: {
      firstName: contact.firstName, lastName: contact.lastName, email: contact.email ?? "", phone: formatPhone(contact.phone), mobile: formatPhone(contact.mobile),
      jobTitle: contact.jobTitle ?? "", organisationName: contact.organisation?.name ?? "", street: contact.street ?? "", postalCode: contact.postalCode ?? "",
      city: contact.city ?? "", country: contact.country ?? "", language: contact.language ?? "", stage: contact.stage, ownerId: contact.ownerId ? String(contact.ownerId) : "",
      tags: contact.tags.map((t) => t.tag).join(", "), sourceKind: contact.sourceKind, sourceDetail: contact.sourceDetail ?? "",
      obtainedAt: contact.obtainedAt.toISOString().slice(0, 10),
      purposeIds: contact.processingRecords.filter((r) => !r.endedAt).map((r) => String(r.purpose.id)), evidence: "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.contactId);
  const formData = await request.formData();
  const values = formDataToObject(formData);
  const parsed = parseFormData(formData, contactSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null, duplicates: null, values }, { status: 400 });
  const result = await updateContact(staff.actor, id, parsed.data);
  if (!result.ok) {
    invariantResponse(result.reason !== "NOT_FOUND", "Not found", 404);
    const status = result.reason === "CONTACT_NOT_OWNER" || result.reason === "OWNER_NOT_ALLOWED" ? 403 : result.reason === "DUPLICATE" || result.reason === "EMAIL_TAKEN" ? 409 : 400;
    return data({ ...saveErrorForForm(result), values }, { status });
  }
  return redirectWithFlash(request, `/contacts/${id}`, { kind: "success", key: "contact.saved" });
}

export default function EditContactPage() {
  const { t } = useTranslation();
  const { purposes, owners, canChooseOwner, values, name } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={t("contact.editTitle", { name })} />
      <ContactForm
        key={actionData ? "posted" : "loaded"}
        defaultValues={actionData?.values ?? values}
        purposes={purposes}
        owners={owners}
        canChooseOwner={canChooseOwner}
        serverErrors={actionData?.errors}
        formError={actionData?.formError}
        duplicates={actionData?.duplicates}
        submitLabel={t("common.save")}
      />
    </>
  );
}
