import { Form } from "@remix-run/react";
import { useRef } from "react";
import { get, useFieldArray } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { quoteFormLineSchema, quoteFormSchema, type QuoteFormLine } from "~/domain/quotes/quote.schema";
import { VAT_RATES } from "~/domain/quotes/quote-line.schema";
import { computeTotals, formatCents } from "~/domain/quotes/totals";
import type { Language } from "~/domain/staff/roles";
import type { FieldErrors } from "~/lib/forms";
import { Button, FormError, TextField, useValidatedForm } from "./form";

export type QuoteFormValues = { contactId: string; organisationId: string; validUntil: string; notes: string; lines: QuoteFormLine[] };

export const BLANK_LINE: QuoteFormLine = { description: "", quantity: "1", unitPrice: "", vatRate: "21", discountPercent: "" };

/** Posted flat values ("lines.0.description") back into the editor's shape, so nothing typed is lost. */
export function valuesToForm(values: Record<string, unknown>, fallback: QuoteFormValues): QuoteFormValues {
  const lines: QuoteFormValues["lines"] = [];
  for (const [key, value] of Object.entries(values)) {
    const m = /^lines\.(\d{1,3})\.(\w+)$/.exec(key);
    if (!m) continue;
    lines[Number(m[1])] = { ...(lines[Number(m[1])] ?? BLANK_LINE), [m[2]]: String(value) };
  }
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  return { contactId: str("contactId"), organisationId: str("organisationId"), validUntil: str("validUntil") || fallback.validUntil, notes: str("notes"), lines: lines.filter(Boolean).length ? lines.filter(Boolean) : fallback.lines };
}

const cell = "w-full rounded border border-slate-400 px-2 py-1 text-sm focus:outline-none focus:ring-2 focus:ring-blue-600 aria-[invalid=true]:border-red-600";

/**
 * The quote form with its line editor: add and remove lines, amounts typed in euros (comma or dot),
 * totals per VAT rate recomputed as you type with the same function the server uses.
 */
