import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ROLES } from "~/domain/staff/roles";
import { changeRoleSchema } from "~/domain/staff/staff.schema";
import { endAllSessionsOf } from "~/domain/staff/sessions.server";
import { changeStaffRole, getStaffForAdmin, setStaffActive, unlockStaff } from "~/domain/staff/staff.server";
import { resetTwoFactor } from "~/domain/staff/two-factor.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { idParam, invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { Button } from "~/ui/form";
import { formatDateTime } from "~/ui/format";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "admin" });
  const member = await getStaffForAdmin(staff.actor, idParam(params.staffId));
  invariantResponse(member, "Not found", 404);
  return { member, isSelf: member.id === staff.id, now: Date.now() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { role: "admin" });
  const id = idParam(params.staffId);
  const formData = await request.formData();
  const intent = formData.get("intent");
  let result;
  // Flash keys of the security actions live in the security catalogue.
  const securityDone: Record<string, string> = { "reset-two-factor": "twoFactor.resetDone", "end-sessions": "sessions.endedAll" };
  switch (intent) {
    case "reset-two-factor":
      result = await resetTwoFactor(staff.actor, id);
      break;
    case "end-sessions":
      result = await endAllSessionsOf(staff.actor, id);
      break;
    case "deactivate":
    case "reactivate":
      result = await setStaffActive(staff.actor, id, intent === "reactivate");
      break;
    case "unlock":
      result = await unlockStaff(staff.actor, id);
      break;
    case "role": {
      const parsed = parseFormData(formData, changeRoleSchema);
      if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
      result = await changeStaffRole(staff.actor, id, parsed.data.role);
      break;
    }
    default:
      throw data({ message: "Unknown intent" }, { status: 400 });
  }
  if (!result.ok) {
    invariantResponse(result.reason !== "NOT_FOUND", "Not found", 404);
    return redirectWithFlash(request, `/admin/staff/${id}`, { kind: "error", key: `staff.${result.reason}` });
  }
  return redirectWithFlash(request, `/admin/staff/${id}`, { kind: "success", key: securityDone[intent] ?? `staff.done.${intent}` });
}

export default function StaffDetailPage() {
  const { t, i18n } = useTranslation();
  const { member, isSelf, now } = useLoaderData<typeof loader>();
  const locked = member.lockedUntil && new Date(member.lockedUntil).getTime() > now;
  return (
    <>
      <PageHeader title={member.name} />
      <dl className="grid max-w-2xl grid-cols-[12rem_1fr] gap-y-2 text-sm">
        <dt className="font-medium">{t("auth.email")}</dt><dd>{member.email}</dd>
        <dt className="font-medium">{t("staff.role")}</dt><dd>{t(`role.${member.role}`)}</dd>
        <dt className="font-medium">{t("staff.status")}</dt>
        <dd>{!member.active ? t("staff.inactive") : locked ? t("staff.lockedUntil", { at: formatDateTime(member.lockedUntil, i18n.language) }) : t("staff.active")}</dd>
        <dt className="font-medium">{t("staff.failedLogins")}</dt><dd>{member.failedLogins}</dd>
        <dt className="font-medium">{t("staff.lastSignIn")}</dt><dd>{formatDateTime(member.lastLoginAt, i18n.language)}</dd>
        <dt className="font-medium">{t("staff.lastIp")}</dt><dd>{member.lastLoginIp ?? "—"}</dd>
        <dt className="font-medium">{t("staff.sessions")}</dt><dd>{member._count.sessions}</dd>
        <dt className="font-medium">{t("twoFactor.title")}</dt>
        <dd>{member.totpEnabledAt ? t("twoFactor.onSince", { at: formatDateTime(member.totpEnabledAt, i18n.language) }) : t("twoFactor.statusOffShort")}</dd>
      </dl>
      {isSelf ? (
        <p className="mt-6 text-sm text-slate-600">{t("staff.selfNote")}</p>
      ) : (
        <div className="mt-6 flex flex-wrap items-end gap-6">
          <Form method="post" className="flex items-end gap-2">
            <input type="hidden" name="intent" value="role" />
            <div className="flex flex-col gap-1">
              <label htmlFor="role" className="text-sm font-medium">{t("staff.changeRole")}</label>
              <select id="role" name="role" defaultValue={member.role} className="rounded border border-slate-400 px-3 py-2">
                {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
              </select>
            </div>
            <Button kind="secondary">{t("common.save")}</Button>
          </Form>
          {locked || member.failedLogins > 0 ? (
            <Form method="post"><input type="hidden" name="intent" value="unlock" /><Button kind="secondary">{t("staff.unlock")}</Button></Form>
          ) : null}
          {member._count.sessions > 0 ? (
            <Form method="post"><input type="hidden" name="intent" value="end-sessions" /><Button kind="secondary">{t("sessions.endAllOfStaff")}</Button></Form>
          ) : null}
          {member.totpEnabledAt ? (
            <Form method="post"><input type="hidden" name="intent" value="reset-two-factor" /><Button kind="secondary">{t("twoFactor.reset")}</Button></Form>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value={member.active ? "deactivate" : "reactivate"} />
            <Button kind={member.active ? "danger" : "secondary"}>{member.active ? t("staff.deactivate") : t("staff.reactivate")}</Button>
          </Form>
        </div>
      )}
    </>
  );
}
