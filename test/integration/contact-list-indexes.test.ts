import { beforeAll, describe, expect, it } from "vitest";
import { contactListQuerySchema } from "~/domain/contacts/contact-list.schema";
import { countContacts, explainContactList, listContacts } from "~/domain/contacts/contact-list.server";
import { contactSortName } from "~/domain/contacts/contact-rules";
import { db, rawDb } from "~/lib/db.server";
import { createTestStaff } from "../db-utils";

// The indexes of migration 0008 and the ways the list reads through them (scripts/bench/contacts.ts
// measures them at a million contacts): erased contacts stay out on every path.
const NOW = "2026-06-01T10:00:00.000+00:00";
let purposeId = 0;
let fairId = 0;
let ownerId = 0;

function insertContact(firstName: string, lastName: string, extra: { erased?: boolean; lastInteractionAt?: string | null } = {}): number {
  const raw = rawDb();
  const id = (raw.prepare(`SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'Contact'), 0) + 1 AS id`).get() as { id: number }).id;
  raw.transaction(() => {
    raw.prepare(`INSERT INTO "ProcessingRecord" ("contactId","purposeId","legalBasis","sourceKind","since","createdAt") VALUES (?,?,'consent','trade-fair',?,?)`).run(id, purposeId, NOW, NOW);
    raw.prepare(`INSERT INTO "Contact" ("id","firstName","lastName","sortName","stage","ownerId","sourceKind","obtainedAt","tradeFairId","lastInteractionAt","erasedAt","createdAt","updatedAt")
      VALUES (?,?,?,?,'customer',?,'trade-fair',?,?,?,?,?,?)`)
      .run(id, firstName, lastName, contactSortName(firstName, lastName), ownerId, NOW, fairId, extra.lastInteractionAt ?? null, extra.erased ? NOW : null, NOW, NOW);
  })();
  return id;
}

const query = (input: Record<string, unknown>) => contactListQuerySchema.parse(input);

beforeAll(async () => {
  const prisma = await db();
  purposeId = (await prisma.purpose.findFirstOrThrow({ select: { id: true } })).id;
  fairId = (await prisma.tradeFair.create({ data: { name: "Index fair", organiser: "Org" }, select: { id: true } })).id;
  ownerId = (await createTestStaff({ role: "sales" })).id;
  insertContact("Ann", "Indexwalk", { lastInteractionAt: "2026-03-01T09:00:00.000+00:00" });
  insertContact("Bob", "Indexwalk", { lastInteractionAt: "2026-05-01T09:00:00.000+00:00" });
  insertContact("Cas", "Indexwalk");
  insertContact("Dee", "Indexwalk", { erased: true, lastInteractionAt: "2026-05-20T09:00:00.000+00:00" });
});

describe("erased contacts", () => {
  it.each([
    ["a name search (full-text index alone)", { q: "indexwalk" }],
    ["a name search with a filter", { q: "indexwalk", stage: "customer" }],
    ["a trade fair", { tradeFairId: "FAIR" }],
    ["an owner and a stage", { ownerId: "OWNER", stage: "customer" }],
  ])("are neither counted nor listed for %s", (_label, input) => {
    const filter = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v === "FAIR" ? fairId : v === "OWNER" ? ownerId : v]));
    expect(countContacts(query(filter))).toEqual({ count: 3, more: false });
    for (const sort of ["name", "name-desc", "newest", "last-interaction"]) {
      expect(listContacts(query({ ...filter, sort })).rows.map((r) => r.firstName).sort()).toEqual(["Ann", "Bob", "Cas"]);
    }
  });
});

describe("query plans", () => {
  const plan = (input: Record<string, unknown>) => explainContactList(query(input)).join("\n");

  it("reads a fair's contacts by last interaction in index order, sorting only the page", () => {
    const fair = plan({ tradeFairId: fairId, sort: "last-interaction" });
    expect(fair).toMatch(/SEARCH c USING (COVERING )?INDEX Contact_tradeFairId_lastInteractionAt_id_idx \(tradeFairId=\? AND lastInteractionAt>\?\)/);
    expect(fair.match(/USE TEMP B-TREE/g)).toHaveLength(1);
    expect(listContacts(query({ tradeFairId: fairId, sort: "last-interaction" })).rows.map((r) => r.firstName)).toEqual(["Bob", "Ann", "Cas"]);
  });

  it("asks the erased-ids index instead of each row, and sorts name matches from the narrow index", () => {
    expect(plan({ ownerId, stage: "customer" })).toMatch(/SEARCH c USING COVERING INDEX Contact_ownerId_stage_sortName_id_idx[\s\S]*SEARCH e USING INDEX Contact_erased_id_idx/);
    expect(plan({ q: "indexw", sort: "name" })).toMatch(/SCAN cs VIRTUAL TABLE[\s\S]*SEARCH c USING INDEX Contact_live_id_sortName_idx \(id=\?\)/);
    // Searches list newest first by default: the full-text index's own order, nothing to sort but the page.
    expect(plan({ q: "indexw" })).not.toMatch(/Contact_live_id_sortName_idx/);
  });
});
