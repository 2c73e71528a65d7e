import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { organisationSchema, type organisationFormValues } from "~/domain/organisations/organisation.schema";
import type { FieldErrors } from "~/lib/forms";
import { Button, FormError, TextField, useValidatedForm } from "./form";

export type OrganisationFormValues = ReturnType<typeof organisationFormValues>;

/** The create and edit form of an organisation; both post the same fields, checked by the same schema. */
export function OrganisationForm({ defaultValues, serverErrors, submitLabel }: {
  defaultValues?: Partial<OrganisationFormValues>;
  serverErrors?: FieldErrors | null;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const { onSubmit, register, errorFor } = useValidatedForm(organisationSchema, { defaultValues, serverErrors });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate className="flex max-w-2xl flex-col gap-4">
      <FormError error={serverErrors?._form} />
      <TextField label={t("organisation.name")} autoComplete="organization" registration={register("name")} error={errorFor("name")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("organisation.vatNumber")} hint={t("organisation.vatHint")} registration={register("vatNumber")} error={errorFor("vatNumber")} />
        <TextField label={t("organisation.phone")} type="tel" autoComplete="tel" registration={register("phone")} error={errorFor("phone")} />
      </div>
      <TextField label={t("organisation.street")} autoComplete="street-address" registration={register("street")} error={errorFor("street")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label={t("organisation.postalCode")} autoComplete="postal-code" registration={register("postalCode")} error={errorFor("postalCode")} />
        <TextField label={t("organisation.city")} autoComplete="address-level2" registration={register("city")} error={errorFor("city")} />
        <TextField label={t("organisation.country")} autoComplete="country-name" registration={register("country")} error={errorFor("country")} />
      </div>
      <TextField label={t("organisation.website")} type="url" hint={t("organisation.websiteHint")} registration={register("website")} error={errorFor("website")} />
      <TextField label={t("organisation.tags")} hint={t("organisation.tagsHint")} registration={register("tags")} error={errorFor("tags")} />
      <div>
        <Button>{submitLabel}</Button>
      </div>
    </Form>
  );
}
