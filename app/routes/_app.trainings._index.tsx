import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listTrainings } from "~/domain/trainings/trainings.server";
import { requireStaff } from "~/lib/auth.server";
import { PageHeader } from "~/ui/app-shell";
import { linkClass, tableClass, thClass } from "~/ui/commerce-bits";
import { EmptyState } from "~/ui/empty-state";
import { formatDate } from "~/ui/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { trainings: await listTrainings() };
}

export default function TrainingsPage() {
  const { t, i18n } = useTranslation();
  const { trainings } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  return (
    <>
      <PageHeader title={t("training.listTitle")} actions={<Link to="/trainings/new" className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white">{t("training.new")}</Link>} />
      {trainings.length === 0 ? (
        <EmptyState title={t("training.none")} />
      ) : (
        <div className="overflow-x-auto">
          <table className={tableClass}>
            <caption className="sr-only">{t("training.listTitle")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className={thClass}>{t("training.titleLabel")}</th>
                <th scope="col" className={thClass}>{t("training.dates")}</th>
                <th scope="col" className={thClass}>{t("training.trainer")}</th>
                <th scope="col" className={thClass}>{t("training.seats")}</th>
              </tr>
            </thead>
            <tbody>
              {trainings.map((tr) => (
                <tr key={tr.id} className="border-b border-slate-200">
                  <td className="p-2"><Link to={`/trainings/${tr.id}`} className={linkClass}>{tr.title}</Link></td>
                  <td className="p-2">{formatDate(tr.firstDate, lang)}{tr.lastDate && tr.firstDate && tr.lastDate.getTime() !== tr.firstDate.getTime() ? ` – ${formatDate(tr.lastDate, lang)}` : ""}</td>
                  <td className="p-2">{tr.trainer}</td>
                  <td className="p-2">{t("training.seatsTaken", { taken: tr.seatsTaken, capacity: tr.capacity })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
