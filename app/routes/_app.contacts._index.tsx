import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteError, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { BULK_INTENTS, bulkActionSchema, CONTACT_SORTS, contactListQuerySchema } from "~/domain/contacts/contact-list.schema";
import { bulkAddTag, bulkAssignOwner, contactListOptions, countContacts, listContacts } from "~/domain/contacts/contact-list.server";
import { canReassignOwner, SOURCE_KINDS, STAGES } from "~/domain/contacts/contact-rules";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { invariantResponse } from "~/lib/http.server";
import { isLanguage } from "~/lib/i18n/i18n";
import { ErrorPage, useRootData } from "~/root";
import { PageHeader } from "~/ui/app-shell";
import { EmptyState } from "~/ui/empty-state";
import { Button } from "~/ui/form";
import { formatDate } from "~/ui/format";

const FILTERS = ["q", "stage", "ownerId", "tag", "purposeId", "sourceKind", "tradeFairId", "restricted", "retentionFlagged"];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const parsed = contactListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(parsed.success, "Bad filter", 400);
  const query = parsed.data;
  const options = await contactListOptions(isLanguage(staff.language) ? staff.language : "en");
  const filtered = FILTERS.some((key) => query[key as keyof typeof query] !== undefined);
  return { ...listContacts(query), sort: query.sort, total: countContacts(query), options, filtered, canAssign: canReassignOwner(staff.actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  invariantResponse(BULK_INTENTS.some((known) => known === intent), "Unknown intent", 400);
  // Back to the same filtered page the selection was made on.
  const params = new URL(request.url).searchParams;
  params.delete("index");
  const back = params.size ? `/contacts?${params}` : "/contacts";
  const parsed = parseFormData(formData, bulkActionSchema);
  if (!parsed.ok) return redirectWithFlash(request, back, { kind: "error", key: Object.values(parsed.errors)[0] });
  const input = parsed.data;
  const result = input.intent === "assign-owner"
    ? await bulkAssignOwner(staff.actor, input.ids, input.ownerId)
    : await bulkAddTag(staff.actor, input.ids, input.tag);
  if (!result.ok) return redirectWithFlash(request, back, { kind: "error", key: "contactList.bulk.ownerNotFound" });
  const skipped = result.skipped.length;
  return redirectWithFlash(request, back, {
    kind: skipped ? "info" : "success",
    key: skipped ? "contactList.bulk.doneSkipped" : "contactList.bulk.done",
    values: { updated: result.updated, skipped },
  });
}

const field = "rounded border border-slate-400 px-3 py-2 text-sm";
const link = "text-blue-700 underline";

export default function ContactListPage() {
  const { t, i18n } = useTranslation();
  const { rows, nextCursor, sort, total, options, filtered, canAssign } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const href = (changes: Record<string, string | null>, base = "/contacts") => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) if (value === null) next.delete(key); else next.set(key, value);
    return next.size ? `${base}?${next}` : base;
  };
  const exportHref = (delimiter: string) => href({ cursor: null, sort: null, delimiter }, "/contacts/export");
  const n = new Intl.NumberFormat(i18n.language).format(total.count);
  const countText = total.more ? t("contactList.countAtLeast", { n }) : total.count === 1 ? t("contactList.countOne", { n }) : t("contactList.countMany", { n });
  const selectAll = (event: ChangeEvent<HTMLInputElement>) => {
    event.currentTarget.form?.querySelectorAll<HTMLInputElement>('input[name="ids"]').forEach((box) => (box.checked = event.currentTarget.checked));
  };
  const choice = (value: string | number, label: string) => ({ value: String(value), label });
  // After a bulk action went through, clear the selection; after an error, keep it to fix and retry.
  const bulkForm = useRef<HTMLFormElement>(null);
  const flash = useRootData()?.flash;
  useEffect(() => {
    if (flash && flash.kind !== "error") bulkForm.current?.reset();
  }, [flash]);
  return (
    <>
      <PageHeader
        title={t("contactList.title")}
        actions={<Link to="/contacts/new" className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white">{t("contactList.new")}</Link>}
      />
      <Form method="get" key={params.toString()} className="mb-4 flex flex-wrap items-end gap-3" aria-label={t("common.filters")}>
        <div className="flex flex-col gap-1">
          <label htmlFor="f-q" className="text-sm font-medium">{t("contactList.search")}</label>
          <input id="f-q" type="search" name="q" maxLength={100} defaultValue={params.get("q") ?? ""} autoFocus={!params.get("q")}
            aria-describedby="f-q-hint" className={`${field} w-72`} />
          <p id="f-q-hint" className="text-xs text-slate-600">{t("contactList.searchHint")}</p>
        </div>
        <FilterSelect name="stage" label={t("contactList.stage")} options={STAGES.map((s) => choice(s, t(`stage.${s}`)))} />
        <FilterSelect name="ownerId" label={t("contactList.owner")}
          options={[choice("unassigned", t("contactList.unassigned")), ...options.owners.map((o) => choice(o.id, o.name))]} />
        <div className="flex flex-col gap-1">
          <label htmlFor="f-tag" className="text-sm font-medium">{t("contactList.tag")}</label>
          <input id="f-tag" name="tag" maxLength={40} defaultValue={params.get("tag") ?? ""} className={`${field} w-32`} />
        </div>
        <FilterSelect name="purposeId" label={t("contactList.purpose")} options={options.purposes.map((p) => choice(p.id, p.name))} />
        <FilterSelect name="sourceKind" label={t("contactList.source")} options={SOURCE_KINDS.map((s) => choice(s, t(`source.${s}`)))} />
        <FilterSelect name="tradeFairId" label={t("contactList.tradeFair")} options={options.tradeFairs.map((f) => choice(f.id, f.name))} />
        <FilterSelect name="restricted" label={t("contactList.restricted")} options={[choice("yes", t("contactList.yes")), choice("no", t("contactList.no"))]} />
        <FilterSelect name="retentionFlagged" label={t("contactList.retentionFlagged")} options={[choice("yes", t("contactList.yes")), choice("no", t("contactList.no"))]} />
        <FilterSelect name="sort" label={t("contactList.sort")} allLabel={t("contactList.sort.default")}
          options={CONTACT_SORTS.map((s) => choice(s, t(`contactList.sort.${s}`)))} />
        <Button kind="secondary">{t("contactList.searchButton")}</Button>
      </Form>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-3 text-sm">
        <p aria-live="polite" className="font-medium">{countText}</p>
        {rows.length ? (
          <p className="flex flex-wrap gap-3">
            <span>{t("contactList.export")}:</span>
            <a href={exportHref("semicolon")} className={link}>{t("contactList.exportSemicolon")}</a>
            <a href={exportHref("comma")} className={link}>{t("contactList.exportComma")}</a>
            <span className="text-slate-600">{t("contactList.exportNote")}</span>
          </p>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <EmptyState title={t(filtered ? "contactList.emptyFiltered" : "contactList.empty")}>
          <p className="flex justify-center gap-4">
            {filtered ? <Link to="/contacts" className={link}>{t("contactList.clearFilters")}</Link> : null}
            <Link to="/contacts/new" className={link}>{t("contactList.createFirst")}</Link>
          </p>
        </EmptyState>
      ) : (
        <Form method="post" ref={bulkForm}>
          <fieldset className="mb-3 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
            <legend className="px-1 text-sm font-medium">{t("contactList.bulk.legend")}</legend>
            {canAssign ? (
              <div className="flex items-end gap-2">
                <div className="flex flex-col gap-1">
                  <label htmlFor="b-owner" className="text-sm">{t("contactList.bulk.newOwner")}</label>
                  <select id="b-owner" name="ownerId" defaultValue="" className={field}>
                    <option value="" disabled>—</option>
                    <option value="unassigned">{t("contactList.unassigned")}</option>
                    {options.owners.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
                  </select>
                </div>
                <Button kind="secondary" name="intent" value="assign-owner">{t("contactList.bulk.assignOwner")}</Button>
              </div>
            ) : null}
            <div className="flex items-end gap-2">
              <div className="flex flex-col gap-1">
                <label htmlFor="b-tag" className="text-sm">{t("contactList.bulk.tag")}</label>
                <input id="b-tag" name="tag" maxLength={40} className={`${field} w-40`} />
              </div>
              <Button kind="secondary" name="intent" value="add-tag">{t("contactList.bulk.addTag")}</Button>
            </div>
          </fieldset>
          <div className="overflow-x-auto">
            <table className="min-w-full border-collapse text-sm">
              <caption className="sr-only">{t("contactList.title")}</caption>
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className="w-8 p-2">
                    <input type="checkbox" onChange={selectAll} aria-label={t("contactList.selectAll")} />
                  </th>
                  <th scope="col" className="p-2" aria-sort={sort === "name" ? "ascending" : sort === "name-desc" ? "descending" : undefined}>
                    <Link to={href({ sort: sort === "name" ? "name-desc" : "name", cursor: null })} className={link}>{t("contactList.col.name")}</Link>
                  </th>
                  <th scope="col" className="p-2">{t("contactList.col.email")}</th>
                  <th scope="col" className="p-2">{t("contactList.col.organisation")}</th>
                  <th scope="col" className="p-2">{t("contactList.stage")}</th>
                  <th scope="col" className="p-2">{t("contactList.owner")}</th>
                  <th scope="col" className="p-2" aria-sort={sort === "last-interaction" ? "descending" : undefined}>
                    <Link to={href({ sort: "last-interaction", cursor: null })} className={link}>{t("contactList.col.lastInteraction")}</Link>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => {
                  const name = `${c.firstName} ${c.lastName}`;
                  return (
                    <tr key={c.id} className="border-b border-slate-200 align-top">
                      <td className="p-2"><input type="checkbox" name="ids" value={c.id} aria-label={t("contactList.select", { name })} /></td>
                      <td className="p-2">
                        <Link to={`/contacts/${c.id}`} className={link}>{name}</Link>
                        {c.restricted ? <Badge className="bg-amber-100 text-amber-900">{t("contactList.badge.restricted")}</Badge> : null}
                        {c.retentionFlaggedAt ? <Badge className="bg-red-100 text-red-900">{t("contactList.badge.review")}</Badge> : null}
                      </td>
                      <td className="p-2">{c.email ?? ""}</td>
                      <td className="p-2">{c.organisationName ?? ""}</td>
                      <td className="p-2">{t(`stage.${c.stage}`)}</td>
                      <td className="p-2">{c.ownerName ?? t("contactList.unassigned")}</td>
                      <td className="whitespace-nowrap p-2">{formatDate(c.lastInteractionAt, i18n.language)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Form>
      )}
      <nav aria-label={t("common.pagination")} className="mt-4 flex gap-4 text-sm">
        {params.get("cursor") ? <Link to={href({ cursor: null })} className={link}>{t("common.firstPage")}</Link> : null}
        {nextCursor ? <Link to={href({ cursor: nextCursor })} className={link}>{t("common.nextPage")}</Link> : null}
      </nav>
    </>
  );
}

function FilterSelect({ name, label, options, allLabel }: { name: string; label: string; options: { value: string; label: string }[]; allLabel?: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`f-${name}`} className="text-sm font-medium">{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={params.get(name) ?? ""} className={`${field} max-w-[16rem]`}>
        <option value="">{allLabel ?? t("common.all")}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

function Badge({ className, children }: { className: string; children: string }) {
  return <span className={`ml-2 inline-block rounded px-1.5 py-0.5 text-xs font-medium ${className}`}>{children}</span>;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
