import { Form, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { roleAtLeast, type Role } from "~/domain/staff/roles";

/** Sections of the product; each appears in the navigation once it exists. */
export const NAV_SECTIONS: { to: string; key: string; role: Role }[] = [
  { to: "/", key: "nav.home", role: "sales" },
  { to: "/contacts", key: "nav.contacts", role: "sales" },
  { to: "/organisations", key: "nav.organisations", role: "sales" },
  { to: "/imports", key: "nav.imports", role: "sales" },
  { to: "/quotes", key: "nav.quotes", role: "sales" },
  { to: "/trainings", key: "nav.trainings", role: "sales" },
  { to: "/privacy", key: "nav.privacy", role: "manager" },
  { to: "/admin", key: "nav.admin", role: "admin" },
];

export function AppShell({ staff, children }: { staff: { name: string; role: Role }; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="min-h-full lg:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {t("nav.skipToContent")}
      </a>
      <header className="no-print border-b border-slate-200 bg-white lg:min-h-screen lg:w-56 lg:shrink-0 lg:border-b-0 lg:border-r">
        <div className="flex items-center justify-between px-4 py-3 lg:block">
          <p className="font-semibold text-blue-800">{t("app.name")}</p>
        </div>
        <nav aria-label={t("nav.main")} className="px-2 pb-2">
          <ul className="flex flex-wrap gap-1 lg:flex-col">
            {NAV_SECTIONS.filter((s) => roleAtLeast(staff.role, s.role)).map((s) => (
              <li key={s.to}>
                <NavLink
                  to={s.to}
                  end={s.to === "/"}
                  className={({ isActive }) =>
                    `block rounded px-3 py-2 text-sm ${isActive ? "bg-blue-100 font-semibold text-blue-900" : "text-slate-700 hover:bg-slate-100"}`
                  }
                >
                  {t(s.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="border-t border-slate-200 px-4 py-3 text-sm">
          <p className="font-medium">{staff.name}</p>
          <p className="text-slate-600">{t(`role.${staff.role}`)}</p>
          <div className="mt-2 flex gap-3">
            <NavLink to="/profile" className="text-blue-700 underline">
              {t("nav.profile")}
            </NavLink>
            <Form method="post" action="/logout">
              <button type="submit" className="text-blue-700 underline">
                {t("auth.signOut")}
              </button>
            </Form>
          </div>
        </div>
      </header>
      <main id="main" className="min-w-0 flex-1 p-4 md:p-6">
        {children}
      </main>
    </div>
  );
}

export function PageHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-2xl font-bold">{title}</h1>
      {actions ? <div className="flex gap-2">{actions}</div> : null}
    </div>
  );
}
