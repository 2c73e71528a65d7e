import { Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";

// Layout only (no loader): each page below guards itself.
export default function AuthLayout() {
  const { t } = useTranslation();
  return (
    <main className="flex min-h-full items-center justify-center p-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="mb-6 text-lg font-semibold text-blue-800">{t("app.name")}</p>
        <Outlet />
      </div>
    </main>
  );
}
