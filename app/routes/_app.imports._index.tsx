import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteError, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { listBatches } from "~/domain/imports/import-report.server";
import { requireStaff } from "~/lib/auth.server";
import { invariantResponse } from "~/lib/http.server";
import { ErrorPage } from "~/root";
import { PageHeader } from "~/ui/app-shell";
import { EmptyState } from "~/ui/empty-state";
import { formatDateTime } from "~/ui/format";
import { BatchCountCells, ImportStatus } from "~/ui/import-status";

const querySchema = z.object({ before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(query.success, "Bad page", 400);
  return listBatches(query.data.before);
}

const link = "text-blue-700 underline";

export default function ImportsPage() {
  const { t, i18n } = useTranslation();
  const { batches, nextCursor } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader
        title={t("import.title")}
        actions={
          <>
            <Link to="/trade-fairs" className="rounded border border-slate-400 bg-white px-4 py-2 text-sm font-medium">{t("tradeFair.title")}</Link>
            <Link to="/imports/new" className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">{t("import.new")}</Link>
          </>
        }
      />
      {batches.length === 0 ? (
        <EmptyState title={t("import.empty")}>
          <Link to="/imports/new" className={link}>{t("import.new")}</Link>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full border-collapse text-sm">
            <caption className="sr-only">{t("import.title")}</caption>
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="p-2">{t("import.col.file")}</th>
                <th scope="col" className="p-2">{t("import.col.fair")}</th>
                <th scope="col" className="p-2">{t("import.col.uploadedBy")}</th>
                <th scope="col" className="p-2">{t("import.col.uploadedAt")}</th>
                <th scope="col" className="p-2">{t("import.col.status")}</th>
                <th scope="col" className="p-2 text-right">{t("import.outcome.created")}</th>
                <th scope="col" className="p-2 text-right">{t("import.outcome.merged")}</th>
                <th scope="col" className="p-2 text-right">{t("import.outcome.rejected")}</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id} className="border-b border-slate-200">
                  <td className="p-2"><Link to={`/imports/${b.id}`} className={link}>{b.fileName}</Link></td>
                  <td className="p-2">{b.tradeFair ? <Link to={`/trade-fairs/${b.tradeFair.id}`} className={link}>{b.tradeFair.name}</Link> : "—"}</td>
                  <td className="p-2">{b.staffName}</td>
                  <td className="whitespace-nowrap p-2">{formatDateTime(b.createdAt, i18n.language)}</td>
                  <td className="p-2"><ImportStatus status={b.status} /></td>
                  <BatchCountCells batch={b} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("common.pagination")} className="mt-4 flex gap-4 text-sm">
        {params.get("before") ? <Link to="/imports" className={link}>{t("common.firstPage")}</Link> : null}
        {nextCursor ? <Link to={`?before=${nextCursor}`} className={link}>{t("common.nextPage")}</Link> : null}
      </nav>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
