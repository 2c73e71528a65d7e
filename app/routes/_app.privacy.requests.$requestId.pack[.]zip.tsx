import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildAccessPack } from "~/domain/privacy/access-pack.server";
import { requireStaff } from "~/lib/auth.server";
import { idParam, invariantResponse } from "~/lib/http.server";
import { translator } from "~/lib/i18n/i18next.server";

/** The access/portability pack of a request as one ZIP; 409 with a readable reason until it may be handed over. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "manager" });
  const result = await buildAccessPack(staff.actor, idParam(params.requestId), staff.language);
  if (!result.ok) {
    invariantResponse(result.reason !== "NOT_FOUND", "Not found", 404);
    const t = await translator(staff.language);
    return new Response(t(`dsr.${result.reason}`), { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  return new Response(result.zip as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${result.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
