import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NOTICE_CHANNELS, noticeCursorSchema, noticeSentSchema } from "~/domain/privacy/art14.schema";
import { listOverdueNotices, markNoticeSent } from "~/domain/privacy/art14.server";
import { calendarDaysBetween } from "~/domain/privacy/dates";
import { isoToday } from "~/domain/privacy/days";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { EmptyState } from "~/ui/empty-state";
import { Button } from "~/ui/form";
import { formatDate } from "~/ui/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "manager" });
  const query = noticeCursorSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(query.success, "Bad cursor", 400);
  const today = new Date();
  const page = await listOverdueNotices(staff.actor, query.data.after, today);
  return { ...page, rows: page.rows.map((r) => ({ ...r, daysLate: calendarDaysBetween(r.noticeDueAt, today) })), today: isoToday(today) };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { role: "manager" });
  const formData = await request.formData();
  if (formData.get("intent") !== "notice-sent") throw data({ message: "Unknown intent" }, { status: 400 });
  const parsed = parseFormData(formData, noticeSentSchema);
  if (!parsed.ok) return data({ contactId: String(formData.get("contactId") ?? ""), errors: parsed.errors }, { status: 400 });
  const result = await markNoticeSent(staff.actor, parsed.data);
  const back = `/privacy/notices${new URL(request.url).search}`;
  if (!result.ok) {
    invariantResponse(result.reason !== "NOT_FOUND", "Not found", 404);
    return redirectWithFlash(request, back, { kind: "error", key: `art14.${result.reason}` });
  }
  return redirectWithFlash(request, back, { kind: "success", key: "art14.done" });
}

export default function NoticesPage() {
  const { t, i18n } = useTranslation();
  const { rows, nextCursor, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const lang = i18n.language;
  const field = "rounded border border-slate-400 px-2 py-1 text-sm";
  return (
    <>
      <PageHeader title={t("art14.title")} actions={<Link to="/privacy" className="text-sm text-blue-700 underline">{t("privacy.back")}</Link>} />
      <p className="mb-4 max-w-3xl text-sm text-slate-700">{t("art14.help")}</p>
      {rows.length === 0 ? <EmptyState title={t("art14.noneOverdue")} /> : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{t("art14.title")}</caption>
            <thead><tr className="border-b border-slate-300 text-left">
              <th scope="col" className="p-2">{t("contact.person")}</th>
              <th scope="col" className="p-2">{t("art14.tradeFair")}</th>
              <th scope="col" className="p-2">{t("contact.obtainedAt")}</th>
              <th scope="col" className="p-2">{t("art14.dueOn")}</th>
              <th scope="col" className="p-2">{t("art14.markSent")}</th>
            </tr></thead>
            <tbody>
              {rows.map((r) => {
                const errors = actionData?.contactId === String(r.id) ? actionData.errors : null;
                return (
                  <tr key={r.id} className="border-b border-slate-200 align-top" data-testid={`notice-${r.id}`}>
                    <td className="p-2">
                      <Link to={`/contacts/${r.id}`} className="text-blue-700 underline">{r.firstName} {r.lastName}</Link>
                      {r.organisation ? <span className="block text-xs text-slate-600">{r.organisation.name}</span> : null}
                      {r.restricted ? <span className="block text-xs">{t("contact.restrictedBadge")}</span> : null}
                    </td>
                    <td className="p-2">{r.tradeFair?.name ?? "—"}</td>
                    <td className="p-2">{formatDate(r.obtainedAt, lang)}</td>
                    <td className="p-2">{formatDate(r.noticeDueAt, lang)} <span className="block font-semibold text-red-700">{t("art14.daysLate", { count: r.daysLate })}</span></td>
                    <td className="p-2">
                      <Form method="post" className="flex flex-wrap items-end gap-2">
                        <input type="hidden" name="intent" value="notice-sent" />
                        <input type="hidden" name="contactId" value={r.id} />
                        <label className="flex flex-col text-xs font-medium">{t("art14.sentOn")}
                          <input type="date" name="sentOn" defaultValue={today} max={today} required className={field} aria-invalid={Boolean(errors?.sentOn)} />
                        </label>
                        <label className="flex flex-col text-xs font-medium">{t("art14.channel")}
                          <select name="channel" className={field} defaultValue="email">
                            {NOTICE_CHANNELS.map((c) => <option key={c} value={c}>{t(`art14.channel.${c}`)}</option>)}
                          </select>
                        </label>
                        <Button kind="secondary" aria-label={t("art14.markSentFor", { name: `${r.firstName} ${r.lastName}` })}>{t("art14.markSent")}</Button>
                        {errors ? <p role="alert" className="w-full text-xs text-red-700">{(Object.values(errors) as string[]).map((e) => t(e)).join(" ")}</p> : null}
                      </Form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("common.pagination")} className="mt-4 flex gap-4 text-sm">
        {params.get("after") ? <Link to="/privacy/notices" className="text-blue-700 underline">{t("common.firstPage")}</Link> : null}
        {nextCursor ? <Link to={`?after=${encodeURIComponent(nextCursor)}`} className="text-blue-700 underline">{t("common.nextPage")}</Link> : null}
      </nav>
    </>
  );
}
