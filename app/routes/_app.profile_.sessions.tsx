import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { endOtherSessions, endOwnSession, listOwnSessions } from "~/domain/staff/sessions.server";
import { sessionIdSchema } from "~/domain/staff/two-factor.schema";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { Button } from "~/ui/form";
import { formatDateTime } from "~/ui/format";

export const meta: MetaFunction = () => [{ title: "Sessions" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  return { sessions: await listOwnSessions(staff.actor, staff.sessionId) };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "end-others") {
    const result = await endOtherSessions(staff.actor, staff.sessionId);
    return redirectWithFlash(request, "/profile/sessions", { kind: "success", key: "sessions.endedOthers", values: { count: result.ok ? result.ended : 0 } });
  }
  if (intent !== "end") throw data({ message: "Unknown intent" }, { status: 400 });
  const parsed = parseFormData(formData, sessionIdSchema);
  invariantResponse(parsed.ok, "Bad session id", 400);
  const result = await endOwnSession(staff.actor, parsed.data.sessionId, staff.sessionId);
  // Another person's session, or one already gone, is not found: nothing tells which.
  invariantResponse(result.ok, "Not found", 404);
  return redirectWithFlash(request, "/profile/sessions", { kind: "success", key: "sessions.ended" });
}

export default function SessionsPage() {
  const { t, i18n } = useTranslation();
  const { sessions } = useLoaderData<typeof loader>();
  const others = sessions.filter((s) => !s.current).length;
  const device = (s: { browser: string | null; os: string | null }) =>
    s.browser || s.os ? t("sessions.device", { browser: s.browser ?? t("sessions.unknownBrowser"), os: s.os ?? t("sessions.unknownOs") }) : t("sessions.unknownDevice");
  return (
    <>
      <PageHeader
        title={t("sessions.title")}
        actions={others > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="end-others" />
            <Button kind="danger">{t("sessions.endOthers")}</Button>
          </Form>
        ) : null}
      />
      <p className="mb-4 max-w-3xl text-sm text-slate-700">{t("sessions.intro")}</p>
      <div className="overflow-x-auto">
        <table className="min-w-full border-collapse text-sm">
          <caption className="sr-only">{t("sessions.caption")}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="p-2">{t("sessions.deviceColumn")}</th>
              <th scope="col" className="p-2">{t("sessions.ip")}</th>
              <th scope="col" className="p-2">{t("sessions.created")}</th>
              <th scope="col" className="p-2">{t("sessions.lastSeen")}</th>
              <th scope="col" className="p-2"><span className="sr-only">{t("sessions.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id} className="border-b border-slate-200">
                <td className="p-2">
                  {device(s)}
                  {!s.twoFactorVerified ? <span className="ml-2 text-slate-600">({t("sessions.pendingSecondFactor")})</span> : null}
                </td>
                <td className="p-2">{s.ip ?? "—"}</td>
                <td className="p-2">{formatDateTime(s.createdAt, i18n.language)}</td>
                <td className="p-2">{formatDateTime(s.lastSeenAt, i18n.language)}</td>
                <td className="p-2">
                  {s.current ? (
                    <strong>{t("sessions.thisSession")}</strong>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="end" />
                      <input type="hidden" name="sessionId" value={s.id} />
                      <Button kind="secondary" aria-label={t("sessions.endOneLabel", { device: device(s), at: formatDateTime(s.lastSeenAt, i18n.language) })}>
                        {t("sessions.end")}
                      </Button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-6 text-sm"><Link to="/profile" className="text-blue-700 underline">{t("twoFactor.backToProfile")}</Link></p>
    </>
  );
}
