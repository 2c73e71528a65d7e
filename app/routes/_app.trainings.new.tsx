import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { trainingSchema } from "~/domain/trainings/training.schema";
import { createTraining } from "~/domain/trainings/trainings.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formDataToObject, parseFormData } from "~/lib/forms";
import { PageHeader } from "~/ui/app-shell";
import { Button, TextField, useValidatedForm } from "~/ui/form";
import { SessionFields } from "~/ui/session-fields";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const parsed = parseFormData(formData, trainingSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: formDataToObject(formData) }, { status: 400 });
  const result = await createTraining(staff.actor, parsed.data);
  return redirectWithFlash(request, `/trainings/${result.id}`, { kind: "success", key: "training.done.created" });
}

export default function NewTrainingPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const { onSubmit, register, errorFor, form } = useValidatedForm(trainingSchema, {
    serverErrors: actionData?.errors,
    defaultValues: (actionData?.values ?? { capacity: "12", startTime: "09:00", endTime: "17:00" }) as never,
  });
  return (
    <>
      <PageHeader title={t("training.new")} />
      <Form method="post" onSubmit={onSubmit} noValidate className="flex max-w-3xl flex-col gap-6">
        <fieldset className="grid gap-4 md:grid-cols-2">
          <legend className="mb-2 text-lg font-semibold">{t("training.details")}</legend>
          <TextField label={t("training.titleLabel")} registration={register("title")} error={errorFor("title")} maxLength={200} />
          <TextField label={t("training.trainer")} registration={register("trainer")} error={errorFor("trainer")} maxLength={200} />
          <TextField label={t("training.capacity")} type="number" min={1} max={1000} registration={register("capacity")} error={errorFor("capacity")} />
          <TextField label={t("training.description")} registration={register("description")} error={errorFor("description")} maxLength={2000} />
        </fieldset>
        <fieldset className="grid gap-4 md:grid-cols-2">
          <legend className="mb-2 text-lg font-semibold">{t("training.firstSession")}</legend>
          <SessionFields register={register} errorFor={errorFor} onlineRegistration={form.register("online")} />
        </fieldset>
        <div><Button>{t("training.create")}</Button></div>
      </Form>
    </>
  );
}
