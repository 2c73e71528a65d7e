import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { RECORDABLE_CONSENT_CHANNELS } from "~/domain/privacy/consent.schema";
import { IDENTITY_VERIFICATION_METHODS, type DsrType } from "~/domain/privacy/dsr-dates";
import { DSR_CLOSE_STATUSES } from "~/domain/privacy/dsr.schema";
import { Button, Field, SelectField, TextField } from "~/ui/form";
import { formatDateTime } from "~/ui/format";

type When = Date | string;
type Errors = Record<string, string> | null | undefined;
const areaClass = "rounded border border-slate-400 px-3 py-2 text-base focus:outline-none focus:ring-2 focus:ring-blue-600 aria-[invalid=true]:border-red-600";

export function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded border border-slate-200 bg-white p-4">
      <h2 id={id} className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Hidden({ intent, contactId }: { intent: string; contactId?: number }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      {contactId !== undefined ? <input type="hidden" name="contactId" value={contactId} /> : null}
    </>
  );
}

/** Art. 12(6): how identity was checked and by whom. There is deliberately no file upload. */
export function IdentityPanel({ dsr, open, errors }: {
  dsr: { identityMethod: string | null; identityNote: string | null; identityVerifiedAt: When | null; verifiedBy: string | null }; open: boolean; errors: Errors;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Panel id="identity-title" title={t("dsr.identity")}>
      {dsr.identityVerifiedAt ? (
        <p className="text-sm" data-testid="identity-verified">
          {t("dsr.identityVerifiedBy", { method: t(`dsr.method.${dsr.identityMethod}`), name: dsr.verifiedBy ?? "—", date: formatDateTime(dsr.identityVerifiedAt, i18n.language) })}
          {dsr.identityNote ? <span className="block text-slate-700">{dsr.identityNote}</span> : null}
        </p>
      ) : open ? (
        <Form method="post" className="flex flex-col gap-3">
          <Hidden intent="verify-identity" />
          <p className="text-sm text-slate-700">{t("dsr.identityHelp")}</p>
          <SelectField name="method" label={t("dsr.identityMethod")} error={errors?.method} options={IDENTITY_VERIFICATION_METHODS.map((m) => ({ value: m, label: t(`dsr.method.${m}`) }))} />
          <TextField name="note" label={t("dsr.identityNote")} maxLength={500} error={errors?.note} hint={t("dsr.identityNoteHint")} />
          <div><Button>{t("dsr.verifyIdentity")}</Button></div>
        </Form>
      ) : (
        <p className="text-sm">{t("dsr.identityPendingShort")}</p>
      )}
    </Panel>
  );
}

type LinkedContact = { id: number; firstName: string; lastName: string; email: string | null; restricted: boolean; erasedAt: When | null; organisation: { name: string } | null };
type Candidate = { id: number; firstName: string; lastName: string; email: string | null; organisationName: string | null; sameEmail: boolean };

/** What the request type asks to be done to one linked contact. */
function ContactAction({ type, contact, verified }: { type: DsrType; contact: LinkedContact; verified: boolean }) {
  const { t } = useTranslation();
  const name = `${contact.firstName} ${contact.lastName}`;
  if (contact.erasedAt) return <span className="text-slate-600">{t("contact.CONTACT_ERASED")}</span>;
  switch (type) {
    case "erasure":
      return verified ? (
        <Form method="post"><Hidden intent="erase" contactId={contact.id} /><Button kind="danger" aria-label={t("dsr.eraseContact", { name })}>{t("dsr.erase")}</Button></Form>
      ) : <span className="text-sm text-slate-700">{t("dsr.verifyFirst")}</span>;
    case "restriction":
      return contact.restricted ? <span>{t("contact.restrictedBadge")}</span> : (
        <Form method="post"><Hidden intent="restrict" contactId={contact.id} /><Button kind="secondary" aria-label={t("dsr.restrictContact", { name })}>{t("contact.restrict")}</Button></Form>
      );
    case "objection":
      return (
        <Form method="post" className="flex flex-wrap items-center gap-2">
          <Hidden intent="object" contactId={contact.id} />
          <label className="sr-only" htmlFor={`object-channel-${contact.id}`}>{t("consent.channel")}</label>
          <select id={`object-channel-${contact.id}`} name="channel" defaultValue="email" className="rounded border border-slate-400 px-2 py-1">
            {RECORDABLE_CONSENT_CHANNELS.map((c) => <option key={c} value={c}>{t(`consent.channel.${c}`)}</option>)}
          </select>
          <Button kind="danger" aria-label={t("dsr.objectFor", { name })}>{t("dsr.object")}</Button>
        </Form>
      );
    case "rectification":
      return <Link to={`/contacts/${contact.id}/edit`} className="text-blue-700 underline">{t("dsr.rectify")}</Link>;
    case "consent-withdrawal":
      return <Link to={`/contacts/${contact.id}#consents`} className="text-blue-700 underline">{t("dsr.openConsents")}</Link>;
    default:
      return null;
  }
}

