import { beforeAll, describe, expect, it } from "vitest";
import { actionIntents, intentRule, PERMISSION_MATRIX, type Access, type Refusal, type RouteEntry, type Rule } from "~/lib/permission-matrix";
import { roleAtLeast, ROLES, type Role } from "~/domain/staff/roles";
import { db } from "~/lib/db.server";
import { OWNERSHIP_SCENARIOS } from "./ownership-scenarios";
import { buildRouteFixtures, today, type RouteFixtures } from "./route-fixtures";
import { callRoute, fillUrl, isCatalogueKey, isReadable, paramsOf, sessionCookieOf, type Body, type Outcome } from "./route-harness";

/**
 * The permission table (app/lib/permission-matrix.ts, rendered as docs/permissions.md) against
 * the code: every loader, action and intent, signed out and as each role, then every ownership
 * rule with a record the caller may not touch. A route file without a row fails in
 * scripts/permissions-doc.test.ts; a row here is enough to be tested.
 */
const WHO = ["signed-out", ...ROLES] as const;
type Who = (typeof WHO)[number];
type Expected = "login" | "home" | "forbidden" | "allowed";

function expectedFor(access: Access, who: Who): Expected {
  if (access === "public") return "allowed";
  if (access === "anonymous-only") return who === "signed-out" ? "allowed" : "home";
  if (who === "signed-out") return "login";
  return roleAtLeast(who, access) ? "allowed" : "forbidden";
}

/** Query strings a page needs to get past its own validation. */
const QUERIES: Record<string, (fx: RouteFixtures) => string> = {
  "_app.privacy.mailing[.]csv.tsx": (fx) => `?purposeId=${fx.newsletterPurposeId}`,
};

/**
 * Valid bodies for intents whose role is checked by the domain operation after the form is read
 * (the route guard only knows the action's least role). Required for every such intent.
 */
const BODIES: Record<string, (fx: RouteFixtures) => Record<string, string | string[]>> = {
  "_app.contacts.$contactId._index.tsx#restrict": () => ({ reason: "Asked by the person (Art. 18)" }),
  "_app.contacts.$contactId._index.tsx#lift-restriction": () => ({}),
  "_app.contacts._index.tsx#assign-owner": (fx) => ({ ids: String(fx.contacts.spareContact), ownerId: String(fx.staff.sales.id) }),
  "_app.invoices.$invoiceId._index.tsx#mark-paid": () => ({ paidOn: today() }),
  "_app.invoices.$invoiceId._index.tsx#credit-note": () => ({}),
  "_app.quotes.$quoteId._index.tsx#issue-invoice": () => ({ paymentTermsDays: "30" }),
};

const ORDER: Access[] = ["public", "anonymous-only", ...ROLES];
const stricter = (rule: Rule, than: Rule) => ORDER.indexOf(rule.access) > ORDER.indexOf(than.access);

type Case = { entry: RouteEntry; kind: "loader" | "action"; intent: string | null; rule: Rule; who: Who };
const cases: Case[] = PERMISSION_MATRIX.flatMap((entry) => [
  ...(entry.loader ? WHO.map((who) => ({ entry, kind: "loader" as const, intent: null, rule: entry.loader!, who })) : []),
  ...(entry.action
    ? actionIntents(entry.action).flatMap((intent) => WHO.map((who) => ({ entry, kind: "action" as const, intent, rule: intentRule(entry.action!, intent), who })))
    : []),
]);
const label = (c: Omit<Case, "who">) => `${c.entry.file} ${c.kind === "loader" ? "GET" : "POST"}${c.intent ? ` intent=${c.intent}` : ""}`;

let fx: RouteFixtures;
beforeAll(async () => {
  fx = await buildRouteFixtures();
}, 120_000);

async function cookieOf(who: Who | Role): Promise<string | null> {
  return who === "signed-out" ? null : sessionCookieOf(fx.staff[who].id);
}

function failure(outcome: Outcome): string {
  return outcome.error instanceof Error ? (outcome.error.stack ?? outcome.error.message) : JSON.stringify({ ...outcome, payload: undefined });
}

describe("the permission matrix: every route × signed out, sales, manager, admin", () => {
  it("covers every loader and action of the table", () => {
    expect(cases.length).toBeGreaterThan(4 * 100);
  });

  it("has a valid body for every intent whose role the domain checks", () => {
    const missing = PERMISSION_MATRIX.flatMap((e) =>
      e.action ? actionIntents(e.action).filter((i) => i && stricter(intentRule(e.action!, i), e.action!) && !BODIES[`${e.file}#${i}`]).map((i) => `${e.file}#${i}`) : [],
    );
    expect(missing).toEqual([]);
  });

  it.each(cases.map((c) => [`${label(c)} as ${c.who} → ${expectedFor(c.rule.access, c.who)}`, c] as const))("%s", async (_name, c) => {
    const url = fillUrl(c.entry.url, fx.params) + (QUERIES[c.entry.file]?.(fx) ?? "");
    let body: Body | undefined;
    if (c.kind === "action") {
      const fields = { ...(c.intent ? { intent: c.intent } : {}), ...(BODIES[`${c.entry.file}#${c.intent}`]?.(fx) ?? {}) };
      if (c.entry.action?.multipart) {
        body = new FormData();
        for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
      } else body = fields;
    }
    const outcome = await callRoute(c.entry.file, c.kind, url, { cookie: await cookieOf(c.who), params: paramsOf(c.entry.url, fx.params), body });
    expect(outcome.error, failure(outcome)).toBeNull();
    const expected = expectedFor(c.rule.access, c.who);
    if (expected === "login") {
      expect(outcome.status, failure(outcome)).toBe(302);
      expect(outcome.location).toBe(`/login?redirectTo=${encodeURIComponent(url)}`);
    } else if (expected === "home") {
      expect([outcome.status, outcome.location]).toEqual([302, "/"]);
    } else if (expected === "forbidden") {
      expect(outcome.status, failure(outcome)).toBe(403);
    } else {
      expect(outcome.status, failure(outcome)).toBeLessThan(500);
      expect([401, 403], failure(outcome)).not.toContain(outcome.status);
      // Not stopped by the guard on the way (sign-in, second factor, forced password change or set-up).
      const page = url.split("?")[0];
      const guardStops = ["/login?", "/login/two-factor?", "/change-password", "/profile/two-factor"].filter((to) => !to.startsWith(page));
      if (c.rule.access !== "public") expect(guardStops.some((to) => (outcome.location ?? "").startsWith(to)), failure(outcome)).toBe(false);
    }
  });

  const withIntents = PERMISSION_MATRIX.filter((e) => e.action?.intents);
  it.each(withIntents.map((e) => [e.file, e] as const))("%s answers 400 to an unknown intent", async (_file, entry) => {
    const outcome = await callRoute(entry.file, "action", fillUrl(entry.url, fx.params), {
      cookie: await cookieOf("admin"),
      params: paramsOf(entry.url, fx.params),
      body: { intent: "no-such-intent" },
    });
    expect(outcome.status, failure(outcome)).toBe(400);
  });
});

