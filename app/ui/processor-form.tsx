import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { processorSchema, SAFEGUARDS, type ProcessorFormValues } from "~/domain/processors/processor.schema";
import type { FieldErrors } from "~/lib/forms";
import { Button, SelectField, TextField, useValidatedForm } from "~/ui/form";

/** Create and edit form of a processor (Art. 28) and its transfer outside the EEA. */
export function ProcessorForm({ defaultValues, serverErrors, submitLabel }: { defaultValues: Partial<ProcessorFormValues>; serverErrors?: FieldErrors | null; submitLabel: string }) {
  const { t } = useTranslation();
  const { form, onSubmit, register, errorFor } = useValidatedForm(processorSchema, { defaultValues, serverErrors });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4">
      <TextField label={t("processor.name")} registration={register("name")} error={errorFor("name")} />
      <TextField label={t("processor.service")} hint={t("processor.serviceHint")} registration={register("service")} error={errorFor("service")} />
      <TextField label={t("processor.dataCategories")} hint={t("purposeAdmin.commaHint")} registration={register("dataCategories")} error={errorFor("dataCategories")} />
      <TextField label={t("processor.dpaSignedOn")} type="date" hint={t("processor.dpaHint")} registration={register("dpaSignedOn")} error={errorFor("dpaSignedOn")} />
      <TextField label={t("processor.location")} registration={register("location")} error={errorFor("location")} />
      <div className="flex items-center gap-2">
        <input id="outsideEea" type="checkbox" className="h-4 w-4" defaultChecked={Boolean(defaultValues.outsideEea)} {...form.register("outsideEea")} />
        <label htmlFor="outsideEea" className="text-sm font-medium">{t("processor.outsideEea")}</label>
      </div>
      <SelectField
        label={t("processor.safeguard")}
        options={[{ value: "", label: t("processor.safeguardNotApplicable") }, ...SAFEGUARDS.map((s) => ({ value: s, label: t(`processor.safeguard.${s}`) }))]}
        registration={register("safeguard")}
        error={errorFor("safeguard")}
      />
      <div><Button>{submitLabel}</Button></div>
    </Form>
  );
}
