import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { changePasswordSchema } from "~/domain/staff/staff.schema";
import { changePassword } from "~/domain/staff/staff.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { isHttps } from "~/lib/http.server";
import { sessionCookie } from "~/lib/session.server";
import { Button, FormError, TextField, useValidatedForm } from "~/ui/form";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { allowPasswordChange: true });
  return { forced: staff.mustChangePassword };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { allowPasswordChange: true });
  const parsed = parseFormData(await request.formData(), changePasswordSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null }, { status: 400 });
  const result = await changePassword(staff.actor, parsed.data, request.headers.get("User-Agent"));
  if (!result.ok) {
    const errors =
      result.reason === "CURRENT_PASSWORD_WRONG" ? { currentPassword: "password.currentWrong" }
      : result.reason === "PASSWORD_COMMON" ? { password: "password.common" }
      : { password: "password.unchanged" };
    return data({ errors, formError: null }, { status: 400 });
  }
  return redirectWithFlash(request, "/", { kind: "success", key: "password.changed" }, [
    sessionCookie(result.token, result.expiresAt, isHttps(request)),
  ]);
}

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { forced } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { onSubmit, register, errorFor } = useValidatedForm(changePasswordSchema, { serverErrors: actionData?.errors });
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("password.changeTitle")}</h1>
      {forced ? <p className="mb-4 text-sm text-slate-700">{t("password.mustChange")}</p> : null}
      <Form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <FormError error={actionData?.formError} />
        <TextField label={t("password.current")} type="password" autoComplete="current-password" registration={register("currentPassword")} error={errorFor("currentPassword")} />
        <TextField label={t("password.new")} type="password" autoComplete="new-password" hint={t("password.rules")} registration={register("password")} error={errorFor("password")} />
        <TextField label={t("password.confirm")} type="password" autoComplete="new-password" registration={register("confirm")} error={errorFor("confirm")} />
        <Button>{t("password.save")}</Button>
      </Form>
      {!forced ? (
        <p className="mt-4 text-sm">
          <a href="/profile" className="text-blue-700 underline">{t("common.cancel")}</a>
        </p>
      ) : null}
    </>
  );
}
