import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportContactsCsv, recordContactExport } from "~/domain/contacts/contact-export.server";
import { contactExportQuerySchema, contactListQuerySchema } from "~/domain/contacts/contact-list.schema";
import { requireStaff } from "~/lib/auth.server";
import { invariantResponse } from "~/lib/http.server";
import { isLanguage } from "~/lib/i18n/i18n";
import { translator } from "~/lib/i18n/i18next.server";

/** The contact list as CSV, with the list's filters; streamed, so a million rows never sit in memory. */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const filter = contactListQuerySchema.safeParse({ ...search, sort: undefined, cursor: undefined });
  const format = contactExportQuerySchema.safeParse(search);
  invariantResponse(filter.success && format.success, "Bad filter", 400);
  const language = isLanguage(staff.language) ? staff.language : "en";
  const delimiter = format.data.delimiter === "comma" ? "," : ";";
  const t = await translator(language);
  await recordContactExport(staff.actor, filter.data, delimiter);
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(new Date());
  return new Response(exportContactsCsv(filter.data, { delimiter, language, t: (key) => t(key) }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="contacts-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
