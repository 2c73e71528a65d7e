import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/lib/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  return null;
}

const tabs = [
  { to: "/admin/staff", key: "admin.staff" },
  { to: "/admin/audit", key: "admin.audit" },
  { to: "/admin/outbox", key: "admin.outbox" },
  { to: "/admin/company", key: "company.tab" },
  { to: "/admin/purposes", key: "purposeAdmin.tab" },
  { to: "/admin/processors", key: "processor.tab" },
  { to: "/admin/security", key: "adminSecurity.tab" },
];

export default function AdminLayout() {
  const { t } = useTranslation();
  return (
    <>
      <nav aria-label={t("nav.admin")} className="no-print mb-6 border-b border-slate-200">
        <ul className="flex gap-4">
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to}
                className={({ isActive }) => `inline-block border-b-2 px-1 pb-2 text-sm ${isActive ? "border-blue-700 font-semibold" : "border-transparent text-slate-700"}`}
              >
                {t(tab.key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
