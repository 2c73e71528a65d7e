import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listStaff } from "~/domain/staff/staff.server";
import { requireStaff } from "~/lib/auth.server";
import { PageHeader } from "~/ui/app-shell";
import { formatDateTime } from "~/ui/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "admin" });
  return { staff: await listStaff(staff.actor), now: Date.now() };
}

export default function StaffListPage() {
  const { t, i18n } = useTranslation();
  const { staff, now } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={t("admin.staff")}
        actions={<Link to="/admin/staff/new" className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white">{t("staff.new")}</Link>}
      />
      <div className="overflow-x-auto">
        <table className="min-w-full border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="p-2">{t("staff.name")}</th>
              <th scope="col" className="p-2">{t("auth.email")}</th>
              <th scope="col" className="p-2">{t("staff.role")}</th>
              <th scope="col" className="p-2">{t("staff.status")}</th>
              <th scope="col" className="p-2">{t("staff.lastSignIn")}</th>
              <th scope="col" className="p-2">{t("staff.lastIp")}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => {
              const locked = s.lockedUntil && new Date(s.lockedUntil).getTime() > now;
              return (
                <tr key={s.id} className="border-b border-slate-200">
                  <td className="p-2"><Link to={`/admin/staff/${s.id}`} className="text-blue-700 underline">{s.name}</Link></td>
                  <td className="p-2">{s.email}</td>
                  <td className="p-2">{t(`role.${s.role}`)}</td>
                  <td className="p-2">{!s.active ? t("staff.inactive") : locked ? t("staff.locked") : t("staff.active")}</td>
                  <td className="p-2">{formatDateTime(s.lastLoginAt, i18n.language)}</td>
                  <td className="p-2">{s.lastLoginIp ?? "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
