import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPhoto } from "~/domain/staff/staff.server";
import { requireStaff } from "~/lib/auth.server";
import { idParam } from "~/lib/http.server";

// Any signed-in staff member may see a colleague's photo.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const photo = await getPhoto(idParam(params.staffId));
  if (!photo?.photo || !photo.photoType) throw new Response("Not found", { status: 404 });
  return new Response(photo.photo, {
    headers: {
      "Content-Type": photo.photoType,
      "Cache-Control": "private, max-age=300",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": "inline",
    },
  });
}
