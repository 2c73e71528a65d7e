import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listPurposesForAdmin } from "~/domain/purposes/purpose-admin.server";
import { purposeName, ruleOf } from "~/domain/purposes/purposes.server";
import { requireStaff } from "~/lib/auth.server";
import { PageHeader } from "~/ui/app-shell";
import { PurposesTable } from "~/ui/processing-register";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "admin" });
  const purposes = await listPurposesForAdmin(staff.actor);
  return { purposes: purposes.map((p) => ({ ...p, name: purposeName(p, staff.language), rule: ruleOf(p) })) };
}

export default function PurposesAdminPage() {
  const { t } = useTranslation();
  const { purposes } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("purposeAdmin.title")} />
      <p className="mb-4 max-w-3xl text-sm text-slate-700">{t("purposeAdmin.intro")}</p>
      <PurposesTable purposes={purposes} editable />
    </>
  );
}
