/**
 * Renders the permission table (app/lib/permission-matrix.ts) to docs/permissions.md.
 * `npm run docs:permissions`; scripts/permissions-doc.test.ts fails when the file is out of date.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { actionIntents, intentRule, OWNERSHIP_RULES, PERMISSION_MATRIX, type Rule } from "../app/lib/permission-matrix";

export const PERMISSIONS_DOC = path.join("docs", "permissions.md");

const cell = (text: string | undefined) => (text ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (text: string | undefined) => (text ? `\`${text}\`` : "");

function row(url: string, file: string, call: string, rule: Rule): string {
  const schema = rule.schema ? code(rule.schema.replace("#", " → ")) : "";
  return `| ${code(url)} | ${code(file)} | ${call} | ${rule.access} | ${rule.ownership ?? ""} | ${rule.refused ?? ""} | ${schema} | ${cell(rule.notes)} |`;
}

export function renderPermissionsDoc(): string {
  const lines = [
    "# Permissions",
    "",
    "<!-- Generated from app/lib/permission-matrix.ts by `npm run docs:permissions`. Do not edit by hand: a test fails when this file is out of date. -->",
    "",
    "Who may call every loader and action (and each `intent` an action knows). The table is the code's:",
    "`test/integration/permission-matrix.test.ts` calls each of them signed out and as sales, manager and admin and",
    "expects exactly this, and a test fails when a file in `app/routes` is missing from it.",
    "",
    "**Access** is the least role that may: `sales` < `manager` < `admin` (each role can do what the ones before it can).",
    "Signed out, a protected page redirects to `/login?redirectTo=…`; below the role, the answer is 403.",
    "`anonymous-only` pages are for signed-out visitors (a signed-in one is sent to `/`); `public` is anyone.",
    "",
    "**Ownership** rules hold on top of the role, inside the domain operation, whatever the entry point (page, import, CLI).",
    "**Refused as** says how a refusal for ownership shows: `403`, `404`, `flash` (redirect with an error message),",
    "`form-400` (the form again with the error), `redirect` (sent to the read-only page) or `skipped` (left out of a bulk change).",
    "",
    "| URL | route file | call | access | ownership | refused as | validated by | notes |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const entry of PERMISSION_MATRIX) {
    const url = entry.layout ? `${entry.url} (layout)` : entry.url;
    if (!entry.loader && !entry.action) lines.push(`| ${code(url)} | ${code(entry.file)} | — | | | | | ${cell(entry.notes)} |`);
    if (entry.loader) lines.push(row(url, entry.file, "GET (loader)", entry.loader));
    if (entry.action) {
      const action = entry.action;
      const post = action.multipart ? "POST multipart" : "POST";
      for (const intent of actionIntents(action)) {
        lines.push(row(url, entry.file, intent ? `${post} intent=${code(intent)}` : post, intentRule(action, intent)));
      }
    }
  }
  lines.push("", "## Ownership rules", "", "| rule | who |", "| --- | --- |");
  for (const [name, text] of Object.entries(OWNERSHIP_RULES)) lines.push(`| ${code(name)} | ${cell(text)} |`);
  lines.push("");
  return lines.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(PERMISSIONS_DOC, renderPermissionsDoc());
  process.stdout.write(`wrote ${PERMISSIONS_DOC}\n`);
}
