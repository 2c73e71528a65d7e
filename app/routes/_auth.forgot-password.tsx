import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requestPasswordReset } from "~/domain/staff/password-reset.server";
import { forgotPasswordSchema } from "~/domain/staff/staff.schema";
import { requireAnonymous } from "~/lib/auth.server";
import { config } from "~/lib/config.server";
import { parseFormData } from "~/lib/forms";
import { translator } from "~/lib/i18n/i18next.server";
import { Button, TextField, useValidatedForm } from "~/ui/form";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const parsed = parseFormData(await request.formData(), forgotPasswordSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, sent: false }, { status: 400 });
  const baseUrl = config.publicUrl ?? new URL(request.url).origin;
  const texts = await Promise.all((["en", "nl", "fr"] as const).map(async (lng) => [lng, await translator(lng)] as const));
  const byLanguage = Object.fromEntries(texts);
  await requestPasswordReset(parsed.data.email, baseUrl, (language) => (link) => {
    const t = byLanguage[language as "en"] ?? byLanguage.en;
    return { subject: t("reset.mailSubject"), text: t("reset.mailBody", { link }) };
  });
  // The same answer whether or not the address has an account.
  return { errors: {}, sent: true };
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const { onSubmit, register, errorFor } = useValidatedForm(forgotPasswordSchema, { serverErrors: actionData?.errors });
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("reset.title")}</h1>
      {actionData?.sent ? (
        <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm">
          {t("reset.sent")}
        </p>
      ) : (
        <Form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <p className="text-sm text-slate-700">{t("reset.intro")}</p>
          <TextField label={t("auth.email")} type="email" autoComplete="username" registration={register("email")} error={errorFor("email")} />
          <Button>{t("reset.send")}</Button>
        </Form>
      )}
      <p className="mt-4 text-sm">
        <Link to="/login" className="text-blue-700 underline">
          {t("auth.backToSignIn")}
        </Link>
      </p>
    </>
  );
}
