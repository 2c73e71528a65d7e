import { beforeAll, describe, expect, it } from "vitest";
import { organisationSchema } from "~/domain/organisations/organisation.schema";
import { createOrganisation } from "~/domain/organisations/organisations.server";
import { CUSTOMER_PICKS, explainCustomerSearch, searchCustomers } from "~/domain/quotes/quote-read.server";
import { rawDb } from "~/lib/db.server";
import { createTestStaff } from "../db-utils";
import { existingContact } from "../import-utils";

// The picker of the new-quote page and of a training's registrations: the contact list's full-text
// search for contacts, the organisations' name index for organisations.
const ids: Record<string, number> = {};

beforeAll(async () => {
  const sales = await createTestStaff({ role: "sales" });
  ids.chloe = await existingContact(sales.actor, { firstName: "Chloé", lastName: "Dubois", email: "chloe.dubois@voorbeeld.be", organisationName: "Brabant Bouw" });
  ids.marc = await existingContact(sales.actor, { firstName: "Marc", lastName: "Dubosc", email: "marc@exemple.be" });
  ids.anne = await existingContact(sales.actor, { firstName: "Anne", lastName: "Peeters", email: "anne.peeters@brabantbouw.be", organisationName: "Brabant Bouw" });
  // Erased: its row stays (anonymised in real life); here the name is left in the search index on purpose,
  // so only the erasure test keeps it out.
  ids.erased = await existingContact(sales.actor, { firstName: "Dubois", lastName: "Erased", email: "erased@voorbeeld.be" });
  rawDb().prepare(`UPDATE "Contact" SET "erasedAt" = ? WHERE id = ?`).run(new Date().toISOString().replace("Z", "+00:00"), ids.erased);
  for (const name of ["Dubois Consult", "Duboscq Engineering", "Schelde Logistics"]) {
    const created = await createOrganisation(sales.actor, organisationSchema.parse({ name }));
    if (!created.ok) throw new Error(created.reason);
  }
  // More "Zwartberg" contacts than the picker shows.
  for (let i = 0; i < CUSTOMER_PICKS + 3; i++) {
    ids[`z${i}`] = await existingContact(sales.actor, { firstName: `Person${String.fromCharCode(97 + ((i * 7) % 13))}`, lastName: "Zwartberg", email: `z${i}@zwartberg.be` });
  }
});

describe("searchCustomers", () => {
  it("finds contacts by a prefix of any name word, accent- and case-insensitively, and organisations by name prefix", async () => {
    const found = await searchCustomers("DUBO");
    expect(found.contacts).toEqual([
      { id: ids.chloe, firstName: "Chloé", lastName: "Dubois", organisation: { name: "Brabant Bouw" } },
      { id: ids.marc, firstName: "Marc", lastName: "Dubosc", organisation: null },
    ]);
    expect(found.organisations.map((o) => o.name)).toEqual(["Dubois Consult", "Duboscq Engineering"]);
    expect((await searchCustomers("chloe")).contacts.map((c) => c.id)).toEqual([ids.chloe]);
    expect((await searchCustomers("chlo dub")).contacts.map((c) => c.id)).toEqual([ids.chloe]);
  });

  it("finds contacts by e-mail and by their organisation's name", async () => {
    expect((await searchCustomers("anne.peeters@brabant")).contacts.map((c) => c.id)).toEqual([ids.anne]);
    expect((await searchCustomers("marc@exe")).contacts.map((c) => c.id)).toEqual([ids.marc]);
    // Contacts of Brabant Bouw, by name; no organisation's name starts with "bouw".
    expect(await searchCustomers("bouw")).toEqual({
      contacts: [
        { id: ids.chloe, firstName: "Chloé", lastName: "Dubois", organisation: { name: "Brabant Bouw" } },
        { id: ids.anne, firstName: "Anne", lastName: "Peeters", organisation: { name: "Brabant Bouw" } },
      ],
      organisations: [],
    });
  });

  it("never offers an erased contact", async () => {
    const byName = await searchCustomers("erased");
    expect(byName.contacts).toEqual([]);
    expect((await searchCustomers("dubois")).contacts.map((c) => c.id)).toEqual([ids.chloe]);
    expect((await searchCustomers("erased@voorbeeld")).contacts).toEqual([]);
  });

  it("offers the most recent matches, shown in name order, and nothing for fewer than two letters", async () => {
    const found = await searchCustomers("zwartberg");
    expect(found.contacts).toHaveLength(CUSTOMER_PICKS);
    const newest = Array.from({ length: CUSTOMER_PICKS + 3 }, (_, i) => ids[`z${i}`]).slice(3);
    expect(found.contacts.map((c) => c.id).sort((a, b) => a - b)).toEqual(newest);
    const names = found.contacts.map((c) => c.firstName.toLowerCase());
    expect(names).toEqual([...names].sort());
    expect(await searchCustomers("d")).toEqual({ contacts: [], organisations: [] });
    expect(await searchCustomers(" é ")).toEqual({ contacts: [], organisations: [] });
    expect(await searchCustomers("x".repeat(101))).toEqual({ contacts: [], organisations: [] });
  });

  it("reads contacts through the full-text or e-mail index, never by walking all contacts", () => {
    // "SCAN cs" is the full-text index, "SCAN p" the page's own 51 ids; any other SCAN would walk Contact.
    const scanOfContact = /^SCAN (?!cs VIRTUAL TABLE|p$)/m;
    const byName = explainCustomerSearch("dubo").join("\n");
    expect(byName).toMatch(/SCAN cs VIRTUAL TABLE INDEX/);
    expect(byName).toMatch(/SEARCH c USING INTEGER PRIMARY KEY/);
    expect(byName).not.toMatch(scanOfContact);
    expect(byName).not.toMatch(/USE TEMP B-TREE FOR ORDER BY[\s\S]*USE TEMP B-TREE FOR ORDER BY/); // at most the page's own rows sorted
    const byEmail = explainCustomerSearch("marc@exe").join("\n");
    expect(byEmail).toMatch(/SEARCH c USING (COVERING )?INDEX Contact_email_key \(email>\? AND email<\?\)/);
    expect(byEmail).not.toMatch(scanOfContact);
  });
});
