import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RECORDABLE_CONSENT_CHANNELS, recordConsentSchema } from "~/domain/privacy/consent.schema";
import { Button, Field, FormError, SelectField, TextField, useValidatedForm } from "~/ui/form";
import { formatDate } from "~/ui/format";

type When = Date | string;
export type ConsentOverview = {
  purposes: {
    id: number; name: string; active: boolean; state: "given" | "withdrawn" | "none"; since: When | null; processingOpen: boolean; withdrawable: boolean;
    lastGiven: { at: When; channel: string; wording: string | null } | null;
  }[];
  history: { id: number; purposeName: string; kind: string; at: When; channel: string; wording: string | null; recordedBy: string | null }[];
  canRecord: boolean;
  recordDenied: string | null;
};

const STATE_STYLE = { given: "bg-green-100 text-green-900", withdrawn: "bg-slate-200 text-slate-800", none: "text-slate-600" } as const;

/**
 * The consent ledger of one contact (Art. 7): the state per purpose, withdrawal in one click per
 * purpose, a form to record a new consent with its proof, and the full append-only history.
 */
export function ContactConsents({ consents, today, errors }: { consents: ConsentOverview; today: string; errors?: Record<string, string> | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const channels = RECORDABLE_CONSENT_CHANNELS.map((c) => ({ value: c, label: t(`consent.channel.${c}`) }));
  const recordable = consents.purposes.filter((p) => p.active);
  return (
    <section id="consents" aria-labelledby="consents-title" className="mt-8 max-w-5xl">
      <h2 id="consents-title" className="mb-2 text-lg font-semibold">{t("consent.title")}</h2>
      {consents.purposes.length === 0 ? <p className="text-sm text-slate-600">{t("consent.noPurposes")}</p> : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{t("consent.currentCaption")}</caption>
            <thead><tr className="border-b border-slate-300 text-left">
              <th scope="col" className="p-1">{t("contact.purpose")}</th>
              <th scope="col" className="p-1">{t("consent.state")}</th>
              <th scope="col" className="p-1">{t("consent.proof")}</th>
              <th scope="col" className="p-1">{t("consent.withdraw")}</th>
            </tr></thead>
            <tbody>
              {consents.purposes.map((p) => (
                <tr key={p.id} className="border-b border-slate-200 align-top" data-testid={`consent-${p.id}`}>
                  <th scope="row" className="p-1 text-left font-normal">{p.name}</th>
                  <td className="p-1">
                    <span className={`rounded px-2 py-0.5 ${STATE_STYLE[p.state]}`}>{t(`consent.state.${p.state}`)}</span>
                    {p.since ? <span className="block text-xs text-slate-600">{t("consent.sinceDate", { date: formatDate(p.since, lang) })}</span> : null}
                    {p.state !== "given" && p.processingOpen ? <span className="block text-xs text-amber-800">{t("consent.openWithoutConsent")}</span> : null}
                    {p.state === "given" && !p.processingOpen ? <span className="block text-xs text-amber-800">{t("consent.givenButEnded")}</span> : null}
                  </td>
                  <td className="p-1">
                    {p.lastGiven ? (
                      <>
                        <span className="block">{formatDate(p.lastGiven.at, lang)} · {t(`consent.channel.${p.lastGiven.channel}`)}</span>
                        {p.lastGiven.wording ? <q className="block whitespace-pre-wrap text-xs text-slate-700">{p.lastGiven.wording}</q> : null}
                      </>
                    ) : "—"}
                  </td>
                  <td className="p-1">
                    {p.withdrawable ? (
                      <Form method="post" className="flex flex-wrap items-center gap-2">
                        <input type="hidden" name="intent" value="withdraw-consent" />
                        <input type="hidden" name="purposeId" value={p.id} />
                        <input type="hidden" name="withdrawnOn" value={today} />
                        <label className="sr-only" htmlFor={`withdraw-channel-${p.id}`}>{t("consent.withdrawChannel", { purpose: p.name })}</label>
                        <select id={`withdraw-channel-${p.id}`} name="channel" defaultValue="email" className="rounded border border-slate-400 px-2 py-1">
                          {channels.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
                        </select>
                        <Button kind="secondary" aria-label={t("consent.withdrawFor", { purpose: p.name })}>{t("consent.withdraw")}</Button>
                      </Form>
                    ) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {consents.canRecord && recordable.length > 0 ? (
        <RecordConsentForm key={consents.history.length} purposes={recordable} channels={channels} today={today} errors={errors} />
      ) : consents.recordDenied === "CONTACT_RESTRICTED" ? (
        <p className="mt-3 text-sm text-slate-700">{t("consent.restrictedNote")}</p>
      ) : null}

      <h3 className="mb-1 mt-6 font-semibold">{t("consent.history")}</h3>
      {consents.history.length === 0 ? <p className="text-sm text-slate-600">{t("consent.noHistory")}</p> : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{t("consent.history")}</caption>
            <thead><tr className="border-b border-slate-300 text-left">
              <th scope="col" className="p-1">{t("consent.date")}</th>
              <th scope="col" className="p-1">{t("contact.purpose")}</th>
              <th scope="col" className="p-1">{t("consent.event")}</th>
              <th scope="col" className="p-1">{t("consent.channel")}</th>
              <th scope="col" className="p-1">{t("consent.wording")}</th>
              <th scope="col" className="p-1">{t("consent.recordedBy")}</th>
            </tr></thead>
            <tbody>
              {consents.history.map((h) => (
                <tr key={h.id} className="border-b border-slate-200 align-top">
                  <td className="whitespace-nowrap p-1">{formatDate(h.at, lang)}</td>
                  <td className="p-1">{h.purposeName}</td>
                  <td className="p-1">{t(`consent.kind.${h.kind}`)}</td>
                  <td className="p-1">{t(`consent.channel.${h.channel}`)}</td>
                  <td className="whitespace-pre-wrap p-1">{h.wording ?? "—"}</td>
                  <td className="p-1">{h.recordedBy ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RecordConsentForm({ purposes, channels, today, errors }: {
  purposes: { id: number; name: string }[]; channels: { value: string; label: string }[]; today: string; errors?: Record<string, string> | null;
}) {
  const { t } = useTranslation();
  const { onSubmit, errorFor, register } = useValidatedForm(recordConsentSchema, {
    defaultValues: { purposeId: purposes[0].id, givenOn: today, channel: "form", wording: "" },
    serverErrors: errors,
  });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate className="mt-4 flex flex-col gap-3 rounded border border-slate-200 bg-white p-4">
      <h3 className="font-semibold">{t("consent.recordTitle")}</h3>
      <input type="hidden" name="intent" value="record-consent" />
      <FormError error={errors?._form} />
      <div className="grid gap-3 md:grid-cols-3">
        <SelectField label={t("contact.purpose")} registration={register("purposeId")} error={errorFor("purposeId")} options={purposes.map((p) => ({ value: String(p.id), label: p.name }))} />
        <TextField label={t("consent.givenOn")} type="date" max={today} registration={register("givenOn")} error={errorFor("givenOn")} />
        <SelectField label={t("consent.channel")} registration={register("channel")} error={errorFor("channel")} options={channels} />
      </div>
      <Field label={t("consent.wording")} error={errorFor("wording")} hint={t("consent.wordingHint")}>
        {({ id, describedBy, invalid }) => (
          <textarea id={id} aria-describedby={describedBy} aria-invalid={invalid} rows={3} maxLength={2000}
            className="rounded border border-slate-400 px-3 py-2 text-base focus:outline-none focus:ring-2 focus:ring-blue-600 aria-[invalid=true]:border-red-600"
            {...register("wording")} />
        )}
      </Field>
      <div><Button>{t("consent.record")}</Button></div>
    </Form>
  );
}
