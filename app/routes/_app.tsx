import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/root";
import { requireStaff } from "~/lib/auth.server";
import { AppShell } from "~/ui/app-shell";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  return { staff: { name: staff.name, role: staff.role } };
}

export default function AppLayout() {
  const { staff } = useLoaderData<typeof loader>();
  return (
    <AppShell staff={staff}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
