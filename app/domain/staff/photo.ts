export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
export type PhotoType = "image/png" | "image/jpeg" | "image/webp";

/** The image type from the file's first bytes (its content), not from its name or declared type. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  const starts = (sig: number[], offset = 0) => sig.every((b, i) => bytes[offset + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

export type PhotoCheck = { ok: true; type: PhotoType } | { ok: false; reason: "PHOTO_TOO_LARGE" | "PHOTO_TYPE" | "PHOTO_EMPTY" };

export function checkPhoto(bytes: Uint8Array): PhotoCheck {
  if (bytes.length === 0) return { ok: false, reason: "PHOTO_EMPTY" };
  if (bytes.length > MAX_PHOTO_BYTES) return { ok: false, reason: "PHOTO_TOO_LARGE" };
  const type = sniffPhotoType(bytes);
  return type ? { ok: true, type } : { ok: false, reason: "PHOTO_TYPE" };
}