export function ContactsPanel({ type, contacts, candidates, q, open, verified }: {
  type: DsrType; contacts: LinkedContact[]; candidates: Candidate[]; q: string; open: boolean; verified: boolean;
}) {
  const { t } = useTranslation();
  const linked = new Set(contacts.map((c) => c.id));
  return (
    <Panel id="contacts-title" title={t("dsr.contacts")}>
      {contacts.length === 0 ? <p className="text-sm text-slate-600">{t("dsr.noContacts")}</p> : (
        <table className="min-w-full text-sm">
          <caption className="sr-only">{t("dsr.contacts")}</caption>
          <thead><tr className="border-b border-slate-300 text-left">
            <th scope="col" className="p-1">{t("contact.person")}</th>
            <th scope="col" className="p-1">{t("contact.email")}</th>
            <th scope="col" className="p-1">{t("dsr.action")}</th>
            {open ? <th scope="col" className="p-1"><span className="sr-only">{t("dsr.unlink")}</span></th> : null}
          </tr></thead>
          <tbody>
            {contacts.map((c) => (
              <tr key={c.id} className="border-b border-slate-200 align-top">
                <td className="p-1"><Link to={`/contacts/${c.id}`} className="text-blue-700 underline">{c.firstName} {c.lastName}</Link>{c.organisation ? ` · ${c.organisation.name}` : ""}</td>
                <td className="p-1">{c.email ?? "—"}</td>
                <td className="p-1">{open ? <ContactAction type={type} contact={c} verified={verified} /> : "—"}</td>
                {open ? (
                  <td className="p-1"><Form method="post"><Hidden intent="unlink-contact" contactId={c.id} /><button type="submit" className="text-sm text-blue-700 underline" aria-label={t("dsr.unlinkContact", { name: `${c.firstName} ${c.lastName}` })}>{t("dsr.unlink")}</button></Form></td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open ? (
        <div className="mt-4">
          <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
            <TextField name="q" type="search" label={t("dsr.searchContacts")} defaultValue={q} maxLength={100} />
            <Button kind="secondary">{t("dsr.search")}</Button>
          </Form>
          <h3 className="mb-1 mt-3 text-sm font-semibold">{t("dsr.candidates")}</h3>
          {candidates.length === 0 ? <p className="text-sm text-slate-600">{t("dsr.noCandidates")}</p> : (
            <ul className="flex flex-col gap-1 text-sm">
              {candidates.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center gap-2">
                  <span>{c.firstName} {c.lastName}{c.organisationName ? ` · ${c.organisationName}` : ""}{c.email ? ` · ${c.email}` : ""}</span>
                  {c.sameEmail ? <span className="rounded bg-green-100 px-2 py-0.5 text-xs">{t("dsr.sameEmail")}</span> : null}
                  {linked.has(c.id) ? <span className="text-xs text-slate-600">{t("dsr.alreadyLinked")}</span> : (
                    <Form method="post"><Hidden intent="link-contact" contactId={c.id} /><Button kind="secondary" aria-label={t("dsr.linkContact", { name: `${c.firstName} ${c.lastName}` })}>{t("dsr.link")}</Button></Form>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </Panel>
  );
}

export function ExtendPanel({ errors }: { errors: Errors }) {
  const { t } = useTranslation();
  return (
    <Panel id="extend-title" title={t("dsr.extendTitle")}>
      <Form method="post" className="flex flex-col gap-3">
        <Hidden intent="extend" />
        <p className="text-sm text-slate-700">{t("dsr.extendHelp")}</p>
        <Field label={t("dsr.extensionReason")} error={errors?.reason}>
          {({ id, describedBy, invalid }) => <textarea id={id} name="reason" required maxLength={1000} rows={2} aria-describedby={describedBy} aria-invalid={invalid} className={areaClass} />}
        </Field>
        <div><Button kind="secondary">{t("dsr.extend")}</Button></div>
      </Form>
    </Panel>
  );
}

export function ClosePanel({ errors }: { errors: Errors }) {
  const { t } = useTranslation();
  return (
    <Panel id="close-title" title={t("dsr.closeTitle")}>
      <Form method="post" className="flex flex-col gap-3">
        <Hidden intent="close" />
        <SelectField name="status" label={t("dsr.statusLabel")} error={errors?.status} options={DSR_CLOSE_STATUSES.map((s) => ({ value: s, label: t(`dsr.status.${s}`) }))} />
        <Field label={t("dsr.outcome")} error={errors?.outcome} hint={t("dsr.outcomeHint")}>
          {({ id, describedBy, invalid }) => <textarea id={id} name="outcome" required maxLength={2000} rows={3} aria-describedby={describedBy} aria-invalid={invalid} className={areaClass} />}
        </Field>
        <div><Button>{t("dsr.close")}</Button></div>
      </Form>
    </Panel>
  );
}
