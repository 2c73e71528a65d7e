import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGES } from "~/domain/staff/roles";
import { profileSchema } from "~/domain/staff/staff.schema";
import { getProfile, updateProfile } from "~/domain/staff/staff.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { PageHeader } from "~/ui/app-shell";
import { Button, SelectField, TextField, useValidatedForm } from "~/ui/form";
import { formatDateTime } from "~/ui/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  return { profile: await getProfile(staff.actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const parsed = parseFormData(await request.formData(), profileSchema);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const result = await updateProfile(staff.actor, parsed.data);
  if (!result.ok) return data({ errors: { email: "staff.emailTaken" } }, { status: 400 });
  return redirectWithFlash(request, "/profile", { kind: "success", key: "profile.saved" });
}

export default function ProfilePage() {
  const { t, i18n } = useTranslation();
  const { profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { onSubmit, register, errorFor } = useValidatedForm(profileSchema, {
    serverErrors: actionData?.errors,
    defaultValues: { name: profile.name, email: profile.email, language: profile.language as "en" },
  });
  return (
    <>
      <PageHeader title={t("profile.title")} />
      <div className="grid max-w-4xl gap-8 md:grid-cols-2">
        <section aria-labelledby="profile-details">
          <h2 id="profile-details" className="mb-3 text-lg font-semibold">{t("profile.details")}</h2>
          <Form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
            <TextField label={t("staff.name")} autoComplete="name" registration={register("name")} error={errorFor("name")} />
            <TextField label={t("auth.email")} type="email" autoComplete="email" registration={register("email")} error={errorFor("email")} />
            <SelectField
              label={t("profile.language")}
              registration={register("language")}
              error={errorFor("language")}
              options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
            />
            <Button>{t("common.save")}</Button>
          </Form>
          <p className="mt-6 text-sm text-slate-700">
            {t("profile.lastSignIn", { at: formatDateTime(profile.lastLoginAt, i18n.language), ip: profile.lastLoginIp ?? "—" })}
          </p>
          <p className="mt-2">
            <Link to="/change-password" className="text-blue-700 underline">{t("password.changeTitle")}</Link>
          </p>
          <h2 id="profile-security" className="mb-2 mt-6 text-lg font-semibold">{t("twoFactor.securityHeading")}</h2>
          <p className="text-sm">{profile.totpEnabledAt ? t("twoFactor.statusOn") : t("twoFactor.statusOff")}</p>
          <ul className="mt-2 flex flex-col gap-1">
            <li><Link to="/profile/two-factor" className="text-blue-700 underline">{t("twoFactor.manage")}</Link></li>
            <li><Link to="/profile/sessions" className="text-blue-700 underline">{t("sessions.title")}</Link></li>
          </ul>
        </section>
        <section aria-labelledby="profile-photo">
          <h2 id="profile-photo" className="mb-3 text-lg font-semibold">{t("profile.photo")}</h2>
          {profile.photoType ? (
            <img src={`/staff/${profile.id}/photo`} alt={t("profile.photoAlt")} className="mb-3 h-32 w-32 rounded-full object-cover" />
          ) : (
            <p className="mb-3 text-sm text-slate-600">{t("profile.noPhoto")}</p>
          )}
          <Form method="post" action="/profile/photo" encType="multipart/form-data" className="flex flex-col gap-3">
            <label htmlFor="photo" className="text-sm font-medium">{t("profile.photoUpload")}</label>
            <input id="photo" name="photo" type="file" accept="image/png,image/jpeg,image/webp" required aria-describedby="photo-hint" />
            <p id="photo-hint" className="text-sm text-slate-600">{t("profile.photoHint")}</p>
            <Button kind="secondary">{t("profile.photoSave")}</Button>
          </Form>
        </section>
      </div>
    </>
  );
}
