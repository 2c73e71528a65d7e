import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { secret } from "./config.server";

/** A message shown once on the next page: a catalogue key plus values to interpolate. */
export type Flash = { kind: "success" | "error" | "info"; key: string; values?: Record<string, string | number> };

let storage: ReturnType<typeof createCookieSessionStorage<Record<string, never>, { message: Flash }>> | null = null;
function flashStorage() {
  storage ??= createCookieSessionStorage<Record<string, never>, { message: Flash }>({
    cookie: {
      name: "crm_flash",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secrets: [secret("FLASH_SECRET")],
      secure: process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE === "1",
    },
  });
  return storage;
}

export async function flashCookie(request: Request, flash: Flash): Promise<string> {
  const session = await flashStorage().getSession(request.headers.get("Cookie"));
  session.flash("message", flash);
  return flashStorage().commitSession(session);
}

/** Redirects with a flash message; extra Set-Cookie headers (e.g. a new session) can be added. */
export async function redirectWithFlash(request: Request, to: string, flash: Flash, setCookies: string[] = []): Promise<Response> {
  const headers = new Headers();
  headers.append("Set-Cookie", await flashCookie(request, flash));
  for (const cookie of setCookies) headers.append("Set-Cookie", cookie);
  return redirect(to, { headers });
}

/** Reads (and consumes) the pending flash message. */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const cookieHeader = request.headers.get("Cookie");
  if (!cookieHeader?.includes("crm_flash=")) return { flash: null, setCookie: null };
  const session = await flashStorage().getSession(cookieHeader);
  const flash = (session.get("message") as Flash | undefined) ?? null;
  return { flash, setCookie: await flashStorage().commitSession(session) };
}
