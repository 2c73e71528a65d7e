import { describe, expect, it } from "vitest";
import { listContacts } from "~/domain/contacts/contact-list.server";
import { contactListQuerySchema } from "~/domain/contacts/contact-list.schema";
import { compactContactSearch } from "~/domain/contacts/contact-search-upkeep.server";
import { rawDb } from "~/lib/db.server";

const NOW = "2026-01-01T00:00:00.000+00:00";

/** Inserts contacts in their own transaction: each becomes a new segment of the search index, as an import chunk does. */
function insertChunk(prefix: string, n: number): number[] {
  const raw = rawDb();
  const purposeId = (raw.prepare(`SELECT id FROM "Purpose" ORDER BY id LIMIT 1`).get() as { id: number }).id;
  const ids: number[] = [];
  raw.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = Number((raw.prepare(`SELECT COALESCE(MAX(id), 0) + 1 AS id FROM "Contact"`).get() as { id: number }).id);
      raw.prepare(`INSERT INTO "ProcessingRecord" ("contactId","purposeId","legalBasis","sourceKind","since","createdAt") VALUES (?,?,'consent','trade-fair',?,?)`).run(id, purposeId, NOW, NOW);
      raw.prepare(`INSERT INTO "Contact" ("id","firstName","lastName","sortName","email","sourceKind","obtainedAt","createdAt","updatedAt") VALUES (?,?,?,?,?,'trade-fair',?,?,?)`)
        .run(id, `${prefix}${i}`, "Segmentson", `segmentson ${prefix}${i}`, `${prefix}${i}@segments.test`, NOW, NOW, NOW);
      ids.push(id);
    }
  })();
  return ids;
}

const found = (q: string) => listContacts(contactListQuerySchema.parse({ q })).rows.length;

describe("contact search upkeep", () => {
  it("merges the segments and deletion markers an import and an undo leave, finding the same contacts, until nothing is left to merge", async () => {
    for (const prefix of ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]) insertChunk(prefix, 40);
    const removed = insertChunk("golf", 40);
    const raw = rawDb();
    // Contacts of an undone import go; their processing records go with them (cascade).
    raw.prepare(`DELETE FROM "Contact" WHERE id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(removed));
    expect(found("segmentson")).toBe(50); // a page
    expect(found("golf1")).toBe(0);
    expect(found("alpha1")).toBe(11); // alpha1, alpha10–alpha19

    const first = await compactContactSearch({ pagesPerStep: 2 });
    expect(first.steps).toBeGreaterThan(1);
    raw.prepare(`INSERT INTO "ContactSearch" ("ContactSearch") VALUES ('integrity-check')`).run();
    expect(found("alpha1")).toBe(11);
    expect(found("golf1")).toBe(0);
    expect(found("foxtrot3")).toBe(11);

    const second = await compactContactSearch();
    expect(second.steps).toBe(1); // nothing left to merge
  });
});
