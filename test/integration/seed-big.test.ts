import { beforeAll, describe, expect, it } from "vitest";
import { db, rawDb } from "~/lib/db.server";
import { seedBig, type SeedBigResult } from "../../scripts/seed-big-lib";

const CONTACTS = 2_000;
let result: SeedBigResult;

// The generator writes through the raw handle of this file's test database, as the CLI does on its own file.
beforeAll(async () => {
  result = await seedBig(rawDb(), { contacts: CONTACTS, seed: 7, chunkSize: 600, now: new Date("2026-11-26T12:00:00Z") });
}, 60_000);

const count = (sql: string, ...params: unknown[]) => (rawDb().prepare(sql).get(...params) as { n: number }).n;

describe("the big synthetic seed", () => {
  it("writes the contacts, about one organisation per twenty, and owners to own them", () => {
    expect(result.contacts).toBe(CONTACTS);
    expect(count('SELECT COUNT(*) AS n FROM "Contact"')).toBe(CONTACTS);
    expect(count('SELECT COUNT(*) AS n FROM "Organisation"')).toBe(CONTACTS / 20);
    expect(count('SELECT COUNT(DISTINCT ownerId) AS n FROM "Contact"')).toBeGreaterThanOrEqual(3);
    expect(count('SELECT COUNT(*) AS n FROM "ProcessingRecord"')).toBe(result.processingRecords);
  });

  it("gives every contact one to three processing records", () => {
    const outside = count(`SELECT COUNT(*) AS n FROM "Contact" c
      WHERE (SELECT COUNT(*) FROM "ProcessingRecord" p WHERE p.contactId = c.id) NOT BETWEEN 1 AND 3`);
    expect(outside).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM (SELECT contactId FROM "ProcessingRecord" GROUP BY contactId HAVING COUNT(*) = 3)')).toBeGreaterThan(0);
    expect(rawDb().prepare("PRAGMA foreign_key_check").all()).toEqual([]);
  });

  it("keeps the search index in step: a generated name and e-mail are found", () => {
    const contact = rawDb().prepare('SELECT id, lastName, email FROM "Contact" WHERE email IS NOT NULL AND organisationId IS NOT NULL ORDER BY id DESC LIMIT 1').get() as {
      id: number; lastName: string; email: string;
    };
    const match = (query: string) => (rawDb().prepare('SELECT rowid AS id FROM "ContactSearch" WHERE "ContactSearch" MATCH ?').all(query) as { id: number }[]).map((r) => r.id);
    expect(match(`name:"${contact.lastName}"`)).toContain(contact.id);
    expect(match(`email:"${contact.email.split("@")[0]}"`)).toEqual([contact.id]);
    expect(count('SELECT COUNT(*) AS n FROM "ContactSearch"')).toBe(CONTACTS);
  });

  it("makes every e-mail address unique", () => {
    expect(count('SELECT COUNT(*) AS n FROM "Contact" WHERE email IS NOT NULL')).toBe(count('SELECT COUNT(DISTINCT email) AS n FROM "Contact"'));
    expect(count('SELECT COUNT(*) AS n FROM "Contact" WHERE email IS NOT NULL')).toBeGreaterThan(CONTACTS * 0.9);
  });

  it("sets lastInteractionAt to the latest interaction, and leaves it empty without one", () => {
    const wrong = count(`SELECT COUNT(*) AS n FROM "Contact" c
      WHERE c.lastInteractionAt IS NOT (SELECT MAX(i.occurredAt) FROM "Interaction" i WHERE i.contactId = c.id)`);
    expect(wrong).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM "Contact" WHERE lastInteractionAt IS NULL')).toBeGreaterThan(0);
    expect(count('SELECT COUNT(*) AS n FROM "Interaction"')).toBe(result.interactions);
  });

  it("spreads retention around today, restricts a few and records trade-fair sources with their fair", () => {
    const today = "2026-11-26T12:00:00.000+00:00";
    expect(count('SELECT COUNT(*) AS n FROM "ProcessingRecord" WHERE retentionEndsAt < ?', today)).toBeGreaterThan(0);
    expect(count('SELECT COUNT(*) AS n FROM "ProcessingRecord" WHERE retentionEndsAt >= ?', today)).toBeGreaterThan(0);
    expect(count('SELECT COUNT(*) AS n FROM "Contact" WHERE restricted = 1')).toBeGreaterThan(0);
    expect(count(`SELECT COUNT(*) AS n FROM "Contact" WHERE sourceKind = 'trade-fair' AND (tradeFairId IS NULL OR noticeDueAt IS NULL)`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM "Contact" WHERE sourceKind = 'trade-fair'`)).toBeGreaterThan(0);
  });

  it("writes dates and flags Prisma reads back as it writes them", async () => {
    const prisma = await db();
    const contact = await prisma.contact.findFirstOrThrow({
      where: { lastInteractionAt: { not: null } },
      select: { obtainedAt: true, lastInteractionAt: true, restricted: true, processingRecords: { select: { since: true } } },
    });
    expect(contact.obtainedAt).toBeInstanceOf(Date);
    expect(contact.lastInteractionAt!.getTime()).toBeGreaterThanOrEqual(contact.obtainedAt.getTime());
    expect(typeof contact.restricted).toBe("boolean");
    expect(contact.processingRecords[0].since.getTime()).toBe(contact.obtainedAt.getTime());
  });

  it("adds to an existing database on a second run without clashing ids, e-mails or VAT numbers", async () => {
    const again = await seedBig(rawDb(), { contacts: 100, seed: 7, now: new Date("2026-11-26T12:00:00Z") });
    expect(again.contacts).toBe(100);
    expect(again.staffCreated).toEqual([]);
    expect(count('SELECT COUNT(*) AS n FROM "Contact"')).toBe(CONTACTS + 100);
  });
});
