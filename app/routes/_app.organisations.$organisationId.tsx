import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatPhone } from "~/domain/contacts/phone";
import { organisationListQuerySchema } from "~/domain/organisations/organisation.schema";
import { getOrganisation, organisationContacts } from "~/domain/organisations/organisations.server";
import { formatVat } from "~/domain/organisations/vat";
import { organisationCommerce } from "~/domain/quotes/commerce-summary.server";
import { requireStaff } from "~/lib/auth.server";
import { idParam, invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { EmptyState } from "~/ui/empty-state";
import { OrganisationCommerceSection } from "~/ui/contact-commerce";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const id = idParam(params.organisationId);
  const query = organisationListQuerySchema.pick({ after: true }).safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(query.success, "Bad page", 400);
  const organisation = await getOrganisation(id);
  invariantResponse(organisation, "Not found", 404);
  return { organisation, contacts: await organisationContacts(id, query.data.after), commerce: await organisationCommerce(id) };
}

export default function OrganisationPage() {
  const { t } = useTranslation();
  const { organisation: org, contacts } = useLoaderData<typeof loader>();
  const { commerce } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const address = [org.street, [org.postalCode, org.city].filter(Boolean).join(" "), org.country].filter(Boolean);
  const tags = org.tags.split(" ").filter(Boolean);
  return (
    <>
      <p className="mb-2 text-sm"><Link to="/organisations" className="text-blue-700 underline">{t("organisation.backToList")}</Link></p>
      <PageHeader
        title={org.name}
        actions={<Link to={`/organisations/${org.id}/edit`} className="rounded border border-slate-400 bg-white px-4 py-2 text-sm font-medium">{t("organisation.edit")}</Link>}
      />
      <section aria-labelledby="org-details" className="mb-8">
        <h2 id="org-details" className="sr-only">{t("organisation.details")}</h2>
        <dl className="grid max-w-2xl grid-cols-[12rem_1fr] gap-y-2 text-sm">
          <dt className="font-medium">{t("organisation.vatNumber")}</dt><dd>{org.vatNumber ? formatVat(org.vatNumber) : "—"}</dd>
          <dt className="font-medium">{t("organisation.phone")}</dt>
          <dd>{org.phone ? <a href={`tel:${org.phone}`} className="text-blue-700 underline">{formatPhone(org.phone)}</a> : "—"}</dd>
          <dt className="font-medium">{t("organisation.address")}</dt>
          <dd>{address.length ? address.map((line) => <span key={line} className="block">{line}</span>) : "—"}</dd>
          <dt className="font-medium">{t("organisation.website")}</dt>
          <dd>{org.website ? <a href={org.website} rel="noopener noreferrer" className="text-blue-700 underline">{org.website}</a> : "—"}</dd>
          <dt className="font-medium">{t("organisation.tags")}</dt>
          <dd>
            {tags.length ? (
              <ul className="flex flex-wrap gap-1">{tags.map((tag) => <li key={tag} className="rounded bg-slate-100 px-2 py-0.5">{tag}</li>)}</ul>
            ) : "—"}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="org-contacts">
        <h2 id="org-contacts" className="mb-3 text-lg font-semibold">{t("organisation.contacts")} ({org._count.contacts})</h2>
        {contacts.items.length === 0 ? (
          <EmptyState title={t("organisation.noContacts")} />
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full border-collapse text-sm">
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className="p-2">{t("organisation.contactName")}</th>
                  <th scope="col" className="p-2">{t("organisation.jobTitle")}</th>
                  <th scope="col" className="p-2">{t("organisation.stage")}</th>
                </tr>
              </thead>
              <tbody>
                {contacts.items.map((c) => (
                  <tr key={c.id} className="border-b border-slate-200">
                    <td className="p-2">
                      <Link to={`/contacts/${c.id}`} className="text-blue-700 underline">{c.lastName}, {c.firstName}</Link>
                      {c.restricted ? <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs">{t("organisation.restricted")}</span> : null}
                      {c.erased ? <span className="ml-2 rounded bg-slate-200 px-1.5 text-xs">{t("organisation.erased")}</span> : null}
                    </td>
                    <td className="p-2">{c.jobTitle ?? "—"}</td>
                    <td className="p-2">{t(`organisation.stage.${c.stage}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label={t("common.pagination")} className="mt-4 flex gap-4 text-sm">
          {params.get("after") ? <Link to={`/organisations/${org.id}`} className="text-blue-700 underline">{t("common.firstPage")}</Link> : null}
          {contacts.nextCursor ? <Link to={`?after=${contacts.nextCursor}`} className="text-blue-700 underline">{t("common.nextPage")}</Link> : null}
        </nav>
      </section>
      <OrganisationCommerceSection data={commerce} organisationId={org.id} />
    </>
  );
}
