import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { printableQuote } from "~/domain/quotes/print.server";
import { requireStaff } from "~/lib/auth.server";
import { idParam, invariantResponse } from "~/lib/http.server";
import { DocumentSheet } from "~/ui/document-print";

// Outside the app shell on purpose: the page is the sheet that gets printed.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.quoteId);
  const doc = await printableQuote(id, staff.language);
  invariantResponse(doc, "Not found", 404);
  return { doc, id };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.doc.title} ${data.doc.number}` : "" }];

export default function QuotePrintPage() {
  const { doc, id } = useLoaderData<typeof loader>();
  return <DocumentSheet doc={doc} backTo={`/quotes/${id}`} />;
}
