import React from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { createInstance } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { setTwoFactorRequiredRoles } from "~/domain/staff/two-factor.server";
import { i18nOptions } from "~/lib/i18n/i18n";
import { actionIntents, intentRule, PERMISSION_MATRIX, type RouteEntry } from "~/lib/permission-matrix";
import { db } from "~/lib/db.server";
import { createSession, SESSION_COOKIE } from "~/lib/session.server";
import { makeContact } from "./quote-helpers";
import { buildRouteFixtures, type RouteFixtures } from "./route-fixtures";
import { callRoute, fillUrl, isCatalogueKey, isReadable, makeRequest, paramsOf, routeModule, sessionCookieOf, settle, type Body, type Outcome } from "./route-harness";

/**
 * Hostile input to every form and page of the permission table, as a caller the permission lets
 * through (so the role is not what refuses it): nothing may answer 500 or throw; what is refused
 * comes back as a 4xx (or a redirect with a message) a person can read.
 */
const HOSTILE: Record<string, string> = {
  script: "<script>alert(1)</script>",
  attribute: '"><img src=x onerror=alert(1)>',
  long: "x".repeat(10_000),
  nul: "abc\u0000def\u0000",
  rtl: "\u202Eexe.fdp",
  sql: "'; DROP TABLE Contact;--",
  formula: '=HYPERLINK("http://evil.example","click")',
  emoji: "👩🏽‍💼🇧🇪✨",
  surrogates: "\uD800 broken \uDFFF",
  number: "1e309",
  negative: "-1",
  unsafeInteger: "90071992547409931",
  empty: "",
  spaces: "   ",
};
/** Posted in one field at a time (every field at once would be a body of tens of megabytes). */
const MEGABYTE = "é".repeat(1024) + "a".repeat(1024 * 1024 - 2048);
/** Field names every form gets on top of its own: ids, free text, and prototype keys. */
const GENERIC_FIELDS = ["id", "name", "email", "notes", "contactId", "__proto__", "constructor"];

