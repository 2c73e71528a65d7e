import { Form, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "./form";

/** Re-reads the page's data every second while `active`, so a background job's progress shows without reloading. */
export function usePolling(active: boolean, everyMs = 1000) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, revalidator]);
}

type Progress = { rate: number; secondsLeft: number | null };
type Batch = { status: string; rowsDone: number; rowsTotal: number; cancelRequested: boolean };

/** Rows done, rate and time left of a running import, with the way to stop it. */
export function ImportProgress({ batch, progress, canCancel }: { batch: Batch; progress: Progress; canCancel: boolean }) {
  const { t, i18n } = useTranslation();
  usePolling(true);
  const n = (value: number) => value.toLocaleString(i18n.language);
  const running = batch.status === "running";
  const known = running && batch.rowsTotal > 0;
  return (
    <section aria-labelledby="progress-title" className="flex max-w-2xl flex-col gap-3 rounded border border-slate-200 bg-white p-4">
      <h2 id="progress-title" className="text-lg font-semibold">{t(`import.progress.${batch.status}`)}</h2>
      <progress
        className="h-3 w-full"
        aria-labelledby="progress-title"
        {...(known ? { value: batch.rowsDone, max: batch.rowsTotal } : {})}
      />
      <p aria-live="polite" className="text-sm" data-testid="progress-text">
        {known
          ? t("import.progress.rows", { done: n(batch.rowsDone), total: n(batch.rowsTotal) })
          : t("import.progress.rowsUnknown", { done: n(batch.rowsDone) })}
        {running && progress.rate > 0 ? ` · ${t("import.progress.rate", { rate: n(progress.rate) })}` : ""}
        {running && progress.secondsLeft !== null ? ` · ${t("import.progress.left", { seconds: n(progress.secondsLeft) })}` : ""}
      </p>
      {running && canCancel ? (
        batch.cancelRequested ? (
          <p className="text-sm text-slate-700">{t("import.cancelRequested")}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <Button kind="secondary">{t("import.cancel")}</Button>
          </Form>
        )
      ) : null}
    </section>
  );
}