export function QuoteEditor({
  defaultValues, customer, serverErrors, formError, submitLabel, language,
}: {
  defaultValues: QuoteFormValues;
  customer: string;
  serverErrors?: FieldErrors | null;
  formError?: string | null;
  submitLabel: string;
  language: Language;
}) {
  const { t } = useTranslation();
  const { form, onSubmit, register, errorFor } = useValidatedForm(quoteFormSchema, { defaultValues: defaultValues as never, serverErrors });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "lines" as never });
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const lineError = (name: string): string | undefined => {
    const client = (get(form.formState.errors, name) as { message?: unknown } | undefined)?.message;
    return typeof client === "string" ? client : serverErrors?.[name];
  };
  const watched = (form.watch("lines" as never) ?? defaultValues.lines) as QuoteFormLine[];
  const valid = watched.flatMap((l) => {
    const parsed = quoteFormLineSchema.safeParse(l);
    return parsed.success ? [parsed.data] : [];
  });
  const totals = computeTotals(valid);
  const money = (cents: number) => formatCents(cents, language);

  const addLine = () => {
    append(BLANK_LINE as never);
    // Focus the new line's description so typing continues from the keyboard.
    requestAnimationFrame(() => tableRef.current?.querySelector<HTMLInputElement>("tr:last-child input")?.focus());
  };

  return (
    <Form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      <FormError error={formError} />
      <input type="hidden" {...form.register("contactId" as never)} defaultValue={defaultValues.contactId} />
      <input type="hidden" {...form.register("organisationId" as never)} defaultValue={defaultValues.organisationId} />
      <p className="text-sm"><span className="font-medium">{t("quote.customer")}:</span> {customer}</p>
      {errorFor("contactId") ? <p role="alert" className="text-sm text-red-700">{t(errorFor("contactId")!)}</p> : null}
      <div className="grid max-w-xl gap-4 md:grid-cols-2">
        <TextField label={t("quote.validUntil")} type="date" registration={register("validUntil")} error={errorFor("validUntil")} />
      </div>

      <fieldset>
        <legend className="mb-2 text-lg font-semibold">{t("quote.lines")}</legend>
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="p-1">#</th>
                <th scope="col" className="p-1 w-2/5">{t("quote.description")}</th>
                <th scope="col" className="p-1">{t("quote.quantity")}</th>
                <th scope="col" className="p-1">{t("quote.unitPrice")}</th>
                <th scope="col" className="p-1">{t("quote.vatRate")}</th>
                <th scope="col" className="p-1">{t("quote.discount")}</th>
                <th scope="col" className="p-1 text-right">{t("quote.lineNet")}</th>
                <th scope="col" className="p-1"><span className="sr-only">{t("quote.removeLine")}</span></th>
              </tr>
            </thead>
            <tbody ref={tableRef}>
              {fields.map((field, i) => {
                const name = (f: string) => `lines.${i}.${f}`;
                const line = field as unknown as Record<string, string>;
                const input = (f: keyof QuoteFormLine, label: string, extra: Record<string, unknown> = {}) => {
                  const error = lineError(name(f));
                  return (
                    <>
                      <input
                        {...form.register(name(f) as never)}
                        defaultValue={line[f]}
                        aria-label={`${label} (${t("quote.lineNumber", { n: i + 1 })})`}
                        aria-invalid={Boolean(error)}
                        aria-describedby={error ? `${name(f)}-error` : undefined}
                        className={cell}
                        {...extra}
                      />
                      {error ? <p id={`${name(f)}-error`} role="alert" className="text-xs text-red-700">{t(error)}</p> : null}
                    </>
                  );
                };
                const parsed = quoteFormLineSchema.safeParse(watched[i] ?? {});
                return (
                  <tr key={field.id} className="border-b border-slate-200 align-top">
                    <td className="p-1 pt-2">{i + 1}</td>
                    <td className="p-1">{input("description", t("quote.description"), { maxLength: 500 })}</td>
                    <td className="p-1 w-24">{input("quantity", t("quote.quantity"), { inputMode: "decimal" })}</td>
                    <td className="p-1 w-32">{input("unitPrice", t("quote.unitPrice"), { inputMode: "decimal", placeholder: "0,00" })}</td>
                    <td className="p-1 w-24">
                      <select {...form.register(name("vatRate") as never)} defaultValue={line.vatRate} aria-label={`${t("quote.vatRate")} (${t("quote.lineNumber", { n: i + 1 })})`} className={cell}>
                        {VAT_RATES.map((r) => <option key={r} value={r}>{r} %</option>)}
                      </select>
                    </td>
                    <td className="p-1 w-24">{input("discountPercent", t("quote.discount"), { inputMode: "decimal", placeholder: "0" })}</td>
                    <td className="p-1 pt-2 text-right tabular-nums">{parsed.success ? money(computeTotals([parsed.data]).netCents) : "—"}</td>
                    <td className="p-1">
                      <button type="button" onClick={() => remove(i)} disabled={fields.length === 1} className="rounded px-2 py-1 text-red-700 underline disabled:opacity-40">
                        {t("quote.removeLine")}<span className="sr-only"> {i + 1}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {errorFor("lines") ? <p role="alert" className="mt-1 text-sm text-red-700">{t(errorFor("lines")!)}</p> : null}
        <button type="button" onClick={addLine} className="mt-2 rounded border border-slate-400 bg-white px-3 py-1 text-sm">{t("quote.addLine")}</button>
      </fieldset>

      <QuoteTotals totals={totals} money={money} />

      <label className="flex max-w-xl flex-col gap-1 text-sm font-medium">{t("quote.notes")}
        <textarea {...form.register("notes" as never)} defaultValue={defaultValues.notes} rows={3} maxLength={2000} className="rounded border border-slate-400 px-3 py-2 font-normal" />
      </label>
      <div><Button>{submitLabel}</Button></div>
    </Form>
  );
}

/** The VAT breakdown and grand total, as the quote and invoice show them. */
export function QuoteTotals({ totals, money }: { totals: { byRate: { rate: number; netCents: number; vatCents: number }[]; netCents: number; vatCents: number; totalCents: number }; money: (c: number) => string }) {
  const { t } = useTranslation();
  return (
    <table className="ml-auto min-w-[22rem] text-sm" aria-label={t("quote.totals")}>
      <thead>
        <tr className="border-b border-slate-300 text-left">
          <th scope="col" className="p-1">{t("quote.vatRate")}</th>
          <th scope="col" className="p-1 text-right">{t("quote.net")}</th>
          <th scope="col" className="p-1 text-right">{t("quote.vat")}</th>
        </tr>
      </thead>
      <tbody>
        {totals.byRate.map((r) => (
          <tr key={r.rate} className="border-b border-slate-200">
            <th scope="row" className="p-1 text-left font-normal">{r.rate} %</th>
            <td className="p-1 text-right tabular-nums">{money(r.netCents)}</td>
            <td className="p-1 text-right tabular-nums">{money(r.vatCents)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr><th scope="row" className="p-1 text-left">{t("quote.totalNet")}</th><td colSpan={2} className="p-1 text-right tabular-nums">{money(totals.netCents)}</td></tr>
        <tr><th scope="row" className="p-1 text-left">{t("quote.totalVat")}</th><td colSpan={2} className="p-1 text-right tabular-nums">{money(totals.vatCents)}</td></tr>
        <tr className="text-base font-semibold"><th scope="row" className="p-1 text-left">{t("quote.grandTotal")}</th><td colSpan={2} className="p-1 text-right tabular-nums" data-testid="grand-total">{money(totals.totalCents)}</td></tr>
      </tfoot>
    </table>
  );
}
