import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/ui/form";
import { formatDate } from "~/ui/format";
import { ContactCell, ReasonField } from "~/ui/review-queue";

/** The entries kept under a legal hold: who placed each hold, when and why, and the form that lifts it. */

type Entry = {
  id: number;
  firstName: string;
  lastName: string;
  organisation: string | null;
  owner: string | null;
  heldAt: Date | string;
  heldBy: string | null;
  reasons: string[];
  purposes: { purposeId: number; purpose: string }[];
};
type ActionData = { contactId: number | null; errors: Record<string, string> } | null;

export function LegalHoldTable({ entries, actionData }: { entries: Entry[]; actionData: ActionData }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full border-collapse text-sm">
        <caption className="sr-only">{t("holds.title")}</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="p-2">{t("review.contact")}</th>
            <th scope="col" className="p-2">{t("holds.placed")}</th>
            <th scope="col" className="p-2">{t("holds.reason")}</th>
            <th scope="col" className="p-2">{t("holds.records")}</th>
            <th scope="col" className="p-2">{t("holds.lift")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const name = `${e.firstName} ${e.lastName}`;
            return (
              <tr key={e.id} className="border-b border-slate-200 align-top">
                <ContactCell id={e.id} name={name} organisation={e.organisation} owner={e.owner} />
                <td className="whitespace-nowrap p-2">
                  <div>{formatDate(e.heldAt, i18n.language)}</div>
                  <div className="text-slate-600">{t("holds.placedBy", { name: e.heldBy ?? t("holds.placedByUnknown") })}</div>
                </td>
                <td className="p-2">{e.reasons.map((r) => <p key={r} className="max-w-xs break-words">{r}</p>)}</td>
                <td className="p-2">
                  <ul className="list-disc pl-4">{e.purposes.map((p) => <li key={p.purposeId}>{p.purpose}</li>)}</ul>
                </td>
                <td className="p-2">
                  <LiftForm contactId={e.id} name={name} errors={actionData?.contactId === e.id ? actionData.errors : null} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function LiftForm({ contactId, name, errors }: { contactId: number; name: string; errors: Record<string, string> | null }) {
  const { t } = useTranslation();
  const id = (f: string) => `lift-${contactId}-${f}`;
  return (
    <Form method="post" className="flex min-w-[16rem] flex-col gap-2" aria-label={t("holds.liftFor", { name })}>
      <input type="hidden" name="contactId" value={contactId} />
      <ReasonField id={id("reason")} label={t("holds.liftReason")} error={errors?.reason} />
      <Button kind="secondary" name="intent" value="lift" className="self-start px-3 py-1">{t("holds.liftButton")}</Button>
    </Form>
  );
}
