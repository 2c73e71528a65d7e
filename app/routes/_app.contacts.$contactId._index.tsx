import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getContactDetail, logInteraction, setRestriction } from "~/domain/contacts/contact-detail.server";
import { INTERACTION_KINDS } from "~/domain/contacts/contact-rules";
import { interactionSchema, restrictionSchema } from "~/domain/contacts/contact.schema";
import { formatPhone } from "~/domain/contacts/phone";
import { purposeName } from "~/domain/purposes/purposes.server";
import { ruleOf } from "~/domain/purposes/retention";
import { retentionRuleText } from "~/domain/purposes/rule-text";
import { contactCommerce } from "~/domain/quotes/commerce-summary.server";
import { recordConsentSchema, withdrawConsentSchema } from "~/domain/privacy/consent.schema";
import { consentOverview, recordConsent, withdrawConsent, type ConsentResult } from "~/domain/privacy/consent.server";
import { dayInstant } from "~/domain/privacy/days";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { idParam, invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { ContactConsents } from "~/ui/contact-consents";
import { ContactCommerceSection } from "~/ui/contact-commerce";
import { Button } from "~/ui/form";
import { formatDate } from "~/ui/format";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const contact = await getContactDetail(staff.actor, idParam(params.contactId));
  invariantResponse(contact, "Not found", 404);
  const { processingRecords, ...rest } = contact;
  return {
    contact: { ...rest, phone: formatPhone(contact.phone), mobile: formatPhone(contact.mobile) },
    records: processingRecords.map((r) => ({ ...r, purposeName: purposeName(r.purpose, staff.language) })),
    consents: await consentOverview(staff.actor, contact.id, staff.language),
    commerce: await contactCommerce(contact.id),
    today: new Date().toISOString().slice(0, 10),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.contactId);
  const formData = await request.formData();
  const intent = formData.get("intent");
  // Consent ledger (Art. 7): own schemas and flash texts ("consent.*").
  if (intent === "record-consent") {
    const parsed = parseFormData(formData, recordConsentSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors }, { status: 400 });
    const { givenOn, ...input } = parsed.data;
    return consentOutcome(request, id, await recordConsent(staff.actor, id, { ...input, at: dayInstant(givenOn) }), "given");
  }
  if (intent === "withdraw-consent") {
    const parsed = parseFormData(formData, withdrawConsentSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors }, { status: 400 });
    const { withdrawnOn, ...input } = parsed.data;
    return consentOutcome(request, id, await withdrawConsent(staff.actor, id, { ...input, at: dayInstant(withdrawnOn) }), "withdrawn");
  }
  let result;
  if (intent === "log-interaction") {
    const parsed = parseFormData(formData, interactionSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors }, { status: 400 });
    result = await logInteraction(staff.actor, id, parsed.data);
  } else if (intent === "restrict") {
    const parsed = parseFormData(formData, restrictionSchema);
    if (!parsed.ok) return data({ intent, errors: parsed.errors }, { status: 400 });
    result = await setRestriction(staff.actor, id, true, parsed.data.reason);
  } else if (intent === "lift-restriction") {
    result = await setRestriction(staff.actor, id, false, null);
  } else {
    throw data({ message: "Unknown intent" }, { status: 400 });
  }
  if (!result.ok) {
    invariantResponse(result.reason !== "NOT_FOUND", "Not found", 404);
    return redirectWithFlash(request, `/contacts/${id}`, { kind: "error", key: `contact.${result.reason}` });
  }
  return redirectWithFlash(request, `/contacts/${id}`, { kind: "success", key: `contact.done.${intent}` });
}

function consentOutcome(request: Request, id: number, result: ConsentResult, done: "given" | "withdrawn") {
  if (!result.ok) {
    invariantResponse(result.reason !== "NOT_FOUND", "Not found", 404);
    return redirectWithFlash(request, `/contacts/${id}#consents`, { kind: "error", key: `consent.${result.reason}` });
  }
  return redirectWithFlash(request, `/contacts/${id}#consents`, { kind: "success", key: `consent.done.${done}` });
}

