import { describe, expect, it } from "vitest";
import { checkPhoto, MAX_PHOTO_BYTES } from "./photo";

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]);
const webp = new Uint8Array([...Buffer.from("RIFF"), 0, 0, 0, 0, ...Buffer.from("WEBPVP8 ")]);
const html = new Uint8Array(Buffer.from("<html><script>alert(1)</script>"));

describe("checkPhoto", () => {
  it.each([
    ["png", png, "image/png"],
    ["jpeg", jpeg, "image/jpeg"],
    ["webp", webp, "image/webp"],
  ])("accepts %s by content", (_name, bytes, type) => {
    expect(checkPhoto(bytes)).toEqual({ ok: true, type });
  });

  it("refuses other content even when it would be named .png", () => {
    expect(checkPhoto(html)).toEqual({ ok: false, reason: "PHOTO_TYPE" });
  });

  it("refuses an empty file and one over 2 MB", () => {
    expect(checkPhoto(new Uint8Array())).toEqual({ ok: false, reason: "PHOTO_EMPTY" });
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set(png);
    expect(checkPhoto(big)).toEqual({ ok: false, reason: "PHOTO_TOO_LARGE" });
  });
});
