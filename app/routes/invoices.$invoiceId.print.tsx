import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { printableInvoice } from "~/domain/quotes/print.server";
import { requireStaff } from "~/lib/auth.server";
import { idParam, invariantResponse } from "~/lib/http.server";
import { DocumentSheet } from "~/ui/document-print";

// Outside the app shell on purpose: the page is the sheet that gets printed.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const id = idParam(params.invoiceId);
  const doc = await printableInvoice(id);
  invariantResponse(doc, "Not found", 404);
  return { doc, id };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.doc.title} ${data.doc.number}` : "" }];

export default function InvoicePrintPage() {
  const { doc, id } = useLoaderData<typeof loader>();
  return <DocumentSheet doc={doc} backTo={`/invoices/${id}`} />;
}
