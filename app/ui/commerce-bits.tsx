import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

const statusColors: Record<string, string> = {
  draft: "bg-slate-200", sent: "bg-blue-100", accepted: "bg-green-100", declined: "bg-red-100", expired: "bg-amber-100",
  registered: "bg-blue-100", waitlisted: "bg-amber-100", attended: "bg-green-100", "no-show": "bg-red-100", cancelled: "bg-slate-200",
};

/** A quote or registration status as a small coloured label, with its text (never colour alone). */
export function StatusBadge({ status, kind }: { status: string; kind: "quote" | "training" }) {
  const { t } = useTranslation();
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${statusColors[status] ?? "bg-slate-200"}`}>{t(`${kind}.status.${status}`)}</span>;
}

/** A GET search for contacts (and organisations) by name; each hit is rendered by the caller. */
export function CustomerSearch({ q, label, children }: { q: string; label: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="max-w-2xl">
      <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
        <label className="flex flex-1 flex-col gap-1 text-sm font-medium">{label}
          <input name="q" defaultValue={q} minLength={2} maxLength={100} className="rounded border border-slate-400 px-3 py-2 font-normal" />
        </label>
        <button type="submit" className="rounded border border-slate-400 bg-white px-4 py-2 text-sm font-medium">{t("commerce.search")}</button>
      </Form>
      {children}
    </section>
  );
}

export const tableClass = "min-w-full border-collapse text-sm";
export const thClass = "p-2 text-left";
export const linkClass = "text-blue-700 underline";
export const buttonLinkClass = "rounded border border-slate-400 bg-white px-4 py-2 text-sm font-medium";
