import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { signIn } from "~/domain/staff/sign-in.server";
import { signInSchema } from "~/domain/staff/staff.schema";
import { requireAnonymous } from "~/lib/auth.server";
import { parseFormData } from "~/lib/forms";
import { clientIp, isHttps, safeRedirect } from "~/lib/http.server";
import { sessionCookie } from "~/lib/session.server";
import { Button, FormError, TextField, useValidatedForm } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Sign in" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const parsed = parseFormData(await request.formData(), signInSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null }, { status: 400 });
  const result = await signIn(parsed.data, { ip: clientIp(request), userAgent: request.headers.get("User-Agent") });
  if (!result.ok) {
    const status = result.reason === "RATE_LIMITED" ? 429 : 401;
    return data({ errors: {}, formError: `auth.${result.reason}` }, { status });
  }
  const to = result.twoFactorPending
    ? `/login/two-factor?redirectTo=${encodeURIComponent(safeRedirect(parsed.data.redirectTo))}`
    : result.mustChangePassword ? "/change-password" : safeRedirect(parsed.data.redirectTo);
  return redirect(to, { headers: { "Set-Cookie": sessionCookie(result.token, result.expiresAt, isHttps(request)) } });
}

export default function LoginPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { onSubmit, register, errorFor } = useValidatedForm(signInSchema, { serverErrors: actionData?.errors });
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("auth.signIn")}</h1>
      <Form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <FormError error={actionData?.formError} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <TextField label={t("auth.email")} type="email" autoComplete="username" autoFocus registration={register("email")} error={errorFor("email")} />
        <TextField label={t("auth.password")} type="password" autoComplete="current-password" registration={register("password")} error={errorFor("password")} />
        <Button disabled={navigation.state === "submitting"}>{t("auth.signIn")}</Button>
      </Form>
      <p className="mt-4 text-sm">
        <Link to="/forgot-password" className="text-blue-700 underline">
          {t("auth.forgotPassword")}
        </Link>
      </p>
    </>
  );
}
