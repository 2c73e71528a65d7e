import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

type Flash = { kind: "success" | "error" | "info"; key: string; values?: Record<string, string | number> } | null;

/** A success note goes away by itself after this long; an error stays until dismissed. */
const SUCCESS_VISIBLE_MS = 10_000;

/**
 * The one-time message set by the previous action, announced politely to screen readers. It sits at
 * the bottom right: at the top it covered the page's own buttons (Edit, New…) until dismissed.
 */
export function FlashMessage({ flash }: { flash: Flash }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState<Flash>(flash);
  useEffect(() => {
    setVisible(flash);
    if (flash?.kind !== "success") return;
    const timer = setTimeout(() => setVisible(null), SUCCESS_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [flash]);
  if (!visible) return null;
  const color = {
    success: "border-green-300 bg-green-50 text-green-900",
    error: "border-red-300 bg-red-50 text-red-900",
    info: "border-blue-300 bg-blue-50 text-blue-900",
  }[visible.kind];
  return (
    <div role="status" aria-live="polite" className={`fixed bottom-4 right-4 z-50 flex max-w-md items-start gap-3 rounded border px-4 py-3 shadow ${color}`}>
      <p className="text-sm">{t(visible.key, visible.values)}</p>
      <button type="button" onClick={() => setVisible(null)} className="text-sm underline" aria-label={t("common.dismiss")}>
        ×
      </button>
    </div>
  );
}
