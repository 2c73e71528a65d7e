import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isoToday } from "~/domain/privacy/days";
import { DSR_TYPES } from "~/domain/privacy/dsr-dates";
import { registerDsrSchema } from "~/domain/privacy/dsr.schema";
import { registerDsr } from "~/domain/privacy/dsr.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formDataToObject, parseFormData } from "~/lib/forms";
import { PageHeader } from "~/ui/app-shell";
import { Button, SelectField, TextField, useValidatedForm } from "~/ui/form";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "manager" });
  return { today: isoToday() };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { role: "manager" });
  const formData = await request.formData();
  const parsed = parseFormData(formData, registerDsrSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: formDataToObject(formData) }, { status: 400 });
  const result = await registerDsr(staff.actor, parsed.data);
  return redirectWithFlash(request, `/privacy/requests/${result.id}`, { kind: "success", key: "dsr.done.registered" });
}

export default function NewRequestPage() {
  const { t } = useTranslation();
  const { today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const { onSubmit, errorFor, register } = useValidatedForm(registerDsrSchema, {
    defaultValues: { type: (values.type as (typeof DSR_TYPES)[number]) ?? "access", requesterName: values.requesterName ?? "", requesterEmail: values.requesterEmail ?? "", receivedOn: values.receivedOn ?? today },
    serverErrors: actionData?.errors,
  });
  return (
    <>
      <PageHeader title={t("dsr.new")} />
      <p className="mb-4 max-w-2xl text-sm text-slate-700">{t("dsr.newHelp")}</p>
      <Form method="post" onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4">
        <SelectField label={t("dsr.type")} registration={register("type")} error={errorFor("type")} options={DSR_TYPES.map((type) => ({ value: type, label: t(`dsr.type.${type}`) }))} />
        <TextField label={t("dsr.requesterName")} autoComplete="off" registration={register("requesterName")} error={errorFor("requesterName")} />
        <TextField label={t("dsr.requesterEmail")} type="email" autoComplete="off" registration={register("requesterEmail")} error={errorFor("requesterEmail")} hint={t("dsr.requesterEmailHint")} />
        <TextField label={t("dsr.receivedOn")} type="date" max={today} registration={register("receivedOn")} error={errorFor("receivedOn")} hint={t("dsr.receivedHint")} />
        <div><Button>{t("dsr.register")}</Button></div>
      </Form>
    </>
  );
}
