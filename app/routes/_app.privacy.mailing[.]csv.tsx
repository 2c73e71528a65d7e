import type { LoaderFunctionArgs } from "@remix-run/node";
import { contactExportQuerySchema } from "~/domain/contacts/contact-list.schema";
import { mailingQuerySchema } from "~/domain/privacy/mailing.schema";
import { exportMailingCsv } from "~/domain/privacy/mailing-export.server";
import { requireStaff } from "~/lib/auth.server";
import { invariantResponse } from "~/lib/http.server";
import { translator } from "~/lib/i18n/i18next.server";

/** The mailing list of one consent purpose, streamed as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "manager" });
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const query = mailingQuerySchema.safeParse(search);
  const format = contactExportQuerySchema.safeParse(search);
  invariantResponse(query.success && format.success, "Bad request", 400);
  const t = await translator(staff.language);
  const result = await exportMailingCsv(staff.actor, query.data.purposeId, { delimiter: format.data.delimiter === "comma" ? "," : ";", t: (key) => t(key) });
  invariantResponse(result.ok, "Not found", 404);
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(new Date());
  return new Response(result.stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="mailing-${result.purposeCode}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
