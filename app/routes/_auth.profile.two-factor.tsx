import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { twoFactorCodeSchema } from "~/domain/staff/two-factor.schema";
import {
  confirmTwoFactorEnrolment, disableTwoFactor, renewRecoveryCodes, startTwoFactorEnrolment, twoFactorStatus,
} from "~/domain/staff/two-factor.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { Button, FormError, TextField, useValidatedForm } from "~/ui/form";
import { formatDateTime } from "~/ui/format";

export const meta: MetaFunction = () => [{ title: "Two-step sign-in" }];

// In the sign-in layout (not the app shell): staff whose role requires two-step sign-in are sent
// here before they can reach any other page.
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { allowTwoFactorSetup: true });
  return { status: await twoFactorStatus(staff.actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { allowTwoFactorSetup: true });
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "start") {
    const result = await startTwoFactorEnrolment(staff.actor);
    if (!result.ok) return redirectWithFlash(request, "/profile/two-factor", { kind: "error", key: `twoFactor.${result.reason}` });
    return redirectWithFlash(request, "/profile/two-factor", { kind: "info", key: "twoFactor.scanNow" });
  }
  if (intent !== "confirm" && intent !== "renew" && intent !== "disable") throw data({ message: "Unknown intent" }, { status: 400 });
  const parsed = parseFormData(formData, twoFactorCodeSchema);
  if (!parsed.ok) return data({ intent, errors: parsed.errors, formError: null, recoveryCodes: null }, { status: 400 });
  const code = parsed.data.code;
  const result =
    intent === "confirm" ? await confirmTwoFactorEnrolment(staff.actor, code)
    : intent === "renew" ? await renewRecoveryCodes(staff.actor, code)
    : await disableTwoFactor(staff.actor, code);
  if (!result.ok) {
    const status = result.reason === "RATE_LIMITED" ? 429 : 400;
    return data({ intent, errors: {}, formError: `twoFactor.${result.reason}`, recoveryCodes: null }, { status });
  }
  if ("recoveryCodes" in result) return { intent, errors: {}, formError: null, recoveryCodes: result.recoveryCodes };
  return redirectWithFlash(request, "/profile", { kind: "success", key: "twoFactor.disabled" });
}

export default function TwoFactorSetupPage() {
  const { t, i18n } = useTranslation();
  const { status } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorOf = (intent: string) => (actionData?.intent === intent ? actionData : null);

  if (actionData?.recoveryCodes) return <RecoveryCodes codes={actionData.recoveryCodes} />;
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("twoFactor.title")}</h1>
      {status.required && !status.enabledAt ? <p className="mb-4 rounded bg-amber-50 p-3 text-sm text-amber-900">{t("twoFactor.requiredNotice")}</p> : null}
      {status.enabledAt ? (
        <>
          <p className="mb-2 text-sm">{t("twoFactor.enabledSince", { at: formatDateTime(status.enabledAt, i18n.language) })}</p>
          <p className="mb-6 text-sm">{t("twoFactor.recoveryCodesLeft", { count: status.recoveryCodesLeft })}</p>
          <CodeForm intent="renew" title={t("twoFactor.renewTitle")} button={t("twoFactor.renew")} result={errorOf("renew")} />
          {status.required ? (
            <p className="mt-6 text-sm text-slate-600">{t("twoFactor.requiredCannotDisable")}</p>
          ) : (
            <CodeForm intent="disable" title={t("twoFactor.disableTitle")} button={t("twoFactor.disable")} result={errorOf("disable")} danger />
          )}
        </>
      ) : status.enrolment ? (
        <>
          <p className="mb-3 text-sm text-slate-700">{t("twoFactor.scanIntro")}</p>
          <img src={status.enrolment.qrDataUrl} width={220} height={220} alt={t("twoFactor.qrAlt")} className="mx-auto mb-3" />
          <p className="text-sm">{t("twoFactor.keyLabel")}</p>
          <p className="mb-4 break-all font-mono text-base" data-testid="totp-key">{status.enrolment.keyText}</p>
          <CodeForm intent="confirm" title={t("twoFactor.confirmTitle")} button={t("twoFactor.confirm")} result={errorOf("confirm")} />
          <Form method="post" className="mt-4">
            <input type="hidden" name="intent" value="start" />
            <button type="submit" className="text-sm text-blue-700 underline">{t("twoFactor.restart")}</button>
          </Form>
        </>
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-700">{t("twoFactor.intro")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <Button>{t("twoFactor.start")}</Button>
          </Form>
        </>
      )}
      {!status.required || status.enabledAt ? (
        <p className="mt-6 text-sm"><Link to="/profile" className="text-blue-700 underline">{t("twoFactor.backToProfile")}</Link></p>
      ) : (
        <Form method="post" action="/logout" className="mt-6">
          <button type="submit" className="text-sm text-blue-700 underline">{t("auth.signOut")}</button>
        </Form>
      )}
    </>
  );
}

function CodeForm({ intent, title, button, result, danger }: {
  intent: string; title: string; button: string; danger?: boolean;
  result: { errors: Record<string, string>; formError: string | null } | null;
}) {
  const { t } = useTranslation();
  const { onSubmit, register, errorFor } = useValidatedForm(twoFactorCodeSchema, { serverErrors: result?.errors });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate className="mt-4 flex flex-col gap-3" aria-label={title}>
      <h2 className="text-lg font-semibold">{title}</h2>
      <FormError error={result?.formError} />
      <input type="hidden" name="intent" value={intent} />
      <TextField label={t("twoFactor.code")} autoComplete="one-time-code" spellCheck={false} registration={register("code")} error={errorFor("code")} />
      <Button kind={danger ? "danger" : "primary"}>{button}</Button>
    </Form>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("twoFactor.recoveryTitle")}</h1>
      <p className="mb-4 text-sm text-slate-700">{t("twoFactor.recoveryIntro")}</p>
      <ol className="mb-4 grid grid-cols-2 gap-2 font-mono" data-testid="recovery-codes" aria-label={t("twoFactor.recoveryTitle")}>
        {codes.map((c) => <li key={c}>{c}</li>)}
      </ol>
      <p className="mb-4 text-sm text-slate-700">{t("twoFactor.recoveryAfter")}</p>
      <p className="flex gap-4 text-sm">
        <Link to="/" className="text-blue-700 underline">{t("twoFactor.savedContinue")}</Link>
        <Link to="/profile/sessions" className="text-blue-700 underline">{t("sessions.title")}</Link>
      </p>
    </>
  );
}
