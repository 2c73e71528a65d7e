import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RetentionRule } from "~/domain/purposes/retention";
import { retentionRuleText } from "~/domain/purposes/rule-text";
import { formatDate } from "~/ui/format";

/** Tables of the record of processing (Art. 30) and of the admin pages that feed it. */

type PurposeRow = { id: number; name: string; legalBasis: string; laterBasis: string | null; categories: string[]; recipients: string[]; rule: RetentionRule; marketing: boolean };
type ProcessorRow = { id: number; name: string; service: string; dataCategories: string[]; dpaSignedOn: Date | string | null; location: string; outsideEea: boolean; safeguard: string | null; toComplete: boolean };

const th = "p-2 align-bottom";
const td = "p-2 align-top";

export function PurposesTable({ purposes, editable = false }: { purposes: PurposeRow[]; editable?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full border-collapse text-sm">
        <caption className="sr-only">{t("register.purposes")}</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className={th}>{t("register.purpose")}</th>
            <th scope="col" className={th}>{t("register.legalBasis")}</th>
            <th scope="col" className={th}>{t("register.categories")}</th>
            <th scope="col" className={th}>{t("register.recipients")}</th>
            <th scope="col" className={th}>{t("register.retention")}</th>
          </tr>
        </thead>
        <tbody>
          {purposes.map((p) => (
            <tr key={p.id} className="border-b border-slate-200">
              <th scope="row" className={`${td} text-left font-medium`}>
                {editable ? <Link to={`/admin/purposes/${p.id}`} className="text-blue-700 underline">{p.name}</Link> : p.name}
                {p.marketing ? <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-normal">{t("register.marketing")}</span> : null}
              </th>
              <td className={td}>{[p.legalBasis, p.laterBasis].filter(Boolean).map((b) => t(`basis.${b}`)).join(" → ")}</td>
              <td className={td}>{p.categories.join(", ")}</td>
              <td className={td}>{p.recipients.join(", ") || "—"}</td>
              <td className={td}>{retentionRuleText(t, p.rule)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ProcessorsTable({ processors, caption, editable = false }: { processors: ProcessorRow[]; caption: string; editable?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className={th}>{t("processor.name")}</th>
            <th scope="col" className={th}>{t("processor.service")}</th>
            <th scope="col" className={th}>{t("processor.dataCategories")}</th>
            <th scope="col" className={th}>{t("processor.dpaSignedOn")}</th>
            <th scope="col" className={th}>{t("processor.location")}</th>
            <th scope="col" className={th}>{t("processor.transfer")}</th>
          </tr>
        </thead>
        <tbody>
          {processors.map((p) => (
            <tr key={p.id} className="border-b border-slate-200">
              <th scope="row" className={`${td} text-left font-medium`}>
                {editable ? <Link to={`/admin/processors/${p.id}`} className="text-blue-700 underline">{p.name}</Link> : p.name}
                {p.toComplete ? <span className="ml-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs font-medium">{t("processor.toComplete")}</span> : null}
              </th>
              <td className={td}>{p.service}</td>
              <td className={td}>{p.dataCategories.join(", ")}</td>
              <td className={td}>{p.dpaSignedOn ? formatDate(p.dpaSignedOn, i18n.language) : t("processor.noDpa")}</td>
              <td className={td}>{p.location}</td>
              <td className={td}>{p.outsideEea ? t("processor.outsideEeaWith", { safeguard: t(`processor.safeguard.${p.safeguard ?? "none"}`) }) : t("processor.insideEea")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
