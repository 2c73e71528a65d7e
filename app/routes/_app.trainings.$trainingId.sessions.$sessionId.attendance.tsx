import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { getSessionSheet, saveSessionAttendance } from "~/domain/trainings/attendance.server";
import { ATTENDANCE_STATUSES } from "~/domain/trainings/registration-rules";
import { attendanceSchema } from "~/domain/trainings/training.schema";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { idParam, invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { linkClass, tableClass, thClass } from "~/ui/commerce-bits";
import { EmptyState } from "~/ui/empty-state";
import { Button } from "~/ui/form";
import { formatDate } from "~/ui/format";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const sheet = await getSessionSheet(idParam(params.trainingId), idParam(params.sessionId));
  invariantResponse(sheet, "Not found", 404);
  return sheet;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const trainingId = idParam(params.trainingId);
  const parsed = parseFormData(await request.formData(), attendanceSchema);
  if (!parsed.ok) throw data({ message: "Bad attendance" }, { status: 400 });
  const result = await saveSessionAttendance(staff.actor, trainingId, idParam(params.sessionId), parsed.data);
  if (!result.ok) {
    invariantResponse(result.reason !== "NOT_FOUND", "Not found", 404);
    return redirectWithFlash(request, request.url, { kind: "error", key: `training.error.${result.reason}` });
  }
  return redirectWithFlash(request, `/trainings/${trainingId}`, { kind: "success", key: "training.done.attendance", values: { count: result.saved } });
}

/** One screen for a whole session: a radio pair per registrant, saved together. */
export default function AttendancePage() {
  const { t, i18n } = useTranslation();
  const { session, training, registrants } = useLoaderData<typeof loader>();
  const formRef = useRef<HTMLFormElement>(null);
  const markAll = (status: string) => formRef.current?.querySelectorAll<HTMLInputElement>(`input[type=radio][value="${status}"]`).forEach((r) => (r.checked = true));
  return (
    <>
      <p className="mb-2 text-sm"><Link to={`/trainings/${training.id}`} className={linkClass}>{t("training.backToTraining")}</Link></p>
      <PageHeader title={t("training.attendanceTitle", { title: training.title, date: formatDate(session.date, i18n.language) })} />
      <p className="-mt-4 mb-4 text-sm">{session.startTime}–{session.endTime}{session.place ? ` · ${session.place}` : ""}{session.online ? ` · ${t("training.online")}` : ""}</p>
      {registrants.length === 0 ? (
        <EmptyState title={t("training.noRegistrations")} />
      ) : (
        <Form method="post" ref={formRef} className="flex max-w-2xl flex-col gap-4">
          <div><button type="button" onClick={() => markAll("attended")} className="text-sm text-blue-700 underline">{t("training.markAllAttended")}</button></div>
          <table className={tableClass}>
            <caption className="sr-only">{t("training.attendance")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className={thClass}>{t("training.contact")}</th>
                {ATTENDANCE_STATUSES.map((s) => <th key={s} scope="col" className={thClass}>{t(`training.status.${s}`)}</th>)}
              </tr>
            </thead>
            <tbody>
              {registrants.map((r) => (
                <tr key={r.id} className="border-b border-slate-200">
                  <th scope="row" className="p-2 text-left font-normal">{r.name}</th>
                  {ATTENDANCE_STATUSES.map((s) => (
                    <td key={s} className="p-2">
                      <input type="radio" name={`mark.${r.id}`} value={s} defaultChecked={r.mark === s} aria-label={`${t(`training.status.${s}`)}: ${r.name}`} className="h-4 w-4" />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <div><Button>{t("training.saveAttendance")}</Button></div>
        </Form>
      )}
    </>
  );
}
