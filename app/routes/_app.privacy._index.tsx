import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { purposeName } from "~/domain/purposes/purposes.server";
import { countOverdueNotices } from "~/domain/privacy/art14.server";
import { consentPurposes } from "~/domain/privacy/consent.server";
import { dsrCounts } from "~/domain/privacy/dsr.server";
import { requireStaff } from "~/lib/auth.server";
import { PageHeader } from "~/ui/app-shell";
import { Button } from "~/ui/form";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "manager" });
  const [requests, notices, purposes] = await Promise.all([dsrCounts(staff.actor), countOverdueNotices(staff.actor), consentPurposes()]);
  return { requests, notices, purposes: purposes.map((p) => ({ id: p.id, name: purposeName(p, staff.language) })) };
}

export default function PrivacyPage() {
  const { t } = useTranslation();
  const { requests, notices, purposes } = useLoaderData<typeof loader>();
  const card = "rounded border border-slate-200 bg-white p-4";
  const field = "rounded border border-slate-400 px-3 py-2 text-sm";
  return (
    <>
      <PageHeader title={t("privacy.title")} />
      <p className="mb-6 max-w-3xl text-sm text-slate-700">{t("privacy.intro")}</p>
      <div className="grid max-w-5xl gap-4 md:grid-cols-2">
        <section aria-labelledby="p-requests" className={card}>
          <h2 id="p-requests" className="text-lg font-semibold"><Link to="/privacy/requests" className="text-blue-700 underline">{t("dsr.listTitle")}</Link></h2>
          <p className="mt-1 text-sm">{t("privacy.requestsSummary", { open: requests.open })}</p>
          {requests.overdue > 0 ? <p className="mt-1 text-sm font-semibold text-red-700">{t("privacy.requestsOverdue", { count: requests.overdue })}</p> : null}
          <p className="mt-2 text-sm"><Link to="/privacy/requests/new" className="text-blue-700 underline">{t("dsr.new")}</Link></p>
        </section>
        <section aria-labelledby="p-notices" className={card}>
          <h2 id="p-notices" className="text-lg font-semibold"><Link to="/privacy/notices" className="text-blue-700 underline">{t("art14.title")}</Link></h2>
          <p className="mt-1 text-sm">{notices.count === 0 ? t("art14.noneOverdue") : t("privacy.noticesOverdue", { n: notices.more ? `${notices.count}+` : notices.count })}</p>
        </section>
        <section aria-labelledby="p-other" className={card}>
          <h2 id="p-other" className="text-lg font-semibold">{t("privacy.otherTasks")}</h2>
          <ul className="mt-2 flex flex-col gap-1 text-sm">
            <li><Link to="/privacy/review" className="text-blue-700 underline">{t("privacy.link.review")}</Link></li>
            <li><Link to="/privacy/holds" className="text-blue-700 underline">{t("privacy.link.holds")}</Link></li>
            <li><Link to="/privacy/suppression" className="text-blue-700 underline">{t("privacy.link.suppression")}</Link></li>
            <li><Link to="/privacy/register" className="text-blue-700 underline">{t("privacy.link.register")}</Link></li>
          </ul>
        </section>
        <section aria-labelledby="p-mailing" className={card}>
          <h2 id="p-mailing" className="text-lg font-semibold">{t("mailing.title")}</h2>
          <p className="mt-1 text-sm text-slate-700">{t("mailing.help")}</p>
          {purposes.length === 0 ? <p className="mt-2 text-sm">{t("mailing.noPurposes")}</p> : (
            <form method="get" action="/privacy/mailing.csv" className="mt-3 flex flex-wrap items-end gap-3">
              <div className="flex flex-col gap-1">
                <label htmlFor="mailing-purpose" className="text-sm font-medium">{t("contact.purpose")}</label>
                <select id="mailing-purpose" name="purposeId" className={field}>{purposes.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select>
              </div>
              <div className="flex flex-col gap-1">
                <label htmlFor="mailing-delimiter" className="text-sm font-medium">{t("mailing.delimiter")}</label>
                <select id="mailing-delimiter" name="delimiter" className={field}>
                  <option value="semicolon">{t("mailing.semicolon")}</option>
                  <option value="comma">{t("mailing.comma")}</option>
                </select>
              </div>
              <Button kind="secondary">{t("mailing.download")}</Button>
            </form>
          )}
        </section>
      </div>
    </>
  );
}
