import { Form, Link, useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SOURCE_KINDS, STAGES } from "~/domain/contacts/contact-rules";
import { contactSchema, type ContactFormValues } from "~/domain/contacts/contact.schema";
import { LANGUAGES } from "~/domain/staff/roles";
import type { FieldErrors } from "~/lib/forms";
import { Button, FormError, SelectField, TextField, useValidatedForm } from "./form";

type Purpose = { id: number; name: string; legalBasis: string };
type Duplicate = { id: number; firstName: string; lastName: string; email: string | null; organisation: string | null; sameEmail: boolean };

/** Create and edit form of a contact: fields, source, and the purposes we hold the data for. */
export function ContactForm({
  defaultValues, purposes, owners, canChooseOwner, serverErrors, formError, duplicates, submitLabel,
}: {
  defaultValues: Partial<ContactFormValues>;
  purposes: Purpose[];
  owners: { id: number; name: string }[];
  canChooseOwner: boolean;
  serverErrors?: FieldErrors | null;
  formError?: string | null;
  duplicates?: Duplicate[] | null;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const { onSubmit, register, errorFor, form } = useValidatedForm(contactSchema, { serverErrors, defaultValues: defaultValues as never });
  const organisations = useFetcher<{ id: number; name: string }[]>();
  // Posted back after a refused save, one ticked purpose arrives as a string, several as an array.
  const chosen = new Set([defaultValues.purposeIds ?? []].flat().map(String));
  const onlyNameDuplicates = duplicates?.length && !duplicates.some((d) => d.sameEmail);
  return (
    <Form method="post" onSubmit={onSubmit} noValidate className="flex max-w-4xl flex-col gap-6">
      <FormError error={formError} />
      {duplicates?.length ? (
        <div role="alert" className="rounded border border-amber-400 bg-amber-50 p-4 text-sm">
          <p className="font-medium">{t(onlyNameDuplicates ? "contact.duplicateWarning" : "contact.emailTakenWarning")}</p>
          <ul className="mt-2 list-disc pl-5">
            {duplicates.map((d) => (
              <li key={d.id}>
                <Link to={`/contacts/${d.id}`} className="text-blue-700 underline" target="_blank" rel="noreferrer">
                  {d.firstName} {d.lastName}
                </Link>
                {d.email ? ` · ${d.email}` : ""}{d.organisation ? ` · ${d.organisation}` : ""}
              </li>
            ))}
          </ul>
          {onlyNameDuplicates ? (
            <label className="mt-3 flex items-center gap-2">
              <input type="checkbox" {...form.register("confirmDuplicate")} value="1" />
              {t("contact.saveAnyway")}
            </label>
          ) : null}
        </div>
      ) : null}

      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="mb-2 text-lg font-semibold">{t("contact.person")}</legend>
        <TextField label={t("contact.firstName")} autoComplete="off" registration={register("firstName")} error={errorFor("firstName")} />
        <TextField label={t("contact.lastName")} autoComplete="off" registration={register("lastName")} error={errorFor("lastName")} />
        <TextField label={t("contact.email")} type="email" autoComplete="off" registration={register("email")} error={errorFor("email")} />
        <TextField label={t("contact.jobTitle")} registration={register("jobTitle")} error={errorFor("jobTitle")} />
        <TextField label={t("contact.phone")} type="tel" registration={register("phone")} error={errorFor("phone")} />
        <TextField label={t("contact.mobile")} type="tel" registration={register("mobile")} error={errorFor("mobile")} />
        <TextField
          label={t("contact.organisation")} list="organisation-options" autoComplete="off" registration={register("organisationName")} error={errorFor("organisationName")}
          hint={t("contact.organisationHint")}
          onInput={(e) => {
            const q = e.currentTarget.value.trim();
            if (q.length >= 2) organisations.load(`/organisations/options?q=${encodeURIComponent(q)}`);
          }}
        />
        <datalist id="organisation-options">
          {(organisations.data ?? []).map((o) => <option key={o.id} value={o.name} />)}
        </datalist>
        <SelectField label={t("contact.language")} registration={register("language")} error={errorFor("language")} options={[{ value: "", label: "—" }, ...LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))]} />
        <TextField label={t("contact.street")} registration={register("street")} error={errorFor("street")} />
        <div className="grid grid-cols-3 gap-2">
          <TextField label={t("contact.postalCode")} registration={register("postalCode")} error={errorFor("postalCode")} />
          <div className="col-span-2"><TextField label={t("contact.city")} registration={register("city")} error={errorFor("city")} /></div>
        </div>
        <TextField label={t("contact.country")} registration={register("country")} error={errorFor("country")} />
      </fieldset>

      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="mb-2 text-lg font-semibold">{t("contact.relationship")}</legend>
        <SelectField label={t("contact.stage")} registration={register("stage")} error={errorFor("stage")} options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))} />
        {canChooseOwner ? (
          <SelectField label={t("contact.owner")} registration={register("ownerId")} error={errorFor("ownerId")} options={[{ value: "", label: t("contact.noOwner") }, ...owners.map((o) => ({ value: String(o.id), label: o.name }))]} />
        ) : (
          <input type="hidden" {...register("ownerId")} />
        )}
        <TextField label={t("contact.tags")} hint={t("contact.tagsHint")} registration={register("tags")} error={errorFor("tags")} />
      </fieldset>

      <fieldset className="grid gap-4 md:grid-cols-2">
        <legend className="mb-2 text-lg font-semibold">{t("contact.source")}</legend>
        <SelectField label={t("contact.sourceKind")} registration={register("sourceKind")} error={errorFor("sourceKind")} options={SOURCE_KINDS.map((s) => ({ value: s, label: t(`source.${s}`) }))} />
        <TextField label={t("contact.obtainedAt")} type="date" registration={register("obtainedAt")} error={errorFor("obtainedAt")} />
        <div className="md:col-span-2">
          <TextField label={t("contact.sourceDetail")} registration={register("sourceDetail")} error={errorFor("sourceDetail")} />
        </div>
      </fieldset>

      <fieldset aria-describedby="purposes-help purposes-error" className="flex flex-col gap-2">
        <legend className="mb-1 text-lg font-semibold">{t("contact.purposes")}</legend>
        <p id="purposes-help" className="text-sm text-slate-600">{t("contact.purposesHelp")}</p>
        {purposes.map((p) => (
          <label key={p.id} className="flex items-center gap-2">
            <input type="checkbox" value={String(p.id)} defaultChecked={chosen.has(String(p.id))} {...form.register("purposeIds")} />
            <span>{p.name}</span>
            <span className="text-sm text-slate-600">({t(`basis.${p.legalBasis}`)})</span>
          </label>
        ))}
        {errorFor("purposeIds") ? (
          <p id="purposes-error" role="alert" className="text-sm text-red-700">{t(errorFor("purposeIds")!)}</p>
        ) : null}
        <TextField label={t("contact.evidence")} hint={t("contact.evidenceHint")} registration={register("evidence")} error={errorFor("evidence")} />
      </fieldset>

      <div><Button>{submitLabel}</Button></div>
    </Form>
  );
}
