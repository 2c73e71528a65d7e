import type { LoaderFunctionArgs } from "@remix-run/node";
import { organisationOptions } from "~/domain/organisations/organisations.server";
import { requireStaff } from "~/lib/auth.server";

/** Resource route for the contact form's organisation picker: `?q=` → `[{ id, name }]`, at most 20. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  return Response.json(await organisationOptions(q), { headers: { "Cache-Control": "private, no-store" } });
}
