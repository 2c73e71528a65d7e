import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { searchCustomers } from "~/domain/quotes/quote-read.server";
import { issueCertificates } from "~/domain/trainings/attendance.server";
import { cancelRegistration, registerContact } from "~/domain/trainings/registrations.server";
import { registerSchema, sessionSchema } from "~/domain/trainings/training.schema";
import { addSession, getTraining } from "~/domain/trainings/trainings.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { idParam, invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { buttonLinkClass, CustomerSearch, linkClass, StatusBadge, tableClass, thClass } from "~/ui/commerce-bits";
import { Button, useValidatedForm } from "~/ui/form";
import { formatDate } from "~/ui/format";
import { SessionFields } from "~/ui/session-fields";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const training = await getTraining(staff.actor, idParam(params.trainingId));
  invariantResponse(training, "Not found", 404);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const registered = new Set(training.registrations.filter((r) => r.status !== "cancelled").map((r) => r.contact.id));
  const found = q ? (await searchCustomers(q)).contacts.filter((c) => !registered.has(c.id)) : [];
  return { training, q, found };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.trainingId);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = `/trainings/${id}`;
  if (intent === "register") {
    const parsed = parseFormData(formData, registerSchema);
    invariantResponse(parsed.ok, "Bad request", 400);
    const result = await registerContact(staff.actor, id, parsed.data.contactId);
    if (!result.ok) return redirectWithFlash(request, back, { kind: "error", key: `training.error.${result.reason}` });
    return redirectWithFlash(request, back, { kind: "success", key: result.status === "waitlisted" ? "training.done.waitlisted" : "training.done.registered", values: { position: result.waitlistPosition ?? 0 } });
  }
  if (intent === "cancel") {
    const registrationId = idParam(String(formData.get("registrationId") ?? ""));
    const result = await cancelRegistration(staff.actor, registrationId);
    if (!result.ok) return redirectWithFlash(request, back, { kind: "error", key: `training.error.${result.reason}` });
    return redirectWithFlash(request, back, { kind: "success", key: result.promotedId ? "training.done.cancelledPromoted" : "training.done.cancelled" });
  }
  if (intent === "add-session") {
    const parsed = parseFormData(formData, sessionSchema);
    if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
    const result = await addSession(staff.actor, id, parsed.data);
    invariantResponse(result.ok, "Not found", 404);
    return redirectWithFlash(request, back, { kind: "success", key: "training.done.sessionAdded" });
  }
  if (intent === "certificates") {
    const result = await issueCertificates(staff.actor, id);
    invariantResponse(result.ok, "Not found", 404);
    return redirectWithFlash(request, back, { kind: result.issued ? "success" : "info", key: "training.done.certificates", values: { count: result.issued } });
  }
  throw data({ message: "Unknown intent" }, { status: 400 });
}

