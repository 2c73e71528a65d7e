import {
  unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError,
  redirect, type ActionFunctionArgs, type LoaderFunctionArgs,
} from "@remix-run/node";
import { MAX_PHOTO_BYTES } from "~/domain/staff/photo";
import { setPhoto } from "~/domain/staff/staff.server";
import { requireStaff } from "~/lib/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { isMalformedMultipart } from "~/lib/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return redirect("/profile");
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  let bytes: Uint8Array;
  try {
    const form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_PHOTO_BYTES + 1, filter: ({ name }) => name === "photo" }),
    );
    const file = form.get("photo");
    bytes = file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return redirectWithFlash(request, "/profile", { kind: "error", key: "profile.PHOTO_TOO_LARGE" });
    }
    // Not a multipart form, or a broken one: there is no photo in it.
    if (isMalformedMultipart(error)) return redirectWithFlash(request, "/profile", { kind: "error", key: "profile.PHOTO_EMPTY" });
    throw error;
  }
  const result = await setPhoto(staff.actor, bytes);
  if (!result.ok) return redirectWithFlash(request, "/profile", { kind: "error", key: `profile.${result.reason}` });
  return redirectWithFlash(request, "/profile", { kind: "success", key: "profile.photoSaved" });
}
