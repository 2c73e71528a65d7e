import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { batchPage } from "~/domain/imports/batch-page.server";
import { requestCancel, saveMapping, startImport, undoBatch } from "~/domain/imports/import-batches.server";
import { resolveConflict } from "~/domain/imports/import-conflicts.server";
import { mappingFormSchema, reportQuerySchema, resolveConflictSchema, resolveFormValues } from "~/domain/imports/import.schema";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formDataToObject, parseFormData } from "~/lib/forms";
import { idParam, invariantResponse } from "~/lib/http.server";
import { ErrorPage } from "~/root";
import { PageHeader } from "~/ui/app-shell";
import { Button, FormError } from "~/ui/form";
import { formatDate, formatDateTime } from "~/ui/format";
import { MappingForm } from "~/ui/import-mapping";
import { OutcomeCounts, PreviewTable } from "~/ui/import-preview";
import { ImportProgress } from "~/ui/import-progress";
import { Conflicts, KeptForReview, RowsByOutcome, UndoImport } from "~/ui/import-report";
import { ImportStatus, useReasonText } from "~/ui/import-status";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const query = reportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(query.success, "Bad query", 400);
  const page = await batchPage(staff.actor, idParam(params.batchId), query.data);
  invariantResponse(page, "Not found", 404);
  return page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.batchId);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = `/imports/${id}`;
  const refused = (reason: string) => redirectWithFlash(request, back, { kind: "error", key: `import.reason.${reason}` });
  if (intent === "preview") {
    const parsed = parseFormData(formData, mappingFormSchema);
    if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
    const result = await saveMapping(staff.actor, id, parsed.data);
    invariantResponse(result, "Not found", 404);
    if (!result.ok) return data({ errors: { mapping: `import.reason.${result.reason}` } }, { status: 400 });
    return redirectWithFlash(request, back, { kind: "success", key: "import.flash.previewed" });
  }
  if (intent === "resolve") {
    const parsed = resolveConflictSchema.safeParse(resolveFormValues(formDataToObject(formData)));
    invariantResponse(parsed.success, "Bad choice", 400);
    const result = await resolveConflict(staff.actor, id, parsed.data);
    invariantResponse(result.ok || result.reason !== "NOT_FOUND", "Not found", 404);
    return result.ok ? redirectWithFlash(request, request.url, { kind: "success", key: "import.flash.resolved" }) : refused(result.reason);
  }
  const run = intent === "start" ? startImport : intent === "cancel" ? requestCancel : intent === "undo" ? undoBatch : null;
  invariantResponse(run, "Unknown intent", 400);
  const result = await run(staff.actor, id);
  invariantResponse(result, "Not found", 404);
  if (!result.ok) return refused(result.reason);
  return redirectWithFlash(request, back, { kind: "success", key: `import.flash.${intent}` });
}

export default function ImportBatchPage() {
  const { t, i18n } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const reasonText = useReasonText();
  const { batch, canManage } = page;
  const lang = i18n.language;
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST";
  return (
    <>
      <PageHeader title={t("import.batch.title", { file: batch.fileName })} actions={<ImportStatus status={batch.status} />} />
      <p className="-mt-4 mb-6 text-sm text-slate-700">
        {batch.tradeFair ? <Link to={`/trade-fairs/${batch.tradeFair.id}`} className="text-blue-700 underline">{batch.tradeFair.name}</Link> : null}
        {" · "}{t("import.batch.meta", { staff: batch.staffName, date: formatDateTime(batch.createdAt, lang), obtained: formatDate(batch.obtainedOn, lang) })}
      </p>

      {page.view === "preview" ? (
        "fileReason" in page.preview ? (
          <FormError error={`import.reason.${page.preview.fileReason}`} />
        ) : (
          <div className="flex flex-col gap-8">
            <MappingForm columns={page.preview.columns} optInWording={batch.optInWording} organiser={batch.organiser} serverErrors={actionData?.errors} busy={busy} />
            {page.preview.rows ? <PreviewTable rows={page.preview.rows} fields={page.preview.fields} /> : <FormError error={`import.reason.${page.preview.mappingReason}`} />}
            {page.predicted ? (
              <section aria-labelledby="predicted-title" className="flex flex-col gap-3">
                <h2 id="predicted-title" className="text-lg font-semibold">{t("import.predicted.title")}</h2>
                <p className="text-sm text-slate-700">{t("import.predicted.hint")}</p>
                <OutcomeCounts counts={batch} total={batch.rowsTotal} labelledBy="predicted-title" />
                {canManage ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="start" />
                    <Button disabled={busy}>{t("import.start")}</Button>
                  </Form>
                ) : null}
              </section>
            ) : (
              <p className="text-sm text-slate-700">{t("import.predicted.pending")}</p>
            )}
          </div>
        )
      ) : page.view === "progress" ? (
        <ImportProgress batch={batch} progress={page.progress} canCancel={canManage} />
      ) : page.view === "expired" ? (
        <p role="status" className="max-w-2xl rounded border border-slate-300 bg-slate-50 p-3 text-sm">
          {t("import.expired", { hours: page.expiryHours, date: formatDateTime(batch.finishedAt, lang) })}
        </p>
      ) : (
        <div className="flex flex-col gap-8">
          <section aria-labelledby="result-title" className="flex flex-col gap-3">
            <h2 id="result-title" className="text-lg font-semibold">{t("import.report.title")}</h2>
            {batch.status === "failed" || batch.status === "cancelled" ? (
              <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
                {reasonText({ code: batch.error === "CANCELLED" || batch.error === "INTERRUPTED" ? batch.error : batch.status === "cancelled" ? "CANCELLED" : "FAILED" })}
              </p>
            ) : batch.status === "undone" ? (
              <p role="status" className="rounded border border-slate-300 bg-slate-50 p-3 text-sm">{t("import.undone")}</p>
            ) : (
              <OutcomeCounts counts={page.counts} total={batch.rowsTotal} labelledBy="result-title" />
            )}
            {batch.status === "done" && batch.rejected > 0 ? (
              <p><a href={`/imports/${batch.id}/rejects.csv`} download className="text-blue-700 underline">{t("import.downloadRejects")}</a></p>
            ) : null}
          </section>
          {page.rows ? <RowsByOutcome counts={page.counts} outcome={page.outcome} rows={page.rows.rows} nextAfter={page.rows.nextAfter} /> : null}
          {page.conflicts ? <Conflicts rows={page.conflicts.rows} total={page.conflicts.total} nextAfter={page.conflicts.nextAfter} /> : null}
          {page.kept ? <KeptForReview rows={page.kept} /> : null}
          {batch.status === "done" && canManage ? <UndoImport /> : null}
        </div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
