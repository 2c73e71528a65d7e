import { Form, Link } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "./form";
import { formatDateTime } from "./format";
import { usePolling } from "./import-progress";

type Job = {
  purposeId: number; status: string; recordsDone: number; recordsTotal: number | null; moved: number; flagged: number; cleared: number;
  finishedAt: Date | string | null; sweeping: boolean;
};

/**
 * A purpose's retention recompute after a rule change: a progress bar while it runs (the page
 * re-reads it every second), the summary once done, and the way to resume one that stopped.
 * With `purposeName` (the purposes list) it names the purpose and links to its page.
 */
export function RecomputeProgress({ job, purposeName, canResume = false }: { job: Job; purposeName?: string; canResume?: boolean }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  usePolling(job.status === "running");
  const n = (value: number) => value.toLocaleString(i18n.language);
  const known = job.recordsTotal !== null;
  const progress = known
    ? t("purposeAdmin.recompute.records", { done: n(job.recordsDone), total: n(job.recordsTotal ?? 0), moved: n(job.moved) })
    : t("purposeAdmin.recompute.counting");
  const title = t(`purposeAdmin.recompute.${job.status === "done" ? "done" : job.status === "failed" ? "failed" : "running"}`);
  return (
    <section aria-labelledby={titleId} className="mb-6 flex max-w-2xl flex-col gap-3 rounded border border-slate-200 bg-white p-4">
      <h2 id={titleId} className="text-lg font-semibold">
        {purposeName ? `${title}: ${purposeName}` : title}
      </h2>
      {job.status === "running" ? (
        <>
          <progress className="h-3 w-full" aria-labelledby={titleId} {...(known ? { value: job.recordsDone, max: Math.max(job.recordsTotal ?? 0, 1) } : {})} />
          <p aria-live="polite" className="text-sm" data-testid="recompute-progress">
            {job.sweeping ? t("purposeAdmin.recompute.sweeping") : progress}
          </p>
        </>
      ) : job.status === "done" ? (
        <p role="status" className="text-sm">
          {t("purposeAdmin.recompute.summary", { moved: n(job.moved), records: n(job.recordsDone), flagged: n(job.flagged), cleared: n(job.cleared) })}
          {job.finishedAt ? ` ${t("purposeAdmin.recompute.finishedAt", { at: formatDateTime(job.finishedAt, i18n.language) })}` : null}
        </p>
      ) : (
        <>
          <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
            {t("purposeAdmin.recompute.failedBody", { done: n(job.recordsDone), total: n(job.recordsTotal ?? job.recordsDone) })}
          </p>
          {canResume ? (
            <Form method="post">
              <input type="hidden" name="intent" value="resume" />
              <Button kind="secondary">{t("purposeAdmin.recompute.resume")}</Button>
            </Form>
          ) : null}
        </>
      )}
      {purposeName ? (
        <p className="text-sm">
          <Link to={`/admin/purposes/${job.purposeId}`} className="text-blue-700 underline">{t("purposeAdmin.recompute.open", { purpose: purposeName })}</Link>
        </p>
      ) : null}
    </section>
  );
}
