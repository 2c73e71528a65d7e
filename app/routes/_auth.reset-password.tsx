import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { resetPassword } from "~/domain/staff/password-reset.server";
import { resetPasswordSchema } from "~/domain/staff/staff.schema";
import { requireAnonymous } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { clientIp } from "~/lib/http.server";
import { Button, FormError, TextField, useValidatedForm } from "~/ui/form";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const parsed = parseFormData(await request.formData(), resetPasswordSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null }, { status: 400 });
  const result = await resetPassword(parsed.data.token, parsed.data.password, clientIp(request));
  if (!result.ok) {
    const field = result.reason === "PASSWORD_COMMON" ? { password: "password.common" } : {};
    return data({ errors: field, formError: result.reason === "PASSWORD_COMMON" ? null : "reset.invalidToken" }, { status: 400 });
  }
  return redirectWithFlash(request, "/login", { kind: "success", key: "reset.done" });
}

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { onSubmit, register, errorFor } = useValidatedForm(resetPasswordSchema, {
    serverErrors: actionData?.errors,
    defaultValues: { token: params.get("token") ?? "" },
  });
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("reset.newPasswordTitle")}</h1>
      <Form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <FormError error={actionData?.formError} />
        <input type="hidden" name="token" defaultValue={params.get("token") ?? ""} />
        <TextField label={t("password.new")} type="password" autoComplete="new-password" hint={t("password.rules")} registration={register("password")} error={errorFor("password")} />
        <TextField label={t("password.confirm")} type="password" autoComplete="new-password" registration={register("confirm")} error={errorFor("confirm")} />
        <Button>{t("reset.save")}</Button>
      </Form>
      <p className="mt-4 text-sm">
        <Link to="/login" className="text-blue-700 underline">
          {t("auth.backToSignIn")}
        </Link>
      </p>
    </>
  );
}
