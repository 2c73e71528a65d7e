import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ROLES } from "~/domain/staff/roles";
import { requiredRolesSchema } from "~/domain/staff/two-factor.schema";
import { setTwoFactorRequiredRoles, twoFactorRequiredRoles } from "~/domain/staff/two-factor.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { PageHeader } from "~/ui/app-shell";
import { Button } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Security" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  return { required: await twoFactorRequiredRoles() };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { role: "admin" });
  const parsed = parseFormData(await request.formData(), requiredRolesSchema);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  await setTwoFactorRequiredRoles(staff.actor, parsed.data.roles);
  return redirectWithFlash(request, "/admin/security", { kind: "success", key: "adminSecurity.saved" });
}

export default function AdminSecurityPage() {
  const { t } = useTranslation();
  const { required } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("adminSecurity.title")} />
      <Form method="post" className="max-w-2xl">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 text-lg font-semibold">{t("adminSecurity.requireTwoFactor")}</legend>
          <p className="mb-2 text-sm text-slate-700">{t("adminSecurity.requireTwoFactorHint")}</p>
          {ROLES.map((role) => (
            <label key={role} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="roles" value={role} defaultChecked={required.includes(role)} className="h-4 w-4" />
              {t(`role.${role}`)}
            </label>
          ))}
        </fieldset>
        <Button className="mt-4">{t("common.save")}</Button>
      </Form>
    </>
  );
}
