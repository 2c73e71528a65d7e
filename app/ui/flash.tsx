import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

type Flash = { kind: "success" | "error" | "info"; key: string; values?: Record<string, string | number> } | null;

/** The one-time message set by the previous action, announced politely to screen readers. */
export function FlashMessage({ flash }: { flash: Flash }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState<Flash>(flash);
  useEffect(() => setVisible(flash), [flash]);
  if (!visible) return null;
  const color = {
    success: "border-green-300 bg-green-50 text-green-900",
    error: "border-red-300 bg-red-50 text-red-900",
    info: "border-blue-300 bg-blue-50 text-blue-900",
  }[visible.kind];
  return (
    <div role="status" aria-live="polite" className={`fixed right-4 top-4 z-50 flex max-w-md items-start gap-3 rounded border px-4 py-3 shadow ${color}`}>
      <p className="text-sm">{t(visible.key, visible.values)}</p>
      <button type="button" onClick={() => setVisible(null)} className="text-sm underline" aria-label={t("common.dismiss")}>
        ×
      </button>
    </div>
  );
}
