import type { LoaderFunctionArgs } from "@remix-run/node";
import { reasonMessage, type StoredReason } from "~/domain/imports/import-reasons";
import { rejectedRowsHeaders, rejectsCsv } from "~/domain/imports/import-report.server";
import { requireStaff } from "~/lib/auth.server";
import { idParam, invariantResponse } from "~/lib/http.server";
import { translator } from "~/lib/i18n/i18next.server";

/** The uploader's or a manager's download: the rejected rows of a batch as the file had them, plus a reason column in the reader's language, to fix and upload again. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const batchId = idParam(params.batchId);
  const headers = await rejectedRowsHeaders(staff.actor, batchId);
  invariantResponse(headers, "Not found", 404);
  const t = await translator(staff.language);
  const describe = (reason: StoredReason) => {
    const { key, fieldKey } = reasonMessage(reason);
    return fieldKey ? t(key, { field: t(fieldKey) }) : t(key);
  };
  return new Response(rejectsCsv(batchId, headers, { row: t("import.col.row"), reason: t("import.col.reason"), describe }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="rejected-rows-${batchId}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
