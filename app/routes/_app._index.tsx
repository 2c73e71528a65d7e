import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/lib/auth.server";
import { PageHeader } from "~/ui/app-shell";

export const meta: MetaFunction = () => [{ title: "CRM" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  return { name: staff.name };
}

export default function HomePage() {
  const { t } = useTranslation();
  const { name } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("home.title")} />
      <p className="text-slate-700">{t("home.welcome", { name })}</p>
    </>
  );
}
