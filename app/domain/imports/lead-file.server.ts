/** Receiving an organiser's lead file: streamed to disk under DATA_DIR/uploads, never held in memory. */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import {
  MaxPartSizeExceededError, unstable_composeUploadHandlers, unstable_createFileUploadHandler, unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { config } from "~/lib/config.server";

export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
/** The form's text fields are small; anything bigger is not our form. */
const MAX_FIELD_BYTES = 64 * 1024;

export function uploadDir(): string {
  return path.join(config.dataDir, "uploads");
}

export type StoredUpload = { path: string; fileName: string };
export type ReceivedForm = { ok: true; formData: FormData; file: StoredUpload | null } | { ok: false; reason: "FILE_TOO_LARGE" | "UPLOAD_INCOMPLETE" };

/** Only the file's base name is kept, for display; on disk it gets a random name. */
function displayName(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? "";
  return base.replace(/[\u0000-\u001f]/g, "").slice(0, 200) || "upload.csv";
}

/** Parses a multipart form whose field "file" is a lead file; the file goes straight to disk. */
export async function receiveLeadFile(request: Request): Promise<ReceivedForm> {
  // A form posted without the file part (no JavaScript, a hand-made request) has no file: the form answers that.
  if (!/^multipart\/form-data\b/i.test(request.headers.get("Content-Type") ?? "")) {
    return { ok: true, formData: await request.formData(), file: null };
  }
  let original = "";
  let written: string | null = null;
  const fileHandler = unstable_createFileUploadHandler({
    directory: uploadDir(),
    maxPartSize: MAX_UPLOAD_BYTES,
    avoidFileConflicts: true,
    filter: ({ name }) => name === "file",
    file: ({ filename }) => {
      original = filename;
      const name = `lead-${crypto.randomUUID()}.csv`;
      written = path.join(uploadDir(), name);
      return name;
    },
  });
  try {
    const formData = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(fileHandler, unstable_createMemoryUploadHandler({ maxPartSize: MAX_FIELD_BYTES })),
    );
    const part = formData.get("file");
    const stored = part && typeof part !== "string" && "getFilePath" in part ? (part as unknown as { getFilePath(): string }).getFilePath() : null;
    return { ok: true, formData, file: stored ? { path: stored, fileName: displayName(original) } : null };
  } catch (error) {
    // A broken or cut-off upload leaves no half file behind.
    if (written) await fs.rm(written, { force: true });
    if (error instanceof MaxPartSizeExceededError) return { ok: false, reason: "FILE_TOO_LARGE" };
    return { ok: false, reason: "UPLOAD_INCOMPLETE" };
  }
}

/** Copies a file from disk into the upload folder (the CLI's way in), as the form would have stored it. */
export async function storeLocalFile(source: string): Promise<StoredUpload> {
  await fs.mkdir(uploadDir(), { recursive: true });
  const target = path.join(uploadDir(), `lead-${crypto.randomUUID()}.csv`);
  await fs.copyFile(source, target);
  return { path: target, fileName: displayName(source) };
}

export async function discardUpload(file: StoredUpload | null): Promise<void> {
  if (file) await fs.rm(file.path, { force: true });
}
