import { webcrypto } from "node:crypto";
import { describe, expect, it } from "vitest";
import { normaliseEmailForSuppression, suppressionHash } from "./suppression.server";

const key = "test-suppression-key";

/** The same HMAC through WebCrypto, so the test does not just repeat the implementation. */
async function webCryptoHmacHex(message: string, secret: string): Promise<string> {
  const encoder = new TextEncoder();
  const cryptoKey = await webcrypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signature = await webcrypto.subtle.sign("HMAC", cryptoKey, encoder.encode(message));
  return Buffer.from(signature).toString("hex");
}

describe("normaliseEmailForSuppression", () => {
  it.each([
    ["  Jan.Peeters@Example.BE \n", "jan.peeters@example.be"],
    ["jan+fair2026@example.be", "jan+fair2026@example.be"], // tags kept
    ["j.a.n@gmail.com", "j.a.n@gmail.com"], // dots kept
    ["Ann-Sofie.Dupr\u0065\u0301@example.be", "ann-sofie.dupr\u00e9@example.be"], // decomposed é → composed
    ["\u00c9LISE@EXAMPLE.BE", "\u00e9lise@example.be"],
  ])("%j → %j", (raw, expected) => {
    expect(normaliseEmailForSuppression(raw)).toBe(expected);
  });
});

describe("suppressionHash", () => {
  it("matches RFC 4231 test case 2 (input that normalisation leaves alone)", () => {
    expect(suppressionHash("what do ya want for nothing?", "Jefe")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("equals an independent WebCrypto HMAC of the normalised address", async () => {
    expect(suppressionHash(" Jan.Peeters@Example.be ", key)).toBe(await webCryptoHmacHex("jan.peeters@example.be", key));
  });

  it("gives the same hash whatever the case, spacing or Unicode composition", () => {
    const hashes = ["jan@example.be", "JAN@EXAMPLE.BE", "\tjan@example.be  "].map((e) => suppressionHash(e, key));
    expect(new Set(hashes).size).toBe(1);
    expect(suppressionHash("dupr\u0065\u0301@example.be", key)).toBe(suppressionHash("dupr\u00e9@example.be", key));
  });

  it("keeps addresses that may be different mailboxes apart", () => {
    expect(suppressionHash("jan.peeters@example.be", key)).not.toBe(suppressionHash("janpeeters@example.be", key));
    expect(suppressionHash("jan+news@example.be", key)).not.toBe(suppressionHash("jan@example.be", key));
  });

  it("depends on the key, and is 64 hex characters without the address in it", () => {
    const a = suppressionHash("jan@example.be", key);
    expect(suppressionHash("jan@example.be", "another-key")).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it("throws on an empty address or key (a bug)", () => {
    expect(() => suppressionHash("   ", key)).toThrow(RangeError);
    expect(() => suppressionHash("jan@example.be", "")).toThrow(RangeError);
  });
});
