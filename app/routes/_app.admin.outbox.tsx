import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/lib/auth.server";
import { listOutbox } from "~/lib/mail.server";
import { PageHeader } from "~/ui/app-shell";
import { EmptyState } from "~/ui/empty-state";
import { formatDateTime } from "~/ui/format";

// Mail kept here when no SMTP server is configured (SMTP_URL unset).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  return { mails: await listOutbox() };
}

export default function OutboxPage() {
  const { t, i18n } = useTranslation();
  const { mails } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("admin.outbox")} />
      <p className="mb-4 text-sm text-slate-600">{t("outbox.intro")}</p>
      {mails.length === 0 ? (
        <EmptyState title={t("outbox.empty")} />
      ) : (
        <ul className="flex flex-col gap-4">
          {mails.map((m) => (
            <li key={m.id} className="rounded border border-slate-200 bg-white p-4">
              <p className="text-sm text-slate-600">{formatDateTime(m.createdAt, i18n.language)} · {t("outbox.to")}: {m.to}</p>
              <p className="font-semibold">{m.subject}</p>
              <pre className="mt-2 whitespace-pre-wrap text-sm">{m.text}</pre>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
