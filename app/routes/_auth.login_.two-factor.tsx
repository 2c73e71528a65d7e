import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { secondFactorSchema } from "~/domain/staff/two-factor.schema";
import { verifySecondFactor } from "~/domain/staff/two-factor-sign-in.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { clientIp, isHttps, safeRedirect } from "~/lib/http.server";
import { clearSessionCookie, sessionCookie } from "~/lib/session.server";
import { Button, FormError, TextField, useValidatedForm } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Two-step sign-in" }];

// Only a session waiting for its second factor belongs here; a finished sign-in goes on.
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { allowPendingTwoFactor: true });
  if (staff.twoFactorVerified) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { allowPendingTwoFactor: true });
  if (staff.twoFactorVerified) throw redirect("/");
  const parsed = parseFormData(await request.formData(), secondFactorSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null }, { status: 400 });
  const result = await verifySecondFactor(
    { sessionId: staff.sessionId, staffId: staff.id },
    parsed.data.code,
    { ip: clientIp(request), userAgent: request.headers.get("User-Agent") },
  );
  if (!result.ok) {
    if (result.reason === "LOCKED") {
      return redirectWithFlash(request, "/login", { kind: "error", key: "twoFactor.LOCKED" }, [clearSessionCookie(isHttps(request))]);
    }
    const status = result.reason === "RATE_LIMITED" ? 429 : 401;
    return data({ errors: {}, formError: `twoFactor.${result.reason}` }, { status });
  }
  const to = result.mustChangePassword ? "/change-password" : safeRedirect(parsed.data.redirectTo);
  return redirect(to, { headers: { "Set-Cookie": sessionCookie(result.token, result.expiresAt, isHttps(request)) } });
}

export default function TwoFactorSignInPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { onSubmit, register, errorFor } = useValidatedForm(secondFactorSchema, { serverErrors: actionData?.errors });
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("twoFactor.signInTitle")}</h1>
      <p className="mb-4 text-sm text-slate-700">{t("twoFactor.signInIntro")}</p>
      <Form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <FormError error={actionData?.formError} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <TextField
          label={t("twoFactor.code")}
          autoComplete="one-time-code"
          autoFocus
          spellCheck={false}
          hint={t("twoFactor.codeHint")}
          registration={register("code")}
          error={errorFor("code")}
        />
        <Button disabled={navigation.state === "submitting"}>{t("twoFactor.verify")}</Button>
      </Form>
      <Form method="post" action="/logout" className="mt-4">
        <button type="submit" className="text-sm text-blue-700 underline">{t("twoFactor.cancelSignIn")}</button>
      </Form>
    </>
  );
}
