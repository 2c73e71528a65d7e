import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { tradeFairSchema } from "~/domain/imports/import.schema";
import { createTradeFair, listTradeFairs } from "~/domain/imports/trade-fairs.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formDataToObject, parseFormData } from "~/lib/forms";
import { ErrorPage } from "~/root";
import { PageHeader } from "~/ui/app-shell";
import { EmptyState } from "~/ui/empty-state";
import { Button, TextField, useValidatedForm } from "~/ui/form";
import { formatDate } from "~/ui/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { fairs: await listTradeFairs() };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const parsed = parseFormData(formData, tradeFairSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await createTradeFair(staff.actor, parsed.data);
  if (!result.ok) return data({ errors: { name: `import.reason.${result.reason}` }, values: formDataToObject(formData) }, { status: 400 });
  return redirectWithFlash(request, `/trade-fairs/${result.id}`, { kind: "success", key: "tradeFair.created" });
}

const link = "text-blue-700 underline";

export default function TradeFairsPage() {
  const { t, i18n } = useTranslation();
  const { fairs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { onSubmit, register, errorFor } = useValidatedForm(tradeFairSchema, {
    defaultValues: (actionData?.values as Record<string, string> | undefined) ?? undefined,
    serverErrors: actionData?.errors,
  });
  const lang = i18n.language;
  return (
    <>
      <PageHeader title={t("tradeFair.title")} actions={<Link to="/imports" className="rounded border border-slate-400 bg-white px-4 py-2 text-sm font-medium">{t("import.title")}</Link>} />
      {fairs.length === 0 ? (
        <EmptyState title={t("tradeFair.empty")} />
      ) : (
        <div className="mb-8 overflow-x-auto">
          <table className="min-w-full border-collapse text-sm">
            <caption className="sr-only">{t("tradeFair.title")}</caption>
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="p-2">{t("tradeFair.name")}</th>
                <th scope="col" className="p-2">{t("tradeFair.organiser")}</th>
                <th scope="col" className="p-2">{t("tradeFair.dates")}</th>
                <th scope="col" className="p-2">{t("tradeFair.place")}</th>
                <th scope="col" className="p-2 text-right">{t("tradeFair.batchCount")}</th>
              </tr>
            </thead>
            <tbody>
              {fairs.map((f) => (
                <tr key={f.id} className="border-b border-slate-200">
                  <td className="p-2"><Link to={`/trade-fairs/${f.id}`} className={link}>{f.name}</Link></td>
                  <td className="p-2">{f.organiser}</td>
                  <td className="whitespace-nowrap p-2">{f.startsOn ? `${formatDate(f.startsOn, lang)}${f.endsOn ? ` – ${formatDate(f.endsOn, lang)}` : ""}` : "—"}</td>
                  <td className="p-2">{f.place ?? "—"}</td>
                  <td className="p-2 text-right tabular-nums">{f.batchCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="new-fair-title" className="max-w-2xl">
        <h2 id="new-fair-title" className="mb-3 text-lg font-semibold">{t("tradeFair.new")}</h2>
        <Form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <TextField label={t("tradeFair.name")} registration={register("name")} error={errorFor("name")} />
          <TextField label={t("tradeFair.organiser")} registration={register("organiser")} error={errorFor("organiser")} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label={t("tradeFair.startsOn")} type="date" registration={register("startsOn")} error={errorFor("startsOn")} />
            <TextField label={t("tradeFair.endsOn")} type="date" registration={register("endsOn")} error={errorFor("endsOn")} />
          </div>
          <TextField label={t("tradeFair.place")} registration={register("place")} error={errorFor("place")} />
          <div><Button>{t("tradeFair.create")}</Button></div>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
