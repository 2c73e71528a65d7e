import { useTranslation } from "react-i18next";
import type { DsrStatus } from "~/domain/privacy/dsr-dates";

/** The deadline in words, not colour alone: "overdue by 3 days", "due in 5 days", "due today". */
export function DsrDueBadge({ state, daysLeft }: { state: DsrStatus; daysLeft: number }) {
  const { t } = useTranslation();
  if (state === "closed") return null;
  if (state === "overdue") return <span className="ml-1 rounded bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">{t("dsr.overdueBy", { count: -daysLeft })}</span>;
  if (state === "due-soon") {
    return <span className="ml-1 rounded bg-amber-200 px-2 py-0.5 text-xs font-semibold text-amber-950">{daysLeft === 0 ? t("dsr.dueToday") : t("dsr.dueIn", { count: daysLeft })}</span>;
  }
  return <span className="ml-1 text-xs text-slate-600">{t("dsr.dueIn", { count: daysLeft })}</span>;
}