/** The form field names a zod schema reads (flat names as a posted form has them). */
function fieldsOf(schema: z.ZodTypeAny, prefix = ""): string[] {
  const def = schema._def as Record<string, unknown> & { typeName: string };
  const inner = (s: unknown, p = prefix) => fieldsOf(s as z.ZodTypeAny, p);
  switch (def.typeName) {
    case "ZodObject":
      return Object.entries((schema as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>).flatMap(([key, value]) => {
        const name = prefix ? `${prefix}.${key}` : key;
        const nested = inner(value, name);
        return nested.length ? nested : [name];
      });
    case "ZodEffects":
      return inner(def.schema);
    case "ZodOptional":
    case "ZodNullable":
    case "ZodDefault":
      return inner(def.innerType);
    case "ZodPipeline":
      return inner(def.in);
    case "ZodArray": {
      const items = inner(def.type, `${prefix}.0`);
      return [prefix, ...(items.length ? items : [`${prefix}.0`])];
    }
    case "ZodUnion":
    case "ZodDiscriminatedUnion":
      return [...new Set([...(def.options as Iterable<unknown>)].flatMap((o) => inner(o)))];
    case "ZodIntersection":
      return [...inner(def.left), ...inner(def.right)];
    default:
      return [];
  }
}

/** Names a form posts that its schema gathers in a preprocess step. */
const EXTRA_FIELDS: Record<string, (fx: RouteFixtures) => string[]> = {
  "trainings/training.schema#attendanceSchema": (fx) => [`mark.${fx.training.ownRegistration}`, "mark.1"],
  "imports/import.schema#resolveConflictSchema": () => ["choice.city", "choice.email"],
};

async function schemaFields(ref: string | undefined, fx: RouteFixtures): Promise<string[]> {
  if (!ref) return [];
  const [module, name] = ref.split("#");
  const exports = (await import(/* @vite-ignore */ `${process.cwd()}/app/domain/${module}.ts`)) as Record<string, z.ZodTypeAny>;
  expect(exports[name], `schema ${ref} of the permission table`).toBeInstanceOf(z.ZodType);
  return [...fieldsOf(exports[name]), ...(EXTRA_FIELDS[ref]?.(fx) ?? [])];
}

let fx: RouteFixtures;
beforeAll(async () => {
  fx = await buildRouteFixtures();
}, 120_000);
afterEach(async () => {
  // A hostile post to the security page must not leave two-step sign-in required for the next calls.
  await setTwoFactorRequiredRoles(fx.staff.admin.actor, []);
});

/** Who posts: a signed-out visitor for sign-in pages, a session waiting for its code for that page, else an admin. */
async function callerCookie(entry: RouteEntry): Promise<string | null> {
  const access = entry.action?.access ?? entry.loader?.access;
  if (access === "anonymous-only") return null;
  if (entry.file === "_auth.login_.two-factor.tsx") {
    const { token } = await createSession(fx.staff.admin.id, { ip: null, userAgent: null }, { twoFactorVerified: false });
    return `${SESSION_COOKIE}=${token}`;
  }
  return sessionCookieOf(fx.staff.admin.id);
}

/** What is wrong with an outcome, or null: no 500, no thrown error, and only readable refusals. */
function problem(outcome: Outcome): string | null {
  if (outcome.error) return `threw ${outcome.error instanceof Error ? (outcome.error.stack ?? outcome.error.message).slice(0, 600) : String(outcome.error)}`;
  if (outcome.status >= 500) return `status ${outcome.status}`;
  if (outcome.status >= 400 && outcome.messages.length + outcome.fieldErrors.length === 0) return `status ${outcome.status} without a message`;
  const unreadable = [...outcome.messages.filter((m) => !isReadable(m)), ...outcome.fieldErrors.filter((m) => !isCatalogueKey(m))];
  if (outcome.flash && !isCatalogueKey(outcome.flash.key)) unreadable.push(outcome.flash.key);
  return unreadable.length ? `status ${outcome.status} with unreadable message(s): ${unreadable.map((m) => m.slice(0, 80)).join(" | ")}` : null;
}

function form(fields: string[], intent: string | null, value: (field: string) => string | string[]): Record<string, string | string[]> {
  return { ...Object.fromEntries(fields.map((f) => [f, value(f)])), ...(intent ? { intent } : {}) };
}

function multipart(fields: Record<string, string | string[]>, file?: { field: string; bytes: Uint8Array<ArrayBuffer> | string; name: string; type: string }): FormData {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
  if (file) body.append(file.field, new Blob([file.bytes], { type: file.type }), file.name);
  return body;
}

const actionRows = PERMISSION_MATRIX.filter((e) => e.action).flatMap((entry) => actionIntents(entry.action!).map((intent) => ({ entry, intent })));

describe("hostile form input to every action", () => {
  it.each(actionRows.map((r) => [`${r.entry.file}${r.intent ? ` intent=${r.intent}` : ""}`, r] as const))("%s", async (_name, { entry, intent }) => {
    const rule = intentRule(entry.action!, intent);
    const fields = [...new Set([...(await schemaFields(rule.schema ?? entry.action!.schema, fx)), ...GENERIC_FIELDS])];
    const bodies: [string, Body][] = [
      ...Object.entries(HOSTILE).map(([name, value]) => [name, form(fields, intent, () => value)] as [string, Body]),
      ...fields.map((field) => [`1 MB in ${field}`, form(fields, intent, (f) => (f === field ? MEGABYTE : "x"))] as [string, Body]),
      ["arrays where scalars are expected", form(fields, intent, () => ["1", "2"])],
      ["objects where scalars are expected", form(fields, intent, () => "[object Object]")],
      ["missing fields", form([], intent, () => "")],
      ["invalid UTF-8", [...(intent ? [`intent=${intent}`] : []), ...fields.map((f) => `${encodeURIComponent(f)}=%FF%FE%ED%A0%80%C0%AF`)].join("&")],
      ["a repeated intent", { ...form(fields, null, () => "1"), intent: [intent ?? "x", "other"] }],
    ];
    if (entry.action!.multipart) {
      // The same corpus as the browser sends it: multipart; and once as a plain form.
      for (const item of bodies) if (typeof item[1] === "object" && !(item[1] instanceof FormData)) item[1] = multipart(item[1] as Record<string, string | string[]>);
      const html = "<html><script>alert(1)</script></html>";
      bodies.push(
        ["a form that is not multipart", form(fields, intent, () => HOSTILE.script)],
        ["an HTML file posing as CSV or PNG", multipart(form(fields, intent, () => ""), { field: entry.file.includes("photo") ? "photo" : "file", bytes: html, name: "photo.png", type: "image/png" })],
        ["a photo over the size limit", multipart({}, { field: "photo", bytes: new Uint8Array(2 * 1024 * 1024 + 10).fill(0x89), name: "big.png", type: "image/png" })],
        ["a broken multipart body", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nabc"],
        ["a broken multipart body without a part name", "--x\r\nContent-Disposition: form-data\r\n\r\nabc\r\n--x--\r\n"],
      );
    }
    const failures: string[] = [];
    for (const [name, body] of bodies) {
      const cookie = await callerCookie(entry);
      const params = paramsOf(entry.url, fx.params);
      const outcome =
        name.startsWith("a broken multipart body")
          ? await callBroken(entry, cookie, params, body as string)
          : await callRoute(entry.file, "action", fillUrl(entry.url, fx.params), { cookie, params, body });
      const wrong = problem(outcome);
      if (wrong) failures.push(`${name}: ${wrong}`);
    }
    expect(failures.length, failures.join("\n")).toBe(0);
  }, 120_000);
});

/** A multipart body that declares a boundary and never closes it. */
async function callBroken(entry: RouteEntry, cookie: string | null, params: Record<string, string>, text: string): Promise<Outcome> {
  const request = new Request(new URL(fillUrl(entry.url, fx.params), "http://localhost"), {
    method: "POST",
    headers: { "Content-Type": "multipart/form-data; boundary=x", ...(cookie ? { Cookie: cookie } : {}) },
    body: text,
  });
  const mod = await routeModule(entry.file);
  return settle(() => mod.action!({ request, params, context: { cspNonce: "" } }));
}

/** Lone surrogates as a URL carries them: replaced by U+FFFD. */
const wellFormed = (value: string) => value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

const QUERY_NAMES = ["q", "before", "after", "cursor", "sort", "stage", "ownerId", "purposeId", "from", "to", "staff", "type", "status", "outcome", "delimiter",
  "redirectTo", "organisation", "contactId", "organisationId", "overdue", "since", "owner", "purpose", "conflicts", "tag", "restricted", "sourceKind", "tradeFairId", "token"];
const loaderRows = PERMISSION_MATRIX.filter((e) => e.loader);

describe("hostile query strings and ids to every page", () => {
  it.each(loaderRows.map((e) => [e.file, e] as const))("%s", async (_file, entry) => {
    const failures: string[] = [];
    const values = HOSTILE;
    for (const [name, value] of Object.entries(values)) {
      const query = new URLSearchParams(QUERY_NAMES.map((q) => [q, value]));
      const outcome = await callRoute(entry.file, "loader", `${fillUrl(entry.url, fx.params)}?${query}`, { cookie: await callerCookie(entry), params: paramsOf(entry.url, fx.params) });
      const wrong = problem(outcome);
      if (wrong) failures.push(`query ${name}: ${wrong}`);
    }
    // One name at a time too, so another parameter's refusal cannot hide what this one does.
    for (const name of QUERY_NAMES) {
      for (const value of [HOSTILE.nul, HOSTILE.long]) {
        const query = new URLSearchParams([[name, value]]);
        const outcome = await callRoute(entry.file, "loader", `${fillUrl(entry.url, fx.params)}?${query}`, { cookie: await callerCookie(entry), params: paramsOf(entry.url, fx.params) });
        const wrong = problem(outcome);
        if (wrong) failures.push(`?${name}=${value.slice(0, 12)}…: ${wrong}`);
      }
    }
    const idNames = [...entry.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
    for (const id of idNames) {
      for (const [name, value] of Object.entries({ ...values, zero: "0", float: "1.5", hex: "0x10" })) {
        const params = { ...fx.params, [id]: value };
        const outcome = await callRoute(entry.file, "loader", fillUrl(entry.url, { ...params, [id]: encodeURIComponent(wellFormed(value)) }), { cookie: await callerCookie(entry), params: paramsOf(entry.url, params) });
        const wrong = problem(outcome);
        if (wrong) failures.push(`:${id} ${name}: ${wrong}`);
        else if (outcome.status < 300 && value !== "0x10") failures.push(`:${id} ${name}: answered ${outcome.status}`);
      }
    }
    expect(failures.length, failures.join("\n")).toBe(0);
  }, 120_000);
});

describe("uploads", () => {
  it("take a profile photo by its content and size, not by its name or declared type", async () => {
    const upload = async (bytes: Uint8Array<ArrayBuffer> | string, name: string, type: string) =>
      callRoute("_app.profile.photo.tsx", "action", "/profile/photo", { cookie: await sessionCookieOf(fx.staff.sales.id), body: multipart({}, { field: "photo", bytes, name, type }) });
    const prisma = await db();
    const photoOf = async () => (await prisma.staff.findUniqueOrThrow({ where: { id: fx.staff.sales.id }, select: { photoType: true } })).photoType;
    expect((await upload("<svg onload=alert(1)></svg>", "me.png", "image/png")).flash).toMatchObject({ kind: "error", key: "profile.PHOTO_TYPE" });
    const huge = new Uint8Array(2 * 1024 * 1024 + 1);
    huge.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect((await upload(huge, "me.png", "image/png")).flash).toMatchObject({ kind: "error", key: "profile.PHOTO_TOO_LARGE" });
    expect(await photoOf()).toBeNull();
    const png = new Uint8Array(64);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect((await upload(png, "me.txt", "text/html")).flash).toMatchObject({ kind: "success" });
    expect(await photoOf()).toBe("image/png");
  });
});

describe("names with HTML or script", () => {
  it("are shown as text on the contact page, never as markup", async () => {
    const name = "<script>alert(1)</script>";
    const id = await makeContact(fx.staff.sales.actor, { firstName: name, lastName: '"><img src=x onerror=alert(1)>', jobTitle: "<b>boss</b>" });
    const mod = await routeModule("_app.contacts.$contactId._index.tsx");
    const cookie = await sessionCookieOf(fx.staff.sales.id);
    const handler = createStaticHandler([
      {
        id: "contact",
        path: "/contacts/:contactId",
        loader: ({ request, params }) => mod.loader!({ request: makeRequest(request.url, { cookie }), params, context: { cspNonce: "" } }),
        Component: mod.default as React.ComponentType,
      },
    ]);
    const context = await handler.query(makeRequest(`/contacts/${id}`, { cookie }));
    if (context instanceof Response) throw new Error(`the page answered ${context.status}`);
    const i18n = createInstance();
    await i18n.use(initReactI18next).init({ ...i18nOptions, lng: "en" });
    const html = renderToString(
      React.createElement(I18nextProvider, { i18n }, React.createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false })),
    );
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;b&gt;boss&lt;/b&gt;");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<b>boss</b>");
  });
});
