import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGES, ROLES } from "~/domain/staff/roles";
import { createStaffSchema } from "~/domain/staff/staff.schema";
import { createStaff } from "~/domain/staff/staff.server";
import { requireStaff } from "~/lib/auth.server";
import { parseFormData } from "~/lib/forms";
import { PageHeader } from "~/ui/app-shell";
import { Button, SelectField, TextField, useValidatedForm } from "~/ui/form";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { role: "admin" });
  const parsed = parseFormData(await request.formData(), createStaffSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, created: null }, { status: 400 });
  const result = await createStaff(staff.actor, parsed.data);
  if (!result.ok) return data({ errors: { email: "staff.emailTaken" }, created: null }, { status: 400 });
  // The one-time password is shown once, here, and never stored in clear.
  return { errors: {}, created: { id: result.id, email: parsed.data.email, password: result.oneTimePassword } };
}

export default function NewStaffPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const { onSubmit, register, errorFor } = useValidatedForm(createStaffSchema, {
    serverErrors: actionData?.errors,
    defaultValues: { role: "sales", language: "nl" },
  });
  if (actionData?.created) {
    return (
      <>
        <PageHeader title={t("staff.created")} />
        <div role="status" className="max-w-xl rounded border border-green-300 bg-green-50 p-4">
          <p>{t("staff.createdBody", { email: actionData.created.email })}</p>
          <p className="mt-3 text-sm">{t("staff.oneTimePassword")}</p>
          <p className="mt-1 select-all font-mono text-lg" data-testid="one-time-password">{actionData.created.password}</p>
        </div>
        <a href={`/admin/staff/${actionData.created.id}`} className="mt-4 inline-block text-blue-700 underline">{t("staff.open")}</a>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t("staff.new")} />
      <Form method="post" onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-4">
        <TextField label={t("staff.name")} registration={register("name")} error={errorFor("name")} />
        <TextField label={t("auth.email")} type="email" registration={register("email")} error={errorFor("email")} />
        <SelectField label={t("staff.role")} registration={register("role")} error={errorFor("role")} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        <SelectField label={t("profile.language")} registration={register("language")} error={errorFor("language")} options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))} />
        <Button>{t("staff.create")}</Button>
      </Form>
    </>
  );
}
