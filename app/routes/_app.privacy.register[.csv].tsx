import type { LoaderFunctionArgs } from "@remix-run/node";
import { registerCsv } from "~/domain/privacy/register.server";
import { requireStaff } from "~/lib/auth.server";
import { isLanguage } from "~/lib/i18n/i18n";
import { translator } from "~/lib/i18n/i18next.server";

/** The Art. 30 record as CSV (UTF-8 with BOM, semicolons as Excel in Belgium expects, formula-guarded cells). */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "manager" });
  const language = isLanguage(staff.language) ? staff.language : "en";
  const t = await translator(language);
  const csv = await registerCsv(staff.actor, language, (key, values) => t(key, values));
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(new Date());
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="record-of-processing-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
