import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { COUNT_CAP, homeSummary } from "~/domain/privacy/home-counts.server";
import { requireStaff } from "~/lib/auth.server";
import { PageHeader } from "~/ui/app-shell";

export const meta: MetaFunction = () => [{ title: "CRM" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  return { name: staff.name, staffId: staff.id, summary: homeSummary(staff.actor), cap: COUNT_CAP };
}

/** A count as the page shows it: past the cap, "10,000+". */
function useCount(cap: number) {
  const { i18n } = useTranslation();
  return (n: number) => (n > cap ? `${cap.toLocaleString(i18n.language)}+` : n.toLocaleString(i18n.language));
}

export default function HomePage() {
  const { t } = useTranslation();
  const { name, staffId, summary, cap } = useLoaderData<typeof loader>();
  const count = useCount(cap);
  const p = summary.privacy;
  const tiles = p
    ? [
        { key: "home.flagged", n: p.flagged, to: "/privacy/review", urgent: p.flagged > 0 },
        { key: "home.dsrOverdue", n: p.dsrOverdue, to: "/privacy/requests", urgent: p.dsrOverdue > 0 },
        { key: "home.dsrDueThisWeek", n: p.dsrDueThisWeek, to: "/privacy/requests", urgent: false },
        { key: "home.noticesOverdue", n: p.noticesOverdue, to: "/privacy/notices", urgent: p.noticesOverdue > 0 },
        { key: "home.withdrawnThisMonth", n: p.withdrawnThisMonth, to: null, urgent: false },
        { key: "home.withoutOpenRecord", n: p.withoutOpenRecord, to: null, urgent: p.withoutOpenRecord > 0 },
      ]
    : [];
  return (
    <>
      <PageHeader title={t("home.title")} />
      <p className="text-slate-700">{t("home.welcome", { name })}</p>
      <p className="mt-2 text-sm">
        <Link to={`/contacts?ownerId=${staffId}`} className="text-blue-700 underline">{t("home.ownContacts", { n: count(summary.ownContacts) })}</Link>
      </p>
      {p ? (
        <section aria-labelledby="privacy-work" className="mt-8 max-w-5xl">
          <h2 id="privacy-work" className="mb-3 text-lg font-semibold">{t("home.privacyWork")}</h2>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {tiles.map((tile) => {
              const body = (
                <>
                  <span className={`block text-3xl font-bold ${tile.urgent ? "text-red-700" : "text-slate-900"}`}>{count(tile.n)}</span>
                  <span className="block text-sm text-slate-700">{t(tile.key)}</span>
                </>
              );
              return (
                <li key={tile.key} className="rounded border border-slate-200 bg-white p-4">
                  {tile.to ? <Link to={tile.to} className="block hover:underline focus:outline-none focus:ring-2 focus:ring-blue-600">{body}</Link> : body}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </>
  );
}
