import { data } from "@remix-run/node";
import { config } from "./config.server";

/** The client's IP address: the socket address passed by the server, or X-Forwarded-For behind a trusted proxy. */
export function clientIp(request: Request): string | null {
  if (config.trustProxy) {
    const forwarded = request.headers.get("X-Forwarded-For");
    if (forwarded) return forwarded.split(",")[0].trim();
  }
  return request.headers.get("X-Crm-Client-Ip");
}

/** Cookies are marked Secure when the app is reached over HTTPS. */
export function isHttps(request: Request): boolean {
  if (config.trustProxy && request.headers.get("X-Forwarded-Proto") === "https") return true;
  return new URL(request.url).protocol === "https:";
}

/** Throws a response with `status` when the condition fails (404 for a missing record, 400 for a bad URL…). */
export function invariantResponse(
  condition: unknown,
  message: string,
  status = 400,
): asserts condition {
  if (!condition) throw data({ message }, { status });
}

/** Parses a positive integer route parameter, or answers 404. */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  invariantResponse(Number.isSafeInteger(id) && id > 0, "Not found", 404);
  return id;
}

/** A same-site path to go to after sign-in; anything else falls back to "/". */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

/**
 * True for a body that is not the multipart form an upload expects: a plain form, a cut-off
 * stream, a broken part header. The sender's mistake (answered with a message), not a server error.
 */
export function isMalformedMultipart(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.message === "Could not parse content as FormData." || /^malformed (multipart-form|content-disposition)/.test(error.message);
}
