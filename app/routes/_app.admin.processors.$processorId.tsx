import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { processorSchema } from "~/domain/processors/processor.schema";
import { getProcessor, updateProcessor } from "~/domain/processors/processors.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseFormData } from "~/lib/forms";
import { idParam, invariantResponse } from "~/lib/http.server";
import { PageHeader } from "~/ui/app-shell";
import { ProcessorForm } from "~/ui/processor-form";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { role: "admin" });
  const processor = await getProcessor(staff.actor, idParam(params.processorId));
  invariantResponse(processor, "Not found", 404);
  return { processor };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { role: "admin" });
  const parsed = parseFormData(await request.formData(), processorSchema);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const result = await updateProcessor(staff.actor, idParam(params.processorId), parsed.data);
  invariantResponse(result.ok, "Not found", 404);
  return redirectWithFlash(request, "/admin/processors", { kind: "success", key: "processor.saved" });
}

export default function EditProcessorPage() {
  const { t } = useTranslation();
  const { processor: p } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={p.name} />
      {p.toComplete ? <p role="note" className="mb-4 max-w-xl rounded border border-amber-400 bg-amber-50 p-3 text-sm">{t("processor.toCompleteNote")}</p> : null}
      <ProcessorForm
        defaultValues={{
          name: p.name, service: p.service, dataCategories: p.dataCategories.join(", "), location: p.location, outsideEea: p.outsideEea,
          dpaSignedOn: p.dpaSignedOn ? new Date(p.dpaSignedOn).toISOString().slice(0, 10) : "", safeguard: p.safeguard ?? "",
        }}
        serverErrors={actionData?.errors}
        submitLabel={t("common.save")}
      />
    </>
  );
}
