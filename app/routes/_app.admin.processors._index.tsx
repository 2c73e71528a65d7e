import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listProcessors } from "~/domain/processors/processors.server";
import { requireStaff } from "~/lib/auth.server";
import { PageHeader } from "~/ui/app-shell";
import { EmptyState } from "~/ui/empty-state";
import { ProcessorsTable } from "~/ui/processing-register";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "admin" });
  return { processors: await listProcessors(staff.actor) };
}

export default function ProcessorsPage() {
  const { t } = useTranslation();
  const { processors } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={t("processor.title")}
        actions={<Link to="/admin/processors/new" className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white">{t("processor.new")}</Link>}
      />
      <p className="mb-4 max-w-3xl text-sm text-slate-700">{t("processor.intro")}</p>
      {processors.length === 0 ? <EmptyState title={t("processor.empty")} /> : <ProcessorsTable processors={processors} caption={t("processor.title")} editable />}
    </>
  );
}
