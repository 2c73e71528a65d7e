import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// The server loads the router through `require` (its CommonJS build), which is what
// scripts/patches changes (ADR 023): load it the same way.
const require = createRequire(import.meta.url);
type Route = { id: string; path?: string; index?: boolean; children?: Route[] };
type Match = { route: { id: string }; params: Record<string, string | undefined>; pathname: string };
const router = require("@remix-run/router") as { matchRoutes: (routes: Route[], location: string) => Match[] | null };
const { createStaticRouter } = require("react-router-dom/server") as {
  createStaticRouter: (routes: Route[], context: { matches: Match[] }) => { routes: Route[] };
};

function routeTree(): Route[] {
  return [
    {
      id: "root",
      path: "/",
      children: [
        { id: "home", index: true },
        {
          id: "contacts",
          path: "contacts",
          children: [
            { id: "contacts-index", index: true },
            { id: "contact-new", path: "new" },
            { id: "contact", path: ":contactId" },
            { id: "contact-edit", path: ":contactId/edit" },
          ],
        },
        { id: "privacy", path: "privacy/*" },
        { id: "help", path: "help/:language?/topic" },
      ],
    },
  ];
}

const paths = ["/", "/contacts", "/contacts/", "/contacts/new", "/contacts/42", "/contacts/42/edit", "/CONTACTS/7", "/privacy/review/3", "/help/topic", "/help/nl/topic", "/nowhere", "/contacts/42/edit/more"];
const summary = (matches: Match[] | null) => matches?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname })) ?? null;

describe("route matching with the patched router (ADR 023)", () => {
  it("matches every path the same on a routes array matched before as on a fresh one", () => {
    const shared = routeTree();
    for (let round = 0; round < 3; round++) {
      for (const path of paths) expect(summary(router.matchRoutes(shared, path)), path).toEqual(summary(router.matchRoutes(routeTree(), path)));
    }
    expect(summary(router.matchRoutes(shared, "/contacts/42/edit"))?.map((m) => m.id)).toEqual(["root", "contacts", "contact-edit"]);
    expect(router.matchRoutes(shared, "/contacts/42/edit")?.at(-1)?.params).toEqual({ contactId: "42" });
    expect(router.matchRoutes(shared, "/contacts/new")?.at(-1)?.route.id).toBe("contact-new");
    expect(router.matchRoutes(shared, "/help/nl/topic")?.at(-1)?.params).toEqual({ language: "nl" });
    expect(router.matchRoutes(shared, "/privacy/review/3")?.at(-1)?.params).toEqual({ "*": "review/3" });
    expect(router.matchRoutes(shared, "/nowhere")).toBeNull();
  });

  it("hands out copies of remembered matches, and stays right past the 500 pathnames it remembers", () => {
    const shared = routeTree();
    const first = router.matchRoutes(shared, "/contacts/42/edit")!;
    first.at(-1)!.params.contactId = "changed by a caller";
    expect(router.matchRoutes(shared, "/contacts/42/edit")!.at(-1)!.params).toEqual({ contactId: "42" });
    for (let id = 1; id <= 1_200; id++) expect(router.matchRoutes(shared, `/contacts/${id}`)!.at(-1)!.params.contactId).toBe(String(id));
    for (let id = 1_200; id >= 1; id -= 7) expect(router.matchRoutes(shared, `/contacts/${id}/edit`)!.map((m) => m.route.id)).toEqual(["root", "contacts", "contact-edit"]);
  });

  it("ranks a routes array once: a route pushed into it afterwards, without patchRoutes, is not seen (fails if the patch was not applied)", () => {
    const shared = routeTree();
    expect(router.matchRoutes(shared, "/contacts/1")?.at(-1)?.route.id).toBe("contact");
    shared[0].children!.push({ id: "late", path: "late" });
    expect(router.matchRoutes(shared, "/late")).toBeNull();
    // A new array (what a rebuilt server build gives) is ranked afresh.
    const rebuilt = routeTree();
    rebuilt[0].children!.push({ id: "late", path: "late" });
    expect(router.matchRoutes(rebuilt, "/late")?.at(-1)?.route.id).toBe("late");
  });

  it("converts the same routes array into the same data routes for every render", () => {
    const routes = routeTree();
    const first = createStaticRouter(routes, { matches: [] });
    const second = createStaticRouter(routes, { matches: [] });
    expect(second.routes).toBe(first.routes);
    expect(createStaticRouter(routeTree(), { matches: [] }).routes).not.toBe(first.routes);
    expect(first.routes[0].children!.map((r) => r.id)).toEqual(["home", "contacts", "privacy", "help"]);
  });
});