export default function ContactPage() {
  const { t, i18n } = useTranslation();
  const { contact, records, today } = useLoaderData<typeof loader>();
  const { consents } = useLoaderData<typeof loader>();
  const { commerce } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = i18n.language;
  const readOnly = Boolean(contact.editDenied);
  return (
    <>
      <PageHeader
        title={`${contact.firstName} ${contact.lastName}`}
        actions={!readOnly ? <Link to="edit" className="rounded border border-slate-400 bg-white px-4 py-2 text-sm font-medium">{t("contact.edit")}</Link> : null}
      />
      <p className="-mt-4 mb-4 flex flex-wrap gap-2 text-sm">
        <span className="rounded bg-slate-200 px-2 py-0.5">{t(`stage.${contact.stage}`)}</span>
        {contact.restricted ? <span className="rounded bg-amber-200 px-2 py-0.5 font-medium">{t("contact.restrictedBadge")}</span> : null}
        {contact.retentionFlaggedAt ? <span className="rounded bg-red-100 px-2 py-0.5">{t("contact.flaggedBadge")}</span> : null}
      </p>

      {contact.restricted ? (
        <section role="note" aria-labelledby="restriction-title" className="mb-6 rounded border border-amber-400 bg-amber-50 p-4">
          <h2 id="restriction-title" className="font-semibold">{t("contact.restrictedTitle")}</h2>
          <p className="text-sm">{t("contact.restrictedBody", { date: formatDate(contact.restrictedAt, lang), reason: contact.restrictionReason ?? "" })}</p>
          {contact.canRestrict ? (
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="lift-restriction" />
              <Button kind="secondary">{t("contact.liftRestriction")}</Button>
            </Form>
          ) : null}
        </section>
      ) : contact.editDenied === "CONTACT_NOT_OWNER" ? (
        <p className="mb-6 text-sm text-slate-600">{t("contact.notOwnerNote", { owner: contact.owner?.name ?? "" })}</p>
      ) : null}

      <div className="grid gap-8 xl:grid-cols-2">
        <section aria-labelledby="details-title">
          <h2 id="details-title" className="mb-2 text-lg font-semibold">{t("contact.details")}</h2>
          <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium">{t("contact.email")}</dt><dd>{contact.email ? <a href={`mailto:${contact.email}`} className="text-blue-700 underline">{contact.email}</a> : "—"}</dd>
            <dt className="font-medium">{t("contact.phone")}</dt><dd>{contact.phone || "—"}</dd>
            <dt className="font-medium">{t("contact.mobile")}</dt><dd>{contact.mobile || "—"}</dd>
            <dt className="font-medium">{t("contact.jobTitle")}</dt><dd>{contact.jobTitle ?? "—"}</dd>
            <dt className="font-medium">{t("contact.organisation")}</dt>
            <dd>{contact.organisation ? <Link to={`/organisations/${contact.organisation.id}`} className="text-blue-700 underline">{contact.organisation.name}</Link> : "—"}</dd>
            <dt className="font-medium">{t("contact.owner")}</dt><dd>{contact.owner?.name ?? t("contact.noOwner")}</dd>
            <dt className="font-medium">{t("contact.language")}</dt><dd>{contact.language ? t(`language.${contact.language}`) : "—"}</dd>
            <dt className="font-medium">{t("contact.address")}</dt>
            <dd>{[contact.street, [contact.postalCode, contact.city].filter(Boolean).join(" "), contact.country].filter(Boolean).join(", ") || "—"}</dd>
            <dt className="font-medium">{t("contact.tags")}</dt><dd>{contact.tags.map((tag) => tag.tag).join(", ") || "—"}</dd>
            <dt className="font-medium">{t("contact.source")}</dt>
            <dd>
              {t(`source.${contact.sourceKind}`)}{contact.tradeFair ? ` · ${contact.tradeFair.name}` : ""}{contact.sourceDetail ? ` · ${contact.sourceDetail}` : ""}
              {" · "}{t("contact.obtainedOn", { date: formatDate(contact.obtainedAt, lang) })}
            </dd>
            {contact.noticeDueAt ? (
              <>
                <dt className="font-medium">{t("contact.art14Notice")}</dt>
                <dd>{contact.noticeSentAt ? t("contact.noticeSent", { date: formatDate(contact.noticeSentAt, lang) }) : t("contact.noticeDue", { date: formatDate(contact.noticeDueAt, lang) })}</dd>
              </>
            ) : null}
          </dl>
        </section>

        <section aria-labelledby="purposes-title">
          <h2 id="purposes-title" className="mb-2 text-lg font-semibold">{t("contact.purposes")}</h2>
          <table className="min-w-full text-sm">
            <thead><tr className="border-b border-slate-300 text-left">
              <th scope="col" className="p-1">{t("contact.purpose")}</th>
              <th scope="col" className="p-1">{t("contact.legalBasis")}</th>
              <th scope="col" className="p-1">{t("contact.since")}</th>
              <th scope="col" className="p-1">{t("contact.keptUntil")}</th>
            </tr></thead>
            <tbody>
              {records.map((r) => (
                <tr key={r.id} className="border-b border-slate-200">
                  <td className="p-1">
                    <span className={r.endedAt ? "text-slate-500 line-through" : undefined}>{r.purposeName}</span>
                    {/* Ended processing is still kept until its date: the date stays readable. */}
                    {r.endedAt ? <span className="block text-xs text-slate-600">{t("contact.recordEnded", { date: formatDate(r.endedAt, lang) })}</span> : null}
                    {r.evidence ? <span className="block text-xs text-slate-600">{r.evidence}</span> : null}
                  </td>
                  <td className="p-1">{t(`basis.${r.legalBasis}`)}</td>
                  <td className="p-1">{formatDate(r.since, lang)}</td>
                  <td className="p-1" data-testid={`retention-${r.purpose.code}`}>{r.retentionEndsAt ? formatDate(r.retentionEndsAt, lang) : retentionRuleText(t, ruleOf(r.purpose))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      {consents ? <ContactConsents consents={consents} today={today} errors={actionData?.intent === "record-consent" ? actionData.errors : null} /> : null}

      <section aria-labelledby="timeline-title" className="mt-8 max-w-3xl">
        <h2 id="timeline-title" className="mb-2 text-lg font-semibold">{t("contact.timeline")}</h2>
        {!readOnly ? (
          <Form method="post" className="mb-4 flex flex-col gap-3 rounded border border-slate-200 bg-white p-4">
            <input type="hidden" name="intent" value="log-interaction" />
            <fieldset className="flex flex-wrap gap-4">
              <legend className="mb-1 text-sm font-medium">{t("interaction.kind")}</legend>
              {INTERACTION_KINDS.map((k, i) => (
                <label key={k} className="flex items-center gap-1 text-sm">
                  <input type="radio" name="kind" value={k} defaultChecked={i === 0} /> {t(`interaction.${k}`)}
                </label>
              ))}
            </fieldset>
            <div className="flex flex-wrap gap-3">
              <label className="flex flex-col gap-1 text-sm font-medium">{t("interaction.date")}
                <input type="date" name="occurredOn" defaultValue={today} max={today} className="rounded border border-slate-400 px-2 py-1" />
              </label>
              <label className="flex flex-1 flex-col gap-1 text-sm font-medium">{t("interaction.summary")}
                <input name="summary" maxLength={2000} className="rounded border border-slate-400 px-2 py-1" />
              </label>
            </div>
            {actionData?.intent === "log-interaction" ? <p role="alert" className="text-sm text-red-700">{Object.values(actionData.errors as Record<string, string>).map((e) => t(e)).join(" ")}</p> : null}
            <div><Button>{t("interaction.log")}</Button></div>
          </Form>
        ) : null}
        {contact.interactions.length === 0 ? (
          <p className="text-sm text-slate-600">{t("interaction.none")}</p>
        ) : (
          <ol className="flex flex-col gap-2">
            {contact.interactions.map((i) => (
              <li key={i.id} className="rounded border border-slate-200 bg-white p-3 text-sm">
                <p className="font-medium">{t(`interaction.${i.kind}`)} · {formatDate(i.occurredAt, lang)} · {i.staff?.name ?? "—"}</p>
                {i.summary ? <p className="mt-1 whitespace-pre-wrap">{i.summary}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <ContactCommerceSection data={commerce} contactId={contact.id} canQuote={!readOnly} />

      {contact.canRestrict && !contact.restricted && !contact.erasedAt ? (
        <section aria-labelledby="restrict-title" className="mt-8 max-w-3xl">
          <h2 id="restrict-title" className="mb-2 text-lg font-semibold">{t("contact.restrictTitle")}</h2>
          <Form method="post" className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="intent" value="restrict" />
            <label className="flex flex-1 flex-col gap-1 text-sm font-medium">{t("contact.restrictionReason")}
              <input name="reason" required maxLength={500} className="rounded border border-slate-400 px-2 py-1" />
            </label>
            <Button kind="danger">{t("contact.restrict")}</Button>
          </Form>
          {actionData?.intent === "restrict" ? <p role="alert" className="text-sm text-red-700">{Object.values(actionData.errors as Record<string, string>).map((e) => t(e)).join(" ")}</p> : null}
        </section>
      ) : null}
    </>
  );
}
