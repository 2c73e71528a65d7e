import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { purposeSchema } from "~/domain/purposes/purpose.schema";
import { getPurposeForAdmin, updatePurpose } from "~/domain/purposes/purpose-admin.server";
import { latestRecompute, resumeRecompute } from "~/domain/purposes/recompute-job.server";
import { purposeName } from "~/domain/purposes/purposes.server";
import { LEGAL_BASES, RETENTION_ANCHORS, type LegalBasis, type RetentionAnchor } from "~/domain/purposes/retention";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { idParam, invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { Button, FormError, SelectField, TextField, useValidatedForm } from "~/ui/form";
import { RecomputeProgress } from "~/ui/retention-recompute";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "admin" });
  const id = idParam(params.purposeId);
  const purpose = await getPurposeForAdmin(staff.actor, id);
  invariantResponse(purpose, "Not found", 404);
  return { purpose, title: purposeName(purpose, staff.language), recompute: await latestRecompute(staff.actor, id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { role: "admin" });
  const id = idParam(params.purposeId);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "resume") {
    const resumed = await resumeRecompute(staff.actor, id);
    return redirectWithFlash(request, `/admin/purposes/${id}`, resumed.ok
      ? { kind: "success", key: "purposeAdmin.recompute.resumed" }
      : { kind: "error", key: "purposeAdmin.recompute.nothingToResume" });
  }
  invariantResponse(intent === "save", "Unknown intent", 400);
  const parsed = parseFormData(formData, purposeSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null }, { status: 400 });
  const result = await updatePurpose(staff.actor, id, parsed.data);
  if (!result.ok) {
    invariantResponse(result.reason !== "NOT_FOUND", "Not found", 404);
    return data({ errors: null, formError: "purposeAdmin.recompute.busy" }, { status: 409 });
  }
  // A changed rule: back to this page, where the recompute's progress shows.
  return result.recomputeJobId === null
    ? redirectWithFlash(request, "/admin/purposes", { kind: "success", key: "purposeAdmin.saved" })
    : redirectWithFlash(request, `/admin/purposes/${id}`, { kind: "success", key: "purposeAdmin.savedRecomputing" });
}

export default function EditPurposePage() {
  const { t } = useTranslation();
  const { purpose, title, recompute } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { form, onSubmit, register, errorFor } = useValidatedForm(purposeSchema, {
    serverErrors: actionData?.errors,
    defaultValues: {
      nameEn: purpose.nameEn, nameNl: purpose.nameNl, nameFr: purpose.nameFr, legalBasis: purpose.legalBasis as LegalBasis, laterBasis: (purpose.laterBasis ?? "") as LegalBasis,
      retentionAnchor: purpose.retentionAnchor as RetentionAnchor, retentionYears: String(purpose.retentionYears), retentionMonths: String(purpose.retentionMonths),
      categories: purpose.categories.join(", "), recipients: purpose.recipients.join(", "), marketing: purpose.marketing,
    },
  });
  const bases = LEGAL_BASES.map((b) => ({ value: b, label: t(`basis.${b}`) }));
  return (
    <>
      <PageHeader title={title} />
      {recompute ? <RecomputeProgress job={recompute} canResume /> : null}
      <Form method="post" onSubmit={onSubmit} noValidate className="flex max-w-2xl flex-col gap-4">
        <input type="hidden" name="intent" value="save" />
        <FormError error={actionData?.formError} />
        <fieldset className="grid gap-4 md:grid-cols-3">
          <legend className="mb-2 font-semibold">{t("purposeAdmin.names")}</legend>
          <TextField label={t("language.en")} lang="en" registration={register("nameEn")} error={errorFor("nameEn")} />
          <TextField label={t("language.nl")} lang="nl" registration={register("nameNl")} error={errorFor("nameNl")} />
          <TextField label={t("language.fr")} lang="fr" registration={register("nameFr")} error={errorFor("nameFr")} />
        </fieldset>
        <div className="grid gap-4 md:grid-cols-2">
          <SelectField label={t("purposeAdmin.legalBasis")} options={bases} registration={register("legalBasis")} error={errorFor("legalBasis")} />
          <SelectField label={t("purposeAdmin.laterBasis")} options={[{ value: "", label: t("purposeAdmin.noLaterBasis") }, ...bases]} registration={register("laterBasis")} error={errorFor("laterBasis")} />
        </div>
        <fieldset className="grid gap-4 md:grid-cols-3">
          <legend className="mb-2 font-semibold">{t("purposeAdmin.retentionRule")}</legend>
          <SelectField label={t("purposeAdmin.anchor")} options={RETENTION_ANCHORS.map((a) => ({ value: a, label: t(`retention.anchor.${a}`) }))} registration={register("retentionAnchor")} error={errorFor("retentionAnchor")} />
          <TextField label={t("purposeAdmin.years")} type="number" min={0} max={100} inputMode="numeric" registration={register("retentionYears")} error={errorFor("retentionYears")} />
          <TextField label={t("purposeAdmin.months")} type="number" min={0} max={120} inputMode="numeric" registration={register("retentionMonths")} error={errorFor("retentionMonths")} />
          <p className="text-sm text-slate-600 md:col-span-3">{t("purposeAdmin.ruleHint")}</p>
        </fieldset>
        <TextField label={t("purposeAdmin.categories")} hint={t("purposeAdmin.commaHint")} registration={register("categories")} error={errorFor("categories")} />
        <TextField label={t("purposeAdmin.recipients")} hint={t("purposeAdmin.commaHint")} registration={register("recipients")} error={errorFor("recipients")} />
        <div className="flex items-center gap-2">
          <input id="marketing" type="checkbox" className="h-4 w-4" defaultChecked={purpose.marketing} {...form.register("marketing")} />
          <label htmlFor="marketing" className="text-sm font-medium">{t("purposeAdmin.marketing")}</label>
        </div>
        <div><Button>{t("common.save")}</Button></div>
      </Form>
    </>
  );
}
