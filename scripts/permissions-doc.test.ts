import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERMISSION_MATRIX } from "../app/lib/permission-matrix";
import { PERMISSIONS_DOC, renderPermissionsDoc } from "./permissions-doc";

const routesDir = path.resolve("app/routes");
// The same files Remix makes routes of (app/routes.ts ignores tests and *.server.*).
const routeFiles = fs
  .readdirSync(routesDir, { withFileTypes: true })
  .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
  .filter((name) => !/\.(test|server)\./.test(name))
  .sort();

/** A flat-routes file name as a URL pattern: "_app.contacts.$contactId_.edit.tsx" → "/contacts/:contactId/edit". */
function urlOf(file: string): string {
  const name = file.replace(/\/$/, "").replace(/\.(tsx?|jsx?)$/, "");
  const segments = name.match(/(?:\[[^\]]*\]|[^.])+/g) ?? [];
  const parts = segments
    .filter((s) => !s.startsWith("_"))
    .map((s) => s.replace(/_$/, "").replace(/\[([^\]]*)\]/g, "$1"))
    .map((s) => (s === "$" ? "*" : s.startsWith("$") ? `:${s.slice(1)}` : s));
  // "[.]csv" and "[.csv]" are an escaped dot inside one segment, not a new segment.
  return `/${parts.join("/")}`.replace(/\/\./g, ".");
}

describe("the permission table", () => {
  it("lists every route file in app/routes, and only those, once", () => {
    const listed = PERMISSION_MATRIX.map((e) => e.file);
    expect(new Set(listed).size).toBe(listed.length);
    expect(routeFiles.filter((f) => !listed.includes(f)), "route files missing from app/lib/permission-matrix.ts").toEqual([]);
    expect(listed.filter((f) => !routeFiles.includes(f)), "rows of app/lib/permission-matrix.ts without a route file").toEqual([]);
  });

  it.each(PERMISSION_MATRIX.map((e) => [e.file, e] as const))("%s: URL, loader and action as in the file", (file, entry) => {
    expect(entry.url).toBe(urlOf(file));
    const source = fs.readFileSync(path.join(routesDir, file), "utf8");
    expect(entry.loader !== null, "a loader row exactly when the file exports a loader").toBe(/export (async )?function loader\b|export const loader\b/.test(source));
    expect(entry.action !== null, "an action row exactly when the file exports an action").toBe(/export (async )?function action\b|export const action\b/.test(source));
    // Every intent value the page posts is in the table (any other answers 400).
    const posted = [...source.matchAll(/name="intent" value="([\w-]+)"|intent="([\w-]+)"/g)].map((m) => m[1] ?? m[2]);
    const known = entry.action?.intents ? Object.keys(entry.action.intents) : [];
    expect(posted.filter((i) => !known.includes(i))).toEqual([]);
  });

  it("reads flat-route names as Remix does", () => {
    expect(urlOf("_app.contacts.$contactId._index.tsx")).toBe("/contacts/:contactId");
    expect(urlOf("_app.organisations.$organisationId_.edit.tsx")).toBe("/organisations/:organisationId/edit");
    expect(urlOf("_app.privacy.register[.csv].tsx")).toBe("/privacy/register.csv");
    expect(urlOf("_app.privacy.requests.$requestId.pack[.]zip.tsx")).toBe("/privacy/requests/:requestId/pack.zip");
    expect(urlOf("_auth.login_.two-factor.tsx")).toBe("/login/two-factor");
    expect(urlOf("_app.$.tsx")).toBe("/*");
  });

  it("is rendered, up to date, in docs/permissions.md (npm run docs:permissions)", () => {
    const onDisk = fs.existsSync(PERMISSIONS_DOC) ? fs.readFileSync(PERMISSIONS_DOC, "utf8") : "";
    expect(onDisk === renderPermissionsDoc(), "docs/permissions.md is out of date: run `npm run docs:permissions`").toBe(true);
  });
});
