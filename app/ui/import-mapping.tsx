import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MAPPING_TARGETS, mappingFormSchema } from "~/domain/imports/import.schema";
import type { FieldErrors } from "~/lib/forms";
import { Button, FormError, useValidatedForm } from "./form";

type Column = { header: string; sample: string; target: string };

/** One select per column of the file, pre-filled from the organiser's last file and the synonyms; "Preview" saves it. */
export function MappingForm({ columns, optInWording, organiser, serverErrors, busy }: {
  columns: Column[]; optInWording: string | null; organiser: string | null; serverErrors?: FieldErrors | null; busy: boolean;
}) {
  const { t } = useTranslation();
  const defaultValues: Record<string, unknown> = { mapping: columns.map((c) => c.target), optInWording: optInWording ?? "" };
  columns.forEach((c, i) => (defaultValues[`mapping.${i}`] = c.target));
  const { form, onSubmit, register, errorFor } = useValidatedForm(mappingFormSchema, { defaultValues, serverErrors });
  const mapped = (form.watch("mapping") as string[] | undefined) ?? columns.map((c) => c.target);
  const mappingError = errorFor("mapping") ?? Object.entries(form.formState.errors.mapping ?? {}).map(([, e]) => (e as { message?: string })?.message).find(Boolean);
  const wordingError = errorFor("optInWording");
  return (
    <Form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-labelledby="mapping-title">
      <input type="hidden" name="intent" value="preview" />
      <h2 id="mapping-title" className="text-lg font-semibold">{t("import.mapping.title")}</h2>
      <p className="text-sm text-slate-700">{organiser ? t("import.mapping.hint", { organiser }) : t("import.mapping.hintNoOrganiser")}</p>
      <FormError error={mappingError} />
      <div className="overflow-x-auto">
        <table className="min-w-full border-collapse text-sm">
          <caption className="sr-only">{t("import.mapping.title")}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="p-2">{t("import.mapping.column")}</th>
              <th scope="col" className="p-2">{t("import.mapping.sample")}</th>
              <th scope="col" className="p-2">{t("import.mapping.field")}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((column, index) => (
              <tr key={index} className="border-b border-slate-200">
                <th scope="row" className="p-2 text-left font-medium">
                  <label htmlFor={`mapping-${index}`}>{column.header || t("import.mapping.unnamed", { n: index + 1 })}</label>
                </th>
                <td className="max-w-xs truncate p-2 text-slate-600">{column.sample || "—"}</td>
                <td className="p-2">
                  <select id={`mapping-${index}`} className="rounded border border-slate-400 px-2 py-1" {...register(`mapping.${index}`)}>
                    {MAPPING_TARGETS.map((target) => (
                      <option key={target} value={target}>{t(`import.field.${target}`)}</option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mapped.includes("optIn") ? (
        <div className="flex max-w-2xl flex-col gap-1">
          <label htmlFor="opt-in-wording" className="text-sm font-medium text-slate-800">{t("import.optInWording")}</label>
          <textarea
            id="opt-in-wording" rows={3} aria-invalid={Boolean(wordingError)} aria-describedby="opt-in-wording-message"
            className="rounded border border-slate-400 px-3 py-2 aria-[invalid=true]:border-red-600" {...register("optInWording")}
          />
          <p id="opt-in-wording-message" className={`text-sm ${wordingError ? "text-red-700" : "text-slate-600"}`} role={wordingError ? "alert" : undefined}>
            {wordingError ? t(wordingError) : t("import.optInWordingHint")}
          </p>
        </div>
      ) : null}
      <div>
        <Button disabled={busy}>{busy ? t("import.previewing") : t("import.preview.button")}</Button>
      </div>
    </Form>
  );
}
