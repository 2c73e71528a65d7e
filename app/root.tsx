import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteError, useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { getStaff } from "./lib/auth.server";
import { readFlash } from "./lib/flash.server";
import { localeOf } from "./lib/i18n/i18next.server";
import { FlashMessage } from "./ui/flash";
import { useNonce } from "./ui/nonce";
import stylesheet from "./styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// Public: the root only reads who is signed in (for the language and the shell); every page below guards itself.
export async function loader({ request }: LoaderFunctionArgs) {
  const [staff, locale, { flash, setCookie }] = await Promise.all([getStaff(request), localeOf(request), readFlash(request)]);
  return data(
    {
      locale,
      flash,
      staff: staff ? { id: staff.id, name: staff.name, role: staff.role, mustChangePassword: staff.mustChangePassword } : null,
    },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

function Document({ children, lang }: { children: React.ReactNode; lang: string }) {
  const nonce = useNonce();
  return (
    <html lang={lang} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="h-full bg-slate-50 text-slate-900">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, flash } = useLoaderData<typeof loader>();
  useChangeLanguage(locale);
  return (
    <Document lang={locale}>
      <FlashMessage flash={flash} />
      <Outlet />
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const root = useRootData();
  return (
    <Document lang={root?.locale ?? "en"}>
      <ErrorPage error={error} />
    </Document>
  );
}

/** Friendly 403/404/500 page, also used by nested error boundaries. */
export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = status === 403 ? "error.forbidden" : status === 404 ? "error.notFound" : status === 400 ? "error.badRequest" : "error.server";
  return (
    <main className="mx-auto max-w-xl p-8" aria-labelledby="error-title">
      <p className="text-sm font-semibold text-slate-500">{status}</p>
      <h1 id="error-title" className="mt-1 text-2xl font-bold">
        {t(`${key}.title`)}
      </h1>
      <p className="mt-2 text-slate-700">{t(`${key}.body`)}</p>
      <a href="/" className="mt-6 inline-block text-blue-700 underline">
        {t("error.backHome")}
      </a>
    </main>
  );
}
