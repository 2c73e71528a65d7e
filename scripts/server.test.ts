import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesOnly, limitFormBodies, MAX_FORM_BODY_BYTES, refuseForeignOrigin, securityHeaders } from "./server";

// The real middleware in front of a stand-in handler, over real HTTP.
let base = "";
let close: () => void;
beforeAll(async () => {
  const app = express();
  app.use(securityHeaders(false));
  app.use(refuseForeignOrigin);
  app.use(limitFormBodies);
  app.use(filesOnly(express.static("public")));
  app.all("*", (_req, res) => res.send(`ok ${res.locals.cspNonce}`));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

describe("security headers", () => {
  it("send a CSP with a fresh nonce per response, and forbid framing", async () => {
    const [a, b] = await Promise.all([fetch(base), fetch(base)]);
    const csp = a.headers.get("content-security-policy")!;
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    expect(await a.text()).toBe(`ok ${nonce}`);
    expect(b.headers.get("content-security-policy")).not.toContain(nonce);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline' 'nonce");
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBe("same-origin");
  });
});

describe("cross-origin writes", () => {
  it.each([
    ["same origin", () => ({ Origin: base }), 200],
    ["no Origin header (non-browser client)", () => ({}), 200],
    ["another site", () => ({ Origin: "https://evil.example" }), 403],
    ["an opaque origin", () => ({ Origin: "null" }), 403],
    ["Sec-Fetch-Site cross-site", () => ({ "Sec-Fetch-Site": "cross-site" }), 403],
  ])("%s → %i", async (_label, headers, status) => {
    const response = await fetch(`${base}/contacts/new`, { method: "POST", headers: headers() as Record<string, string>, body: "x=1" });
    expect(response.status).toBe(status);
  });

  it("lets reads through from anywhere (links from mails)", async () => {
    const response = await fetch(`${base}/reset-password`, { headers: { Origin: "https://mail.example" } });
    expect(response.status).toBe(200);
  });
});

describe("request bodies", () => {
  it("refuses a form post larger than the limit, but lets a multipart upload through to its route", async () => {
    const big = "x=" + "a".repeat(MAX_FORM_BODY_BYTES + 10);
    const form = await fetch(`${base}/contacts/new`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: big });
    expect(form.status).toBe(413);
    const upload = new FormData();
    upload.append("file", new Blob(["a".repeat(MAX_FORM_BODY_BYTES + 10)]), "leads.csv");
    expect((await fetch(`${base}/imports/new`, { method: "POST", body: upload })).status).toBe(200);
  });
});

describe("static files", () => {
  it("serves a file from public/ and hands every path without an extension to the app", async () => {
    const icon = await fetch(`${base}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(await icon.text()).toContain("<svg");
    // A page named like a public file, but without the extension, is the app's.
    expect(await (await fetch(`${base}/favicon`)).text()).toMatch(/^ok /);
    expect(await (await fetch(`${base}/contacts/42`)).text()).toMatch(/^ok /);
    expect(await (await fetch(`${base}/missing-file.svg`)).text()).toMatch(/^ok /);
  });
});
