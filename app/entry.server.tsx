import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance, type i18n as I18n } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nOptions, isLanguage, FALLBACK_LANGUAGE } from "./lib/i18n/i18n";
import { localeOf } from "./lib/i18n/i18next.server";
import { rememberPlainTranslations } from "./lib/i18n/remembered-translations";
import { NonceContext } from "./ui/nonce";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

// One i18next instance per language, made once: building one per request (three languages of the
// whole catalogue) was a visible share of every page's time. Server renders never change its language.
const instances = new Map<string, Promise<I18n>>();
function i18nFor(lng: string): Promise<I18n> {
  let instance = instances.get(lng);
  if (!instance) {
    const created = createInstance();
    // Texts asked without options are looked up once per key (app/lib/i18n/remembered-translations.ts).
    instance = created.use(initReactI18next).init({ ...i18nOptions, lng }).then(() => rememberPlainTranslations(created));
    instances.set(lng, instance);
  }
  return instance;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  const rootData = remixContext.staticHandlerContext.loaderData?.root as { locale?: string } | undefined;
  const lng = isLanguage(rootData?.locale) ? rootData.locale : await localeOf(request).catch(() => FALLBACK_LANGUAGE);
  const instance = await i18nFor(lng);

  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Aborts a render still waiting for its data after ABORT_DELAY (`abort` is assigned just below).
    const abortTimer = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          // Rendered and sent: the timer that aborts a render stuck on its data is not needed any more.
          body.once("close", () => clearTimeout(abortTimer));
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Log only after the shell: errors before it are rejected above and logged by the server.
          if (shellRendered) console.error(error);
        },
      },
    );
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Message and stack only: never the request body or query, which may hold personal data.
  const e = error instanceof Error ? error : new Error(String(error));
  console.error(JSON.stringify({ level: "error", path: new URL(request.url).pathname, message: e.message, stack: e.stack }));
}
