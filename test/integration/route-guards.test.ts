import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every loader and action must start from the staff guard. The only exceptions are the pages a
 * signed-out visitor needs (they call requireAnonymous) and the ones listed here with the reason.
 */
const PUBLIC: Record<string, string> = {
  "root.tsx#loader": "reads who is signed in for the language and shell; every page below guards itself",
  "logout.tsx#action": "ends only the caller's own session",
  "logout.tsx#loader": "only redirects",
};
const GUARDS = ["requireStaff(", "requireAnonymous("];

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /\.(tsx?|jsx?)$/.test(entry.name) && !/\.(test|server)\./.test(entry.name) ? [full] : [];
  });
}

/** The source of an exported loader/action: from its declaration to the next top-level export. */
function exportedFunction(source: string, name: "loader" | "action"): string | null {
  const start = source.search(new RegExp(`export (async )?function ${name}\\b|export const ${name}\\b`));
  if (start < 0) return null;
  const rest = source.slice(start + 1);
  const next = rest.search(/\nexport /);
  return next < 0 ? rest : rest.slice(0, next);
}

const appDir = path.resolve("app");
const files = [path.join(appDir, "root.tsx"), ...routeFiles(path.join(appDir, "routes"))];

describe("every loader and action calls the staff guard", () => {
  const cases = files.flatMap((file) =>
    (["loader", "action"] as const).map((fn) => [path.relative(path.join(appDir, "routes"), file).replace(/^\.\.\//, ""), fn, file] as const),
  );
  it.each(cases)("%s %s", (name, fn, file) => {
    const body = exportedFunction(fs.readFileSync(file, "utf8"), fn);
    if (body === null) return;
    if (PUBLIC[`${name}#${fn}`]) return;
    expect(GUARDS.some((g) => body.includes(g)), `${name} ${fn} must call requireStaff() or requireAnonymous()`).toBe(true);
  });

  it("finds the route files it checks", () => {
    expect(files.length).toBeGreaterThan(10);
  });
});

describe("app code", () => {
  it("has no console.log (request logs are structured and written by the server)", () => {
    const offenders = routeFiles(appDir).filter((f) => fs.readFileSync(f, "utf8").includes("console.log("));
    expect(offenders).toEqual([]);
  });
});
