import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { organisationListQuerySchema } from "~/domain/organisations/organisation.schema";
import { listOrganisations } from "~/domain/organisations/organisations.server";
import { formatVat } from "~/domain/organisations/vat";
import { requireStaff } from "~/lib/auth.server";
import { invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { EmptyState } from "~/ui/empty-state";
import { Button } from "~/ui/form";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const parsed = organisationListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(parsed.success, "Bad search", 400);
  const { q, after } = parsed.data;
  return { q, ...(await listOrganisations({ q, cursor: after })) };
}

export default function OrganisationsPage() {
  const { t } = useTranslation();
  const { q, items, nextCursor } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  if (nextCursor) next.set("after", String(nextCursor));
  const first = new URLSearchParams([...params].filter(([k]) => k !== "after"));
  return (
    <>
      <PageHeader
        title={t("organisation.title")}
        actions={<Link to="/organisations/new" className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white">{t("organisation.new")}</Link>}
      />
      <Form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="org-q" className="text-sm font-medium">{t("organisation.search")}</label>
          <input id="org-q" type="search" name="q" defaultValue={q} maxLength={100} className="rounded border border-slate-400 px-3 py-2 text-sm" />
        </div>
        <Button kind="secondary">{t("organisation.searchButton")}</Button>
      </Form>
      {items.length === 0 ? (
        <EmptyState title={q ? t("organisation.noMatch", { q }) : t("organisation.empty")} />
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full border-collapse text-sm">
            <caption className="sr-only">{t("organisation.title")}</caption>
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="p-2">{t("organisation.name")}</th>
                <th scope="col" className="p-2">{t("organisation.vatNumber")}</th>
                <th scope="col" className="p-2">{t("organisation.city")}</th>
                <th scope="col" className="p-2 text-right">{t("organisation.contactCount")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id} className="border-b border-slate-200">
                  <td className="p-2"><Link to={`/organisations/${o.id}`} className="text-blue-700 underline">{o.name}</Link></td>
                  <td className="whitespace-nowrap p-2">{o.vatNumber ? formatVat(o.vatNumber) : "—"}</td>
                  <td className="p-2">{o.city ?? "—"}</td>
                  <td className="p-2 text-right">{o.contactCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("common.pagination")} className="mt-4 flex gap-4 text-sm">
        {params.get("after") ? <Link to={`?${first}`} className="text-blue-700 underline">{t("common.firstPage")}</Link> : null}
        {nextCursor ? <Link to={`?${next}`} className="text-blue-700 underline">{t("common.nextPage")}</Link> : null}
      </nav>
    </>
  );
}