export default function TrainingPage() {
  const { t, i18n } = useTranslation();
  const { training, q, found } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = i18n.language;
  const session = useValidatedForm(sessionSchema, { serverErrors: actionData?.errors, defaultValues: { startTime: "09:00", endTime: "17:00" } as never });
  const seated = training.registrations.filter((r) => r.status !== "waitlisted" && r.status !== "cancelled");
  const waiting = training.registrations.filter((r) => r.status === "waitlisted");
  const cancelled = training.registrations.filter((r) => r.status === "cancelled");
  const eligible = training.registrations.filter((r) => r.eligible && !r.certificateIssuedOn).length;
  const row = (r: (typeof training.registrations)[number]) => (
    <tr key={r.id} className="border-b border-slate-200">
      <td className="p-2"><Link to={`/contacts/${r.contact.id}`} className={linkClass}>{r.contact.firstName} {r.contact.lastName}</Link></td>
      <td className="p-2"><StatusBadge status={r.status} kind="training" />{r.waitlistPosition ? <span className="ml-2 text-xs">#{r.waitlistPosition}</span> : null}</td>
      <td className="p-2">{r.certificateIssuedOn ? t("training.certificateOn", { date: formatDate(r.certificateIssuedOn, lang) }) : "—"}</td>
      <td className="p-2">
        {r.canChange && r.status !== "cancelled" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="registrationId" value={r.id} />
            <button type="submit" className="text-red-700 underline">{t("training.cancelRegistration")}<span className="sr-only"> {r.contact.firstName} {r.contact.lastName}</span></button>
          </Form>
        ) : null}
      </td>
    </tr>
  );
  const table = (caption: string, rows: typeof training.registrations) => (
    <table className={`${tableClass} mb-6`}>
      <caption className="mb-1 text-left font-semibold">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-300">
          <th scope="col" className={thClass}>{t("training.contact")}</th>
          <th scope="col" className={thClass}>{t("training.statusLabel")}</th>
          <th scope="col" className={thClass}>{t("training.certificate")}</th>
          <th scope="col" className={thClass}><span className="sr-only">{t("quote.actions")}</span></th>
        </tr>
      </thead>
      <tbody>{rows.map(row)}</tbody>
    </table>
  );
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/trainings" className={linkClass}>{t("training.backToList")}</Link></p>
      <PageHeader title={training.title} actions={<a href={`/trainings/${training.id}/attendance.csv`} className={buttonLinkClass} download>{t("training.exportCsv")}</a>} />
      <p className="-mt-4 mb-6 text-sm">{t("training.trainerIs", { trainer: training.trainer })} · {t("training.seatsTaken", { taken: training.seatsTaken, capacity: training.capacity })}</p>
      {training.description ? <p className="mb-6 max-w-2xl whitespace-pre-wrap text-sm">{training.description}</p> : null}

      <section aria-labelledby="sessions-title" className="mb-8">
        <h2 id="sessions-title" className="mb-2 text-lg font-semibold">{t("training.sessions")}</h2>
        <table className={tableClass}>
          <caption className="sr-only">{t("training.sessions")}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className={thClass}>{t("training.date")}</th>
              <th scope="col" className={thClass}>{t("training.time")}</th>
              <th scope="col" className={thClass}>{t("training.place")}</th>
              <th scope="col" className={thClass}><span className="sr-only">{t("training.attendance")}</span></th>
            </tr>
          </thead>
          <tbody>
            {training.sessions.map((s) => (
              <tr key={s.id} className="border-b border-slate-200">
                <td className="p-2">{formatDate(s.date, lang)}</td>
                <td className="p-2">{s.startTime}–{s.endTime}</td>
                <td className="p-2">{[s.place, s.online ? t("training.online") : null].filter(Boolean).join(" · ")}</td>
                <td className="p-2"><Link to={`/trainings/${training.id}/sessions/${s.id}/attendance`} className={linkClass}>{t("training.markAttendance")}<span className="sr-only"> {formatDate(s.date, lang)}</span></Link></td>
              </tr>
            ))}
          </tbody>
        </table>
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium text-blue-700">{t("training.addSession")}</summary>
          <Form method="post" onSubmit={session.onSubmit} noValidate className="mt-3 grid max-w-3xl gap-4 md:grid-cols-2">
            <input type="hidden" name="intent" value="add-session" />
            <SessionFields register={session.register} errorFor={session.errorFor} onlineRegistration={session.form.register("online")} />
            <div><Button kind="secondary">{t("training.addSession")}</Button></div>
          </Form>
        </details>
      </section>

      <section aria-labelledby="registrations-title" className="mb-8">
        <h2 id="registrations-title" className="mb-2 text-lg font-semibold">{t("training.registrations")}</h2>
        {seated.length ? table(t("training.seated"), seated) : <p className="mb-4 text-sm">{t("training.noRegistrations")}</p>}
        {waiting.length ? table(t("training.waitingList"), waiting) : null}
        {cancelled.length ? table(t("training.cancelledList"), cancelled) : null}
        <Form method="post" className="mb-6">
          <input type="hidden" name="intent" value="certificates" />
          <p className="mb-2 text-sm">{t("training.certificatesHint", { count: eligible })}</p>
          <Button kind="secondary" disabled={eligible === 0}>{t("training.issueCertificates")}</Button>
        </Form>
        <h3 className="mb-2 font-semibold">{t("training.registerContact")}</h3>
        <CustomerSearch q={q} label={t("training.findContact")}>
          {q.length >= 2 ? (
            found.length === 0 ? <p className="mt-3 text-sm">{t("commerce.noMatches")}</p> : (
              <ul className="mt-3 flex flex-col gap-2 text-sm">
                {found.map((c) => (
                  <li key={c.id} className="flex items-center gap-3">
                    <span>{c.firstName} {c.lastName}{c.organisation ? ` · ${c.organisation.name}` : ""}</span>
                    <Form method="post">
                      <input type="hidden" name="intent" value="register" />
                      <input type="hidden" name="contactId" value={c.id} />
                      <button type="submit" className="rounded border border-slate-400 bg-white px-2 py-1">{t("training.register")}<span className="sr-only"> {c.firstName} {c.lastName}</span></button>
                    </Form>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </CustomerSearch>
      </section>
    </>
  );
}
