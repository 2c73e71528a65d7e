import type { LoaderFunctionArgs } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { requireStaff } from "~/lib/auth.server";
import { ErrorPage } from "~/root";

// Any unknown address: signed-out visitors go to sign-in, staff get the 404 page inside the shell.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
