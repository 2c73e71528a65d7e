import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { manualSuppressionSchema } from "~/domain/privacy/suppression-list.schema";
import { addManualSuppression, listSuppression } from "~/domain/privacy/suppression-list.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { EmptyState } from "~/ui/empty-state";
import { Button, TextField, useValidatedForm } from "~/ui/form";
import { formatDateTime } from "~/ui/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "manager" });
  const before = new URL(request.url).searchParams.get("before");
  invariantResponse(before === null || /^\d{1,15}$/.test(before), "Bad cursor", 400);
  return listSuppression(before ? Number(before) : null);
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { role: "manager" });
  const parsed = parseFormData(await request.formData(), manualSuppressionSchema);
  // The address is not echoed back, not even after a typing mistake.
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const result = await addManualSuppression(staff.actor, parsed.data.email);
  return redirectWithFlash(request, "/privacy/suppression", { kind: "success", key: result.added ? "suppression.added" : "suppression.alreadyListed" });
}

export default function SuppressionPage() {
  const { t, i18n } = useTranslation();
  const { entries, nextCursor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { onSubmit, register, errorFor } = useValidatedForm(manualSuppressionSchema, { serverErrors: actionData?.errors });
  return (
    <>
      <PageHeader title={t("suppression.title")} />
      <p className="mb-4 max-w-3xl text-sm text-slate-700">{t("suppression.intro")}</p>
      <section aria-labelledby="add-title" className="mb-8 max-w-md">
        <h2 id="add-title" className="mb-2 text-lg font-semibold">{t("suppression.addTitle")}</h2>
        <Form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-3" autoComplete="off">
          <TextField label={t("suppression.email")} type="email" registration={register("email")} error={errorFor("email")} hint={t("suppression.emailHint")} />
          <div><Button>{t("suppression.add")}</Button></div>
        </Form>
      </section>
      {entries.length === 0 ? (
        <EmptyState title={t("suppression.empty")} />
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full border-collapse text-sm">
            <caption className="mb-2 text-left text-lg font-semibold">{t("suppression.listTitle")}</caption>
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="p-2">{t("suppression.hash")}</th>
                <th scope="col" className="p-2">{t("suppression.reason")}</th>
                <th scope="col" className="p-2">{t("suppression.date")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className="border-b border-slate-200">
                  <td className="p-2 font-mono text-xs" title={e.hash}>{e.hash.slice(0, 16)}…</td>
                  <td className="p-2">{t(`suppression.reason.${e.reason}`)}</td>
                  <td className="p-2">{formatDateTime(e.createdAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("common.pagination")} className="mt-4 flex gap-4 text-sm">
        {params.get("before") ? <Link to="/privacy/suppression" className="text-blue-700 underline">{t("common.firstPage")}</Link> : null}
        {nextCursor ? <Link to={`?before=${nextCursor}`} className="text-blue-700 underline">{t("common.nextPage")}</Link> : null}
      </nav>
    </>
  );
}
