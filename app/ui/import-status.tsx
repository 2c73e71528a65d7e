import { useTranslation } from "react-i18next";
import { reasonMessage, type StoredReason } from "~/domain/imports/import-reasons";

const COLORS: Record<string, string> = {
  preview: "bg-slate-200 text-slate-900",
  running: "bg-blue-100 text-blue-900",
  finishing: "bg-blue-100 text-blue-900",
  "rolling-back": "bg-amber-100 text-amber-900",
  undoing: "bg-amber-100 text-amber-900",
  done: "bg-green-100 text-green-900",
  failed: "bg-red-100 text-red-900",
  cancelled: "bg-slate-200 text-slate-900",
  undone: "bg-slate-200 text-slate-900",
};

/** An import batch's status as a small label. */
export function ImportStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`rounded px-2 py-0.5 text-sm ${COLORS[status] ?? COLORS.preview}`}>{t(`import.status.${status}`)}</span>;
}

/** A batch row's created / merged / rejected cells; a batch still in preview has none yet. */
export function BatchCountCells({ batch }: { batch: { status: string; created: number; merged: number; rejected: number } }) {
  const cell = (n: number) => <td className="p-2 text-right tabular-nums">{batch.status === "preview" ? "—" : n}</td>;
  return (
    <>
      {cell(batch.created)}
      {cell(batch.merged)}
      {cell(batch.rejected)}
    </>
  );
}

/** A stored reason (code and field) in the reader's language. */
export function useReasonText() {
  const { t } = useTranslation();
  return (reason: StoredReason) => {
    const { key, fieldKey } = reasonMessage(reason);
    return fieldKey ? t(key, { field: t(fieldKey) }) : t(key);
  };
}
