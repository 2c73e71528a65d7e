import { Form, Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/ui/form";
import { formatDate } from "~/ui/format";

/** The retention review queue: filters, one decision form per entry, and the bulk form for the ticked ones. */

type Entry = {
  id: number;
  firstName: string;
  lastName: string;
  organisation: string | null;
  owner: string | null;
  flaggedAt: Date | string;
  reasons: { purposeId: number; purpose: string; runOutOn: Date | string | null }[];
};
type ActionData = { contactId: number | null; errors: Record<string, string> } | null;

const field = "rounded border border-slate-400 px-2 py-1 text-sm aria-[invalid=true]:border-red-600";

/** Also the filters of the legal-hold list, where "since" is the day the hold was placed (`sinceLabel`). */
export function ReviewFilters({ purposes, owners, sinceLabel }: { purposes: { id: number; name: string }[]; owners: { id: number; name: string }[]; sinceLabel?: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <Form method="get" className="no-print mb-4 flex flex-wrap items-end gap-3" aria-label={t("common.filters")}>
      <div className="flex flex-col gap-1">
        <label htmlFor="f-purpose" className="text-sm font-medium">{t("review.purpose")}</label>
        <select id="f-purpose" name="purpose" defaultValue={params.get("purpose") ?? ""} className={field}>
          <option value="">{t("common.all")}</option>
          {purposes.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="f-owner" className="text-sm font-medium">{t("review.owner")}</label>
        <select id="f-owner" name="owner" defaultValue={params.get("owner") ?? ""} className={field}>
          <option value="">{t("common.all")}</option>
          <option value="unassigned">{t("review.unassigned")}</option>
          {owners.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="f-since" className="text-sm font-medium">{sinceLabel ?? t("review.flaggedSince")}</label>
        <input id="f-since" type="date" name="since" defaultValue={params.get("since") ?? ""} className={field} />
      </div>
      <Button kind="secondary">{t("common.applyFilters")}</Button>
    </Form>
  );
}

export function ReviewTable({ entries, today, actionData }: { entries: Entry[]; today: string; actionData: ActionData }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full border-collapse text-sm">
        <caption className="sr-only">{t("review.title")}</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="p-2">{t("review.select")}</th>
            <th scope="col" className="p-2">{t("review.contact")}</th>
            <th scope="col" className="p-2">{t("review.why")}</th>
            <th scope="col" className="p-2">{t("review.flaggedOn")}</th>
            <th scope="col" className="p-2">{t("review.decision")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const name = `${e.firstName} ${e.lastName}`;
            return (
              <tr key={e.id} className="border-b border-slate-200 align-top">
                <td className="p-2">
                  <input type="checkbox" name="ids" value={e.id} form="review-bulk" aria-label={t("review.selectOne", { name })} className="h-4 w-4" />
                </td>
                <ContactCell id={e.id} name={name} organisation={e.organisation} owner={e.owner} />
                <td className="p-2">
                  <ul className="list-disc pl-4">
                    {e.reasons.map((r) => (
                      <li key={r.purposeId}>{t("review.ranOut", { purpose: r.purpose, date: formatDate(r.runOutOn, i18n.language) })}</li>
                    ))}
                  </ul>
                </td>
                <td className="whitespace-nowrap p-2">{formatDate(e.flaggedAt, i18n.language)}</td>
                <td className="p-2">
                  <DecisionForm contactId={e.id} name={name} today={today} errors={actionData?.contactId === e.id ? actionData.errors : null} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The row header of a queue or hold entry: the contact, their organisation and owner. */
export function ContactCell({ id, name, organisation, owner }: { id: number; name: string; organisation: string | null; owner: string | null }) {
  const { t } = useTranslation();
  return (
    <th scope="row" className="p-2 text-left font-normal">
      <Link to={`/contacts/${id}`} className="font-medium text-blue-700 underline">{name}</Link>
      <div className="text-slate-600">{organisation ?? ""}</div>
      <div className="text-slate-600">{t("review.ownedBy", { owner: owner ?? t("review.unassigned") })}</div>
    </th>
  );
}

/** The reason a retention decision (or lifting a hold) asks for, with its error beside it. */
export function ReasonField({ id, label, error }: { id: string; label: string; error?: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium">{label}</label>
      <input id={id} name="reason" maxLength={500} className={field} aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-error` : undefined} />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  const { t } = useTranslation();
  return error ? <p id={id} role="alert" className="text-xs text-red-700">{t(error)}</p> : null;
}

function DecisionForm({ contactId, name, today, errors }: { contactId: number; name: string; today: string; errors: Record<string, string> | null }) {
  const { t } = useTranslation();
  const id = (f: string) => `decision-${contactId}-${f}`;
  return (
    <Form method="post" className="flex min-w-[18rem] flex-col gap-2" aria-label={t("review.decideFor", { name })}>
      <input type="hidden" name="contactId" value={contactId} />
      <ReasonField id={id("reason")} label={t("review.reason")} error={errors?.reason} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={id("until")} className="text-xs font-medium">{t("review.until")}</label>
          <input id={id("until")} type="date" name="until" min={today} className={field} aria-invalid={Boolean(errors?.until)} aria-describedby={errors?.until ? id("until-error") : undefined} />
        </div>
        <Button kind="secondary" name="intent" value="extend" className="px-3 py-1">{t("review.extend")}</Button>
        <Button kind="secondary" name="intent" value="hold" className="px-3 py-1">{t("review.hold")}</Button>
      </div>
      <FieldError id={id("until-error")} error={errors?.until} />
      <div className="flex flex-wrap items-center gap-2 border-t border-slate-200 pt-2">
        <input id={id("confirm")} type="checkbox" name="confirm" className="h-4 w-4" aria-describedby={errors?.confirm ? id("confirm-error") : undefined} />
        <label htmlFor={id("confirm")} className="text-xs">{t("review.confirmErase")}</label>
        <Button kind="danger" name="intent" value="erase" className="px-3 py-1">{t("review.erase")}</Button>
      </div>
      <FieldError id={id("confirm-error")} error={errors?.confirm} />
    </Form>
  );
}

export function ReviewBulkForm({ today, errors }: { today: string; errors: Record<string, string> | null }) {
  const { t } = useTranslation();
  return (
    <Form method="post" id="review-bulk" className="no-print mt-4 flex flex-wrap items-end gap-3 rounded border border-slate-300 bg-slate-50 p-3" aria-label={t("review.bulkTitle")}>
      <p className="w-full text-sm font-medium">{t("review.bulkTitle")}</p>
      <FieldError id="bulk-ids-error" error={errors?.ids} />
      <div className="flex flex-col gap-1">
        <label htmlFor="bulk-reason" className="text-sm font-medium">{t("review.reason")}</label>
        <input id="bulk-reason" name="reason" maxLength={500} className={field} aria-invalid={Boolean(errors?.reason)} aria-describedby={errors?.reason ? "bulk-reason-error" : undefined} />
        <FieldError id="bulk-reason-error" error={errors?.reason} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="bulk-until" className="text-sm font-medium">{t("review.until")}</label>
        <input id="bulk-until" type="date" name="until" min={today} className={field} aria-invalid={Boolean(errors?.until)} aria-describedby={errors?.until ? "bulk-until-error" : undefined} />
        <FieldError id="bulk-until-error" error={errors?.until} />
      </div>
      <Button kind="secondary" name="intent" value="bulk-extend">{t("review.bulkExtend")}</Button>
      <Button kind="secondary" name="intent" value="bulk-hold">{t("review.bulkHold")}</Button>
    </Form>
  );
}
