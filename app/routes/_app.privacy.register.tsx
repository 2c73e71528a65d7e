import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { registerData } from "~/domain/privacy/register.server";
import { purposeName } from "~/domain/purposes/purposes.server";
import { ruleOf } from "~/domain/purposes/retention";
import { requireStaff } from "~/lib/auth.server";
import { PageHeader } from "~/ui/app-shell";
import { ProcessorsTable, PurposesTable } from "~/ui/processing-register";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "manager" });
  const { purposes, processors, transfers } = await registerData(staff.actor);
  return {
    purposes: purposes.map((p) => ({ ...p, name: purposeName(p, staff.language), rule: ruleOf(p) })),
    processors,
    transfers,
    printedOn: new Date().toISOString(),
  };
}

export default function RegisterPage() {
  const { t, i18n } = useTranslation();
  const { purposes, processors, transfers, printedOn } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={t("register.title")}
        actions={
          <div className="no-print flex gap-2">
            <a href="/privacy/register.csv" className="rounded border border-slate-400 bg-white px-4 py-2 text-sm font-medium" download>{t("register.csvDownload")}</a>
            <button type="button" onClick={() => window.print()} className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white">{t("register.print")}</button>
          </div>
        }
      />
      <p className="mb-6 max-w-3xl text-sm text-slate-700">
        {t("register.intro", { date: new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeZone: "Europe/Brussels" }).format(new Date(printedOn)) })}
      </p>
      <section aria-labelledby="purposes-title" className="mb-8">
        <h2 id="purposes-title" className="mb-2 text-lg font-semibold">{t("register.purposes")}</h2>
        <PurposesTable purposes={purposes} />
      </section>
      <section aria-labelledby="processors-title" className="mb-8">
        <h2 id="processors-title" className="mb-2 text-lg font-semibold">{t("register.processors")}</h2>
        <ProcessorsTable processors={processors} caption={t("register.processors")} />
      </section>
      <section aria-labelledby="transfers-title">
        <h2 id="transfers-title" className="mb-2 text-lg font-semibold">{t("register.transfers")}</h2>
        {transfers.length === 0 ? <p className="text-sm">{t("register.noTransfers")}</p> : <ProcessorsTable processors={transfers} caption={t("register.transfers")} />}
      </section>
    </>
  );
}
