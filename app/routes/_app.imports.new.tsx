import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteError, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createBatch } from "~/domain/imports/import-batches.server";
import { newImportSchema } from "~/domain/imports/import.schema";
import { discardUpload, receiveLeadFile } from "~/domain/imports/lead-file.server";
import { tradeFairOptions } from "~/domain/imports/trade-fairs.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formDataToObject, parseFormData } from "~/lib/forms";
import { ErrorPage } from "~/root";
import { PageHeader } from "~/ui/app-shell";
import { Button, Field, FormError, SelectField, TextField, useValidatedForm } from "~/ui/form";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { fairs: await tradeFairOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  // The file streams to disk as it arrives (up to 512 MB); nothing of it is held in memory.
  const received = await receiveLeadFile(request);
  if (!received.ok) return data({ errors: { file: `import.reason.${received.reason}` }, values: {} }, { status: 400 });
  const values = formDataToObject(received.formData);
  const parsed = parseFormData(received.formData, newImportSchema);
  if (!parsed.ok) {
    await discardUpload(received.file);
    return data({ errors: parsed.errors, values }, { status: 400 });
  }
  const result = await createBatch(staff.actor, parsed.data, received.file);
  if (!result.ok) {
    const field = result.reason === "TRADE_FAIR_NAME_TAKEN" ? "fairName" : result.reason === "TRADE_FAIR_UNKNOWN" ? "tradeFairId" : "file";
    return data({ errors: { [field]: `import.reason.${result.reason}` }, values }, { status: 400 });
  }
  return redirectWithFlash(request, `/imports/${result.id}`, { kind: "success", key: "import.flash.uploaded" });
}

export default function NewImportPage() {
  const { t } = useTranslation();
  const { fairs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const defaults = { tradeFairId: params.get("tradeFairId") ?? "", ...(actionData?.values as Record<string, string> | undefined) };
  const { form, onSubmit, register, errorFor } = useValidatedForm(newImportSchema, { defaultValues: defaults, serverErrors: actionData?.errors });
  const chosenFair = form.watch("tradeFairId") as string | undefined;
  const fileError = errorFor("file");
  return (
    <>
      <PageHeader title={t("import.new.title")} />
      <Form method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate className="flex max-w-2xl flex-col gap-4">
        <FormError error={actionData?.errors && "_form" in actionData.errors ? actionData.errors._form : null} />
        <SelectField
          label={t("import.fair")}
          options={[{ value: "", label: t("import.fair.new") }, ...fairs.map((f) => ({ value: String(f.id), label: `${f.name} (${f.organiser})` }))]}
          registration={register("tradeFairId")}
          error={errorFor("tradeFairId")}
        />
        {!chosenFair ? (
          <fieldset className="flex flex-col gap-4 rounded border border-slate-300 bg-white p-4">
            <legend className="px-1 text-sm font-semibold">{t("import.fair.newLegend")}</legend>
            <TextField label={t("import.fair.name")} registration={register("fairName")} error={errorFor("fairName")} />
            <TextField label={t("import.fair.organiser")} registration={register("fairOrganiser")} error={errorFor("fairOrganiser")} />
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField label={t("import.fair.startsOn")} type="date" registration={register("fairStartsOn")} error={errorFor("fairStartsOn")} />
              <TextField label={t("import.fair.endsOn")} type="date" registration={register("fairEndsOn")} error={errorFor("fairEndsOn")} />
            </div>
            <TextField label={t("import.fair.place")} registration={register("fairPlace")} error={errorFor("fairPlace")} />
          </fieldset>
        ) : null}
        <TextField label={t("import.organiser")} hint={t("import.organiserHint")} registration={register("organiser")} error={errorFor("organiser")} />
        <TextField label={t("import.obtainedOn")} hint={t("import.obtainedOnHint")} type="date" registration={register("obtainedOn")} error={errorFor("obtainedOn")} />
        <Field label={t("import.file")} error={fileError} hint={t("import.fileHint")}>
          {({ id, describedBy, invalid }) => (
            <input id={id} name="file" type="file" accept=".csv,.txt,text/csv" required aria-describedby={describedBy} aria-invalid={invalid} className="text-sm" />
          )}
        </Field>
        <div>
          <Button disabled={navigation.state === "submitting"}>{navigation.state === "submitting" ? t("import.uploading") : t("import.upload")}</Button>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
