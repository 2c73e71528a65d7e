import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PACK_TYPES } from "~/domain/privacy/access-pack.server";
import { calendarDaysBetween } from "~/domain/privacy/dates";
import { eraseForRequest, restrictForRequest } from "~/domain/privacy/dsr-actions.server";
import { dsrStatusOf, extendDsr } from "~/domain/privacy/dsr-dates";
import { closeDsrSchema, contactIdSchema, dsrSearchSchema, extendDsrSchema, objectionSchema, verifyIdentitySchema } from "~/domain/privacy/dsr.schema";
import { closeDsr, extendDsrRequest, findDsrCandidates, getDsr, linkDsrContact, verifyDsrIdentity } from "~/domain/privacy/dsr.server";
import { objectToMarketing } from "~/domain/privacy/objection.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { idParam, invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { DsrDueBadge } from "~/ui/dsr-due";
import { ClosePanel, ContactsPanel, ExtendPanel, IdentityPanel, Panel } from "~/ui/dsr-panels";
import { formatDate } from "~/ui/format";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "manager" });
  const dsr = await getDsr(staff.actor, idParam(params.requestId));
  invariantResponse(dsr, "Not found", 404);
  const search = dsrSearchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(search.success, "Bad search", 400);
  const open = dsr.status === "open";
  const today = new Date();
  return {
    dsr,
    open,
    q: search.data.q ?? "",
    candidates: open ? await findDsrCandidates(staff.actor, dsr, search.data.q) : [],
    state: dsrStatusOf(dsr.dueAt, today, dsr.closedAt),
    daysLeft: calendarDaysBetween(today, dsr.dueAt),
    givesPack: (PACK_TYPES as readonly string[]).includes(dsr.type),
    // The same rule as the action: once, and only within the first month.
    canExtend: open && extendDsr(dsr, "?", today).ok,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { role: "manager" });
  const id = idParam(params.requestId);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const invalid = (errors: Record<string, string>) => data({ intent, errors }, { status: 400 });
  let result: { ok: true } | { ok: false; reason: string };
  if (intent === "link-contact" || intent === "unlink-contact") {
    const parsed = parseFormData(formData, contactIdSchema);
    if (!parsed.ok) return invalid(parsed.errors);
    result = await linkDsrContact(staff.actor, id, parsed.data.contactId, intent === "link-contact");
  } else if (intent === "verify-identity") {
    const parsed = parseFormData(formData, verifyIdentitySchema);
    if (!parsed.ok) return invalid(parsed.errors);
    result = await verifyDsrIdentity(staff.actor, id, parsed.data);
  } else if (intent === "extend") {
    const parsed = parseFormData(formData, extendDsrSchema);
    if (!parsed.ok) return invalid(parsed.errors);
    result = await extendDsrRequest(staff.actor, id, parsed.data.reason);
  } else if (intent === "close") {
    const parsed = parseFormData(formData, closeDsrSchema);
    if (!parsed.ok) return invalid(parsed.errors);
    result = await closeDsr(staff.actor, id, parsed.data);
  } else if (intent === "erase" || intent === "restrict") {
    const parsed = parseFormData(formData, contactIdSchema);
    if (!parsed.ok) return invalid(parsed.errors);
    result = await (intent === "erase" ? eraseForRequest : restrictForRequest)(staff.actor, id, parsed.data.contactId);
  } else if (intent === "object") {
    const parsed = parseFormData(formData, objectionSchema);
    if (!parsed.ok) return invalid(parsed.errors);
    result = await objectToMarketing(staff.actor, parsed.data.contactId, id, { channel: parsed.data.channel });
  } else {
    throw data({ message: "Unknown intent" }, { status: 400 });
  }
  if (!result.ok) {
    invariantResponse(result.reason !== "NOT_FOUND", "Not found", 404);
    return redirectWithFlash(request, `/privacy/requests/${id}`, { kind: "error", key: `dsr.${result.reason}` });
  }
  return redirectWithFlash(request, `/privacy/requests/${id}`, { kind: "success", key: `dsr.done.${intent}` });
}

export default function RequestPage() {
  const { t, i18n } = useTranslation();
  const { dsr, open, q, candidates, state, daysLeft, givesPack, canExtend } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : null);
  const lang = i18n.language;
  const verified = Boolean(dsr.identityVerifiedAt);
  return (
    <>
      <PageHeader title={t("dsr.detailTitle", { id: dsr.id, type: t(`dsr.type.${dsr.type}`) })} actions={<Link to="/privacy/requests" className="text-sm text-blue-700 underline">{t("dsr.backToList")}</Link>} />
      <dl className="mb-6 grid max-w-3xl grid-cols-[12rem_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">{t("dsr.statusLabel")}</dt><dd>{t(`dsr.status.${dsr.status}`)}{dsr.closedAt ? ` · ${formatDate(dsr.closedAt, lang)}` : ""}</dd>
        <dt className="font-medium">{t("dsr.requesterName")}</dt><dd>{dsr.requesterName}</dd>
        <dt className="font-medium">{t("dsr.requesterEmail")}</dt><dd>{dsr.requesterEmail ?? "—"}</dd>
        <dt className="font-medium">{t("dsr.receivedOn")}</dt><dd>{formatDate(dsr.receivedAt, lang)}</dd>
        <dt className="font-medium">{t("dsr.dueOn")}</dt><dd data-testid="dsr-due">{formatDate(dsr.dueAt, lang)} <DsrDueBadge state={state} daysLeft={daysLeft} /></dd>
        {dsr.extendedAt ? <><dt className="font-medium">{t("dsr.extendedOn")}</dt><dd>{formatDate(dsr.extendedAt, lang)} · {dsr.extensionReason}</dd></> : null}
        {dsr.outcome ? <><dt className="font-medium">{t("dsr.outcome")}</dt><dd className="whitespace-pre-wrap">{dsr.outcome}</dd></> : null}
        <dt className="font-medium">{t("dsr.registeredBy")}</dt><dd>{dsr.createdBy ?? "—"}</dd>
      </dl>
      <div className="grid gap-6 xl:grid-cols-2">
        <IdentityPanel dsr={dsr} open={open} errors={errorsFor("verify-identity")} />
        {givesPack ? (
          <Panel id="pack-title" title={t("dsr.packTitle")}>
            <p className="mb-3 text-sm text-slate-700">{t("dsr.packHelp")}</p>
            {verified && dsr.contacts.length > 0 ? (
              <a href={`/privacy/requests/${dsr.id}/pack.zip`} download className="inline-block rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">{t("dsr.downloadPack")}</a>
            ) : <p className="text-sm font-medium">{verified ? t("dsr.DSR_NO_CONTACTS") : t("dsr.DSR_IDENTITY_NOT_VERIFIED")}</p>}
          </Panel>
        ) : null}
      </div>
      <div className="mt-6">
        <ContactsPanel type={dsr.type} contacts={dsr.contacts} candidates={candidates} q={q} open={open} verified={verified} />
      </div>
      {open ? (
        <div className="mt-6 grid gap-6 xl:grid-cols-2">
          {canExtend ? <ExtendPanel errors={errorsFor("extend")} /> : null}
          <ClosePanel errors={errorsFor("close")} />
        </div>
      ) : null}
    </>
  );
}
