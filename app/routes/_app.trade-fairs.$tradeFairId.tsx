import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getTradeFair } from "~/domain/imports/trade-fairs.server";
import { requireStaff } from "~/lib/auth.server";
import { idParam, invariantResponse } from "~/lib/http.server";
import { ErrorPage } from "~/root";
import { PageHeader } from "~/ui/app-shell";
import { formatDate, formatDateTime } from "~/ui/format";
import { BatchCountCells, ImportStatus } from "~/ui/import-status";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const fair = await getTradeFair(idParam(params.tradeFairId));
  invariantResponse(fair, "Not found", 404);
  return { fair };
}

const link = "text-blue-700 underline";

export default function TradeFairPage() {
  const { t, i18n } = useTranslation();
  const { fair } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  return (
    <>
      <PageHeader
        title={fair.name}
        actions={<Link to={`/imports/new?tradeFairId=${fair.id}`} className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">{t("tradeFair.importFile")}</Link>}
      />
      <dl className="mb-8 grid max-w-2xl grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">{t("tradeFair.organiser")}</dt><dd>{fair.organiser}</dd>
        <dt className="font-medium">{t("tradeFair.dates")}</dt>
        <dd>{fair.startsOn ? `${formatDate(fair.startsOn, lang)}${fair.endsOn ? ` – ${formatDate(fair.endsOn, lang)}` : ""}` : "—"}</dd>
        <dt className="font-medium">{t("tradeFair.place")}</dt><dd>{fair.place ?? "—"}</dd>
      </dl>

      <section aria-labelledby="batches-title" className="mb-8">
        <h2 id="batches-title" className="mb-2 text-lg font-semibold">{t("tradeFair.batches")}</h2>
        {fair.batches.length === 0 ? (
          <p className="text-sm text-slate-600">{t("tradeFair.noBatches")}</p>
        ) : (
          <table className="min-w-full border-collapse text-sm">
            <caption className="sr-only">{t("tradeFair.batches")}</caption>
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="p-2">{t("import.col.file")}</th>
                <th scope="col" className="p-2">{t("import.col.uploadedAt")}</th>
                <th scope="col" className="p-2">{t("import.col.status")}</th>
                <th scope="col" className="p-2 text-right">{t("import.outcome.created")}</th>
                <th scope="col" className="p-2 text-right">{t("import.outcome.merged")}</th>
                <th scope="col" className="p-2 text-right">{t("import.outcome.rejected")}</th>
              </tr>
            </thead>
            <tbody>
              {fair.batches.map((b) => (
                <tr key={b.id} className="border-b border-slate-200">
                  <td className="p-2"><Link to={`/imports/${b.id}`} className={link}>{b.fileName}</Link></td>
                  <td className="whitespace-nowrap p-2">{formatDateTime(b.createdAt, lang)}</td>
                  <td className="p-2"><ImportStatus status={b.status} /></td>
                  <BatchCountCells batch={b} />
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="contacts-title">
        <h2 id="contacts-title" className="mb-2 text-lg font-semibold">{t("tradeFair.contacts", { count: fair.contactCount })}</h2>
        {fair.contacts.length === 0 ? (
          <p className="text-sm text-slate-600">{t("tradeFair.noContacts")}</p>
        ) : (
          <>
            <table className="min-w-full border-collapse text-sm">
              <caption className="sr-only">{t("tradeFair.contacts", { count: fair.contactCount })}</caption>
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className="p-2">{t("tradeFair.contactName")}</th>
                  <th scope="col" className="p-2">{t("import.field.email")}</th>
                  <th scope="col" className="p-2">{t("import.field.organisation")}</th>
                </tr>
              </thead>
              <tbody>
                {fair.contacts.map((c) => (
                  <tr key={c.id} className="border-b border-slate-200">
                    <td className="p-2"><Link to={`/contacts/${c.id}`} className={link}>{`${c.firstName} ${c.lastName}`.trim() || c.email || `#${c.id}`}</Link></td>
                    <td className="p-2">{c.email ?? "—"}</td>
                    <td className="p-2">{c.organisation?.name ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-2 text-sm"><Link to={`/contacts?tradeFairId=${fair.id}`} className={link}>{t("tradeFair.allContacts")}</Link></p>
          </>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
