import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { decisionOf, reviewBulkSchema, reviewDecisionSchema, reviewFilterSchema } from "~/domain/privacy/retention-review.schema";
import { decideRetention, decideRetentionBulk, listReviewQueue, queueFilterOptions } from "~/domain/privacy/retention-review.server";
import { sweepRetention } from "~/domain/privacy/retention-sweep.server";
import { purposeName } from "~/domain/purposes/purposes.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { EmptyState } from "~/ui/empty-state";
import { Button } from "~/ui/form";
import { ReviewBulkForm, ReviewFilters, ReviewTable } from "~/ui/review-queue";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "manager" });
  const parsed = reviewFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(parsed.success, "Bad filter", 400);
  const [page, options] = await Promise.all([listReviewQueue(staff.actor, parsed.data), queueFilterOptions(staff.language)]);
  return {
    nextCursor: page.nextCursor,
    entries: page.entries.map(({ reasons, ...e }) => ({ ...e, reasons: reasons.map(({ names, ...r }) => ({ ...r, purpose: purposeName(names, staff.language) })) })),
    ...options,
    today: new Date().toISOString().slice(0, 10),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { role: "manager" });
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = `/privacy/review${new URL(request.url).search}`;
  if (intent === "sweep") {
    const result = await sweepRetention({ actor: staff.actor });
    return redirectWithFlash(request, back, { kind: "success", key: "review.swept", values: { flagged: result.flaggedContacts, cleared: result.clearedContacts } });
  }
  if (intent === "bulk-extend" || intent === "bulk-hold") {
    const parsed = parseFormData(formData, reviewBulkSchema);
    if (!parsed.ok) return data({ contactId: null, errors: parsed.errors }, { status: 400 });
    const decision = decisionOf(parsed.data);
    if (decision.kind === "erase") throw new Error("bulk erasure is not offered");
    const result = await decideRetentionBulk(staff.actor, parsed.data.ids, decision);
    return redirectWithFlash(request, back, { kind: result.skipped.length ? "info" : "success", key: "review.done.bulk", values: { done: result.done, skipped: result.skipped.length } });
  }
  if (intent === "erase" || intent === "extend" || intent === "hold") {
    const parsed = parseFormData(formData, reviewDecisionSchema);
    const contactId = Number(formData.get("contactId"));
    if (!parsed.ok) return data({ contactId, errors: parsed.errors }, { status: 400 });
    const result = await decideRetention(staff.actor, parsed.data.contactId, decisionOf(parsed.data));
    if (!result.ok) return redirectWithFlash(request, back, { kind: "error", key: `review.${result.reason}` });
    return redirectWithFlash(request, back, { kind: "success", key: `review.done.${intent}` });
  }
  throw data({ message: "Unknown intent" }, { status: 400 });
}

export default function ReviewPage() {
  const { t } = useTranslation();
  const { entries, nextCursor, purposes, owners, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  if (nextCursor) next.set("cursor", nextCursor);
  const first = new URLSearchParams([...params].filter(([k]) => k !== "cursor"));
  return (
    <>
      <PageHeader
        title={t("review.title")}
        actions={
          <div className="flex items-center gap-4">
            <Link to="/privacy/holds" className="text-sm text-blue-700 underline">{t("review.link.holds")}</Link>
            <Form method="post">
              <input type="hidden" name="intent" value="sweep" />
              <Button kind="secondary">{t("review.runSweep")}</Button>
            </Form>
          </div>
        }
      />
      <p className="mb-4 max-w-3xl text-sm text-slate-700">{t("review.intro")}</p>
      <ReviewFilters purposes={purposes} owners={owners} />
      {entries.length === 0 ? (
        <EmptyState title={t("review.empty")} />
      ) : (
        <>
          <ReviewTable entries={entries} today={today} actionData={actionData ?? null} />
          <ReviewBulkForm today={today} errors={actionData && actionData.contactId === null ? actionData.errors : null} />
        </>
      )}
      <nav aria-label={t("common.pagination")} className="mt-4 flex gap-4 text-sm">
        {params.get("cursor") ? <Link to={`?${first}`} className="text-blue-700 underline">{t("common.firstPage")}</Link> : null}
        {nextCursor ? <Link to={`?${next}`} className="text-blue-700 underline">{t("common.nextPage")}</Link> : null}
      </nav>
    </>
  );
}
