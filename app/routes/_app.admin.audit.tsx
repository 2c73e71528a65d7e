import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { auditFilterSchema } from "~/domain/audit/audit.schema";
import { auditRecordTypes, listAuditEntries } from "~/domain/audit/audit.server";
import { staffNames } from "~/domain/staff/staff.server";
import { requireStaff } from "~/lib/auth.server";
import { db } from "~/lib/db.server";
import { invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { EmptyState } from "~/ui/empty-state";
import { Button } from "~/ui/form";
import { formatDateTime } from "~/ui/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(parsed.success, "Bad filter", 400);
  const f = parsed.data;
  const prisma = await db();
  const to = f.to ? new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) : undefined;
  const [page, types, people] = await Promise.all([
    listAuditEntries(prisma, { staffId: f.staff, recordType: f.type, from: f.from ? new Date(`${f.from}T00:00:00Z`) : undefined, to, before: f.before }),
    auditRecordTypes(prisma),
    staffNames(),
  ]);
  return { ...page, types, people };
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const { entries, nextCursor, types, people } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  if (nextCursor) next.set("before", String(nextCursor));
  const field = "rounded border border-slate-400 px-3 py-2 text-sm";
  return (
    <>
      <PageHeader title={t("admin.audit")} />
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label={t("common.filters")}>
        <div className="flex flex-col gap-1">
          <label htmlFor="f-staff" className="text-sm font-medium">{t("audit.staff")}</label>
          <select id="f-staff" name="staff" defaultValue={params.get("staff") ?? ""} className={field}>
            <option value="">{t("common.all")}</option>
            {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="f-type" className="text-sm font-medium">{t("audit.recordType")}</label>
          <select id="f-type" name="type" defaultValue={params.get("type") ?? ""} className={field}>
            <option value="">{t("common.all")}</option>
            {types.map((type) => <option key={type} value={type}>{type}</option>)}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="f-from" className="text-sm font-medium">{t("common.from")}</label>
          <input id="f-from" type="date" name="from" defaultValue={params.get("from") ?? ""} className={field} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="f-to" className="text-sm font-medium">{t("common.to")}</label>
          <input id="f-to" type="date" name="to" defaultValue={params.get("to") ?? ""} className={field} />
        </div>
        <Button kind="secondary">{t("common.applyFilters")}</Button>
      </Form>
      {entries.length === 0 ? (
        <EmptyState title={t("audit.empty")} />
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full border-collapse text-sm">
            <caption className="sr-only">{t("admin.audit")}</caption>
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="p-2">{t("audit.when")}</th>
                <th scope="col" className="p-2">{t("audit.staff")}</th>
                <th scope="col" className="p-2">{t("audit.action")}</th>
                <th scope="col" className="p-2">{t("audit.record")}</th>
                <th scope="col" className="p-2">{t("audit.ip")}</th>
                <th scope="col" className="p-2">{t("audit.summary")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className="border-b border-slate-200 align-top">
                  <td className="whitespace-nowrap p-2">{formatDateTime(e.at, i18n.language)}</td>
                  <td className="p-2">{e.staff?.name ?? t("audit.system")}</td>
                  <td className="p-2 font-mono">{e.action}</td>
                  <td className="p-2">{e.recordType}{e.recordId ? ` #${e.recordId}` : ""}</td>
                  <td className="p-2">{e.ip ?? "—"}</td>
                  <td className="p-2 font-mono text-xs">{e.summary === "{}" ? "" : e.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("common.pagination")} className="mt-4 flex gap-4 text-sm">
        {params.get("before") ? <Link to={`?${new URLSearchParams([...params].filter(([k]) => k !== "before"))}`} className="text-blue-700 underline">{t("common.firstPage")}</Link> : null}
        {nextCursor ? <Link to={`?${next}`} className="text-blue-700 underline">{t("common.nextPage")}</Link> : null}
      </nav>
    </>
  );
}
