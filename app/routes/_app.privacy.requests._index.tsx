import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { calendarDaysBetween } from "~/domain/privacy/dates";
import { dsrStatusOf } from "~/domain/privacy/dsr-dates";
import { listDsrs } from "~/domain/privacy/dsr.server";
import { requireStaff } from "~/lib/auth.server";
import { PageHeader } from "~/ui/app-shell";
import { DsrDueBadge } from "~/ui/dsr-due";
import { EmptyState } from "~/ui/empty-state";
import { formatDate } from "~/ui/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "manager" });
  const { open, closed } = await listDsrs(staff.actor);
  const today = new Date();
  const withStatus = <R extends { dueAt: Date; closedAt: Date | null }>(r: R) => ({ ...r, state: dsrStatusOf(r.dueAt, today, r.closedAt), daysLeft: calendarDaysBetween(today, r.dueAt) });
  return { open: open.map(withStatus), closed: closed.map(withStatus) };
}

export default function RequestsPage() {
  const { t, i18n } = useTranslation();
  const { open, closed } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  return (
    <>
      <PageHeader title={t("dsr.listTitle")} actions={<Link to="new" className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">{t("dsr.new")}</Link>} />
      <p className="mb-4 max-w-3xl text-sm text-slate-700">{t("dsr.listHelp")}</p>
      {open.length === 0 ? <EmptyState title={t("dsr.noneOpen")} /> : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="mb-2 text-left font-semibold">{t("dsr.openCaption")}</caption>
            <thead><tr className="border-b border-slate-300 text-left">
              <th scope="col" className="p-2">{t("dsr.number")}</th>
              <th scope="col" className="p-2">{t("dsr.type")}</th>
              <th scope="col" className="p-2">{t("dsr.requesterName")}</th>
              <th scope="col" className="p-2">{t("dsr.receivedOn")}</th>
              <th scope="col" className="p-2">{t("dsr.dueOn")}</th>
              <th scope="col" className="p-2">{t("dsr.identity")}</th>
              <th scope="col" className="p-2">{t("dsr.contactsCount")}</th>
            </tr></thead>
            <tbody>
              {open.map((r) => (
                <tr key={r.id} className={`border-b border-slate-200 ${r.state === "overdue" ? "bg-red-50" : ""}`} data-testid={`dsr-row-${r.id}`}>
                  <td className="p-2"><Link to={String(r.id)} className="text-blue-700 underline">#{r.id}</Link></td>
                  <td className="p-2">{t(`dsr.type.${r.type}`)}</td>
                  <td className="p-2">{r.requesterName}</td>
                  <td className="p-2">{formatDate(r.receivedAt, lang)}</td>
                  <td className="p-2">{formatDate(r.dueAt, lang)} <DsrDueBadge state={r.state} daysLeft={r.daysLeft} />{r.extendedAt ? <span className="block text-xs text-slate-600">{t("dsr.extendedBadge")}</span> : null}</td>
                  <td className="p-2">{r.identityVerifiedAt ? t("dsr.identityVerifiedShort") : t("dsr.identityPendingShort")}</td>
                  <td className="p-2">{r._count.contacts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {closed.length > 0 ? (
        <div className="mt-8 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="mb-2 text-left font-semibold">{t("dsr.closedCaption")}</caption>
            <thead><tr className="border-b border-slate-300 text-left">
              <th scope="col" className="p-2">{t("dsr.number")}</th>
              <th scope="col" className="p-2">{t("dsr.type")}</th>
              <th scope="col" className="p-2">{t("dsr.requesterName")}</th>
              <th scope="col" className="p-2">{t("dsr.closedOn")}</th>
              <th scope="col" className="p-2">{t("dsr.statusLabel")}</th>
            </tr></thead>
            <tbody>
              {closed.map((r) => (
                <tr key={r.id} className="border-b border-slate-200">
                  <td className="p-2"><Link to={String(r.id)} className="text-blue-700 underline">#{r.id}</Link></td>
                  <td className="p-2">{t(`dsr.type.${r.type}`)}</td>
                  <td className="p-2">{r.requesterName}</td>
                  <td className="p-2">{formatDate(r.closedAt, lang)}</td>
                  <td className="p-2">{t(`dsr.status.${r.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
