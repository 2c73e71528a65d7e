import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { processorSchema } from "~/domain/processors/processor.schema";
import { createProcessor } from "~/domain/processors/processors.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { PageHeader } from "~/ui/app-shell";
import { ProcessorForm } from "~/ui/processor-form";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { role: "admin" });
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { role: "admin" });
  const parsed = parseFormData(await request.formData(), processorSchema);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  await createProcessor(staff.actor, parsed.data);
  return redirectWithFlash(request, "/admin/processors", { kind: "success", key: "processor.created" });
}

export default function NewProcessorPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={t("processor.new")} />
      <ProcessorForm defaultValues={{ location: "EU", outsideEea: false, safeguard: "" }} serverErrors={actionData?.errors} submitLabel={t("processor.create")} />
    </>
  );
}
