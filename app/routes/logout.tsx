import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getStaff } from "~/lib/auth.server";
import { isHttps } from "~/lib/http.server";
import { clearSessionCookie, invalidateSession } from "~/lib/session.server";

// Public: signing out must work whatever state the session is in; it only ever ends the caller's own session.
export async function action({ request }: ActionFunctionArgs) {
  const staff = await getStaff(request);
  if (staff) await invalidateSession(staff.sessionId);
  return redirect("/login", { headers: { "Set-Cookie": clearSessionCookie(isHttps(request)) } });
}

export async function loader(_args: LoaderFunctionArgs) {
  return redirect("/");
}