/** How the refused call must look, per the table's "refused as". */
function expectRefused(refusal: Refusal, outcome: Outcome) {
  const why = failure(outcome);
  switch (refusal) {
    case "403":
    case "404":
      expect(outcome.status, why).toBe(Number(refusal));
      break;
    case "flash":
      expect([outcome.status, outcome.flash?.kind], why).toEqual([302, "error"]);
      expect(isCatalogueKey(outcome.flash!.key), outcome.flash!.key).toBe(true);
      break;
    case "form-400":
      expect(outcome.status, why).toBe(400);
      expect(outcome.messages.length + outcome.fieldErrors.length, why).toBeGreaterThan(0);
      for (const m of outcome.messages) expect(isReadable(m), m).toBe(true);
      for (const m of outcome.fieldErrors) expect(isCatalogueKey(m), m).toBe(true);
      break;
    case "redirect":
      expect(outcome.status, why).toBe(302);
      break;
    case "skipped":
      expect([outcome.status, outcome.flash?.kind, outcome.flash?.values?.skipped], why).toEqual([302, "info", 1]);
      break;
  }
}

/** The same call on a record the actor may touch is not refused that way. */
function expectNotRefused(refusal: Refusal, outcome: Outcome) {
  const why = failure(outcome);
  expect(outcome.error, why).toBeNull();
  expect(outcome.status, why).toBeLessThan(500);
  if (refusal === "403" || refusal === "404") expect(outcome.status, why).not.toBe(Number(refusal));
  if (refusal === "flash") expect(outcome.flash?.kind, why).not.toBe("error");
  if (refusal === "form-400") expect(outcome.status, why).toBeLessThan(400);
  if (refusal === "redirect") expect(outcome.status, why).toBe(200);
  if (refusal === "skipped") expect([outcome.flash?.kind, outcome.flash?.values?.skipped], why).toEqual(["success", 0]);
}

describe("ownership and IDOR: another owner's record is refused and left unchanged", () => {
  let own: RouteFixtures;
  beforeAll(async () => {
    // Fresh records: the role matrix above has already changed some of its own.
    own = await buildRouteFixtures();
  }, 120_000);

  const rows = PERMISSION_MATRIX.flatMap((entry) => [
    ...(entry.loader ? [{ entry, kind: "loader" as const, intent: null, rule: entry.loader }] : []),
    ...(entry.action ? actionIntents(entry.action).map((intent) => ({ entry, kind: "action" as const, intent, rule: intentRule(entry.action!, intent) })) : []),
  ]).filter((r) => r.rule.ownership && r.rule.refused);

  it("has a scenario for every rule that can refuse for ownership", () => {
    expect(rows.map((r) => `${r.entry.file}#${r.kind}#${r.intent ?? ""}`).filter((key) => !OWNERSHIP_SCENARIOS[key])).toEqual([]);
  });

  it.each(rows.map((r) => [`${label(r)}: ${r.rule.ownership} → ${r.rule.refused}`, r] as const))("%s", async (_name, r) => {
    const scenario = OWNERSHIP_SCENARIOS[`${r.entry.file}#${r.kind}#${r.intent ?? ""}`];
    const actorId = own.staff[scenario.actor].id;
    const call = async (c: { params?: Record<string, string>; body?: Record<string, string | string[]> }) => {
      const params = { ...own.params, ...c.params };
      return callRoute(r.entry.file, r.kind, fillUrl(r.entry.url, params), { cookie: await sessionCookieOf(actorId), params: paramsOf(r.entry.url, params), body: c.body });
    };
    const prisma = await db();
    const before = await scenario.state(own);
    const auditBefore = await prisma.auditEntry.count();
    expectRefused(r.rule.refused!, await call(await scenario.refused(own)));
    expect(await scenario.state(own)).toEqual(before);
    expect(await prisma.auditEntry.count(), "a refused call writes nothing, not even an audit entry").toBe(auditBefore);
    expectNotRefused(r.rule.refused!, await call(await scenario.allowed(own)));
  });

  it("keeps sales out of another request's access pack, whatever the id", async () => {
    const cookie = await sessionCookieOf(own.staff.sales.id);
    const url = `/privacy/requests/${own.params.requestId}/pack.zip`;
    const outcome = await callRoute("_app.privacy.requests.$requestId.pack[.]zip.tsx", "loader", url, { cookie, params: { requestId: own.params.requestId } });
    expect(outcome.status).toBe(403);
  });
});
