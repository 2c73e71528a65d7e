import type { LoaderFunctionArgs } from "@remix-run/node";
import { attendanceCsv } from "~/domain/trainings/attendance.server";
import { requireStaff } from "~/lib/auth.server";
import { idParam, invariantResponse } from "~/lib/http.server";
import { translator } from "~/lib/i18n/i18next.server";

/** Attendance export (CSV with BOM, formula-guarded cells via csvCell), headers in the staff member's language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const csv = await attendanceCsv(idParam(params.trainingId), await translator(staff.language));
  invariantResponse(csv, "Not found", 404);
  return new Response(csv.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csv.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
