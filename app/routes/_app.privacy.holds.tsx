import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { liftLegalHold, listLegalHolds } from "~/domain/privacy/legal-holds.server";
import { liftHoldSchema, reviewFilterSchema } from "~/domain/privacy/retention-review.schema";
import { queueFilterOptions } from "~/domain/privacy/retention-review.server";
import { purposeName } from "~/domain/purposes/purposes.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { EmptyState } from "~/ui/empty-state";
import { LegalHoldTable } from "~/ui/legal-holds";
import { ReviewFilters } from "~/ui/review-queue";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "manager" });
  const parsed = reviewFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(parsed.success, "Bad filter", 400);
  const [page, options] = await Promise.all([listLegalHolds(staff.actor, parsed.data), queueFilterOptions(staff.language)]);
  return {
    nextCursor: page.nextCursor,
    entries: page.entries.map(({ purposes: held, ...e }) => ({ ...e, purposes: held.map(({ names, purposeId }) => ({ purposeId, purpose: purposeName(names, staff.language) })) })),
    ...options,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { role: "manager" });
  const formData = await request.formData();
  if (formData.get("intent") !== "lift") throw data({ message: "Unknown intent" }, { status: 400 });
  const back = `/privacy/holds${new URL(request.url).search}`;
  const parsed = parseFormData(formData, liftHoldSchema);
  if (!parsed.ok) return data({ contactId: Number(formData.get("contactId")), errors: parsed.errors }, { status: 400 });
  const result = await liftLegalHold(staff.actor, parsed.data.contactId, parsed.data.reason);
  if (!result.ok) return redirectWithFlash(request, back, { kind: "error", key: `review.${result.reason}` });
  return redirectWithFlash(request, back, { kind: "success", key: result.flagged ? "holds.done.liftedFlagged" : "holds.done.lifted" });
}

export default function LegalHoldsPage() {
  const { t } = useTranslation();
  const { entries, nextCursor, purposes, owners } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  if (nextCursor) next.set("cursor", nextCursor);
  const first = new URLSearchParams([...params].filter(([k]) => k !== "cursor"));
  return (
    <>
      <PageHeader title={t("holds.title")} actions={<Link to="/privacy/review" className="text-sm text-blue-700 underline">{t("holds.backToReview")}</Link>} />
      <p className="mb-4 max-w-3xl text-sm text-slate-700">{t("holds.intro")}</p>
      <ReviewFilters purposes={purposes} owners={owners} sinceLabel={t("holds.heldSince")} />
      {entries.length === 0 ? <EmptyState title={t("holds.empty")} /> : <LegalHoldTable entries={entries} actionData={actionData ?? null} />}
      <nav aria-label={t("common.pagination")} className="mt-4 flex gap-4 text-sm">
        {params.get("cursor") ? <Link to={`?${first}`} className="text-blue-700 underline">{t("common.firstPage")}</Link> : null}
        {nextCursor ? <Link to={`?${next}`} className="text-blue-700 underline">{t("common.nextPage")}</Link> : null}
      </nav>
    </>
  );
}
