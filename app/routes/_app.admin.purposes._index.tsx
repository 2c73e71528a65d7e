import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listPurposesForAdmin } from "~/domain/purposes/purpose-admin.server";
import { purposeName } from "~/domain/purposes/purposes.server";
import { ruleOf } from "~/domain/purposes/retention";
import { unfinishedRecomputes } from "~/domain/purposes/recompute-job.server";
import { requireStaff } from "~/lib/auth.server";
import { PageHeader } from "~/ui/app-shell";
import { PurposesTable } from "~/ui/processing-register";
import { RecomputeProgress } from "~/ui/retention-recompute";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "admin" });
  const purposes = await listPurposesForAdmin(staff.actor);
  const names = new Map(purposes.map((p) => [p.id, purposeName(p, staff.language)]));
  const recomputes = (await unfinishedRecomputes(staff.actor)).map((job) => ({ ...job, purposeName: names.get(job.purposeId) ?? "" }));
  return { purposes: purposes.map((p) => ({ ...p, name: names.get(p.id)!, rule: ruleOf(p) })), recomputes };
}

export default function PurposesAdminPage() {
  const { t } = useTranslation();
  const { purposes, recomputes } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("purposeAdmin.title")} />
      <p className="mb-4 max-w-3xl text-sm text-slate-700">{t("purposeAdmin.intro")}</p>
      {recomputes.map((job) => <RecomputeProgress key={job.id} job={job} purposeName={job.purposeName} />)}
      <PurposesTable purposes={purposes} editable />
    </>
  );
}
