import { describe, expect, it } from "vitest";
import type { Actor } from "~/domain/staff/roles";
import { canReassignOwner, contactEditDenied, contactSortName, foldText } from "./contact-rules";

const sales: Actor = { id: 1, role: "sales", ip: null };
const manager: Actor = { id: 2, role: "manager", ip: null };
const admin: Actor = { id: 3, role: "admin", ip: null };

describe("contactEditDenied", () => {
  it.each([
    ["sales, own contact", sales, { ownerId: 1, restricted: false }, null],
    ["sales, no owner", sales, { ownerId: null, restricted: false }, null],
    ["sales, someone else's", sales, { ownerId: 9, restricted: false }, "CONTACT_NOT_OWNER"],
    ["manager, someone else's", manager, { ownerId: 9, restricted: false }, null],
    ["admin, someone else's", admin, { ownerId: 9, restricted: false }, null],
    ["manager, restricted", manager, { ownerId: 2, restricted: true }, "CONTACT_RESTRICTED"],
    ["sales, own but restricted", sales, { ownerId: 1, restricted: true }, "CONTACT_RESTRICTED"],
    ["admin, erased", admin, { ownerId: null, restricted: false, erasedAt: new Date() }, "CONTACT_ERASED"],
  ] as const)("%s → %s", (_label, actor, contact, expected) => {
    expect(contactEditDenied(actor, contact)).toBe(expected);
  });

  it("lets only managers and admins reassign", () => {
    expect([sales, manager, admin].map(canReassignOwner)).toEqual([false, true, true]);
  });
});

describe("sort names", () => {
  it.each([
    ["Chloé", "Dubois", "dubois chloe"],
    ["  Jan ", "Van  Damme", "van damme jan"],
    ["Ïnès", "Ëlst", "elst ines"],
  ])("%s %s → %s", (first, last, expected) => {
    expect(contactSortName(first, last)).toBe(expected);
  });
  it("folds accents and case", () => expect(foldText("ÉCOLE Ça")).toBe("ecole ca"));
  it("folds plain ASCII, tabs and line breaks the same way", () => {
    expect(foldText("  Van  DAMME\tJan ")).toBe("van damme jan");
    expect(foldText("De Smet\nAnn")).toBe("de smet ann");
    expect(foldText("Zoë   Maës")).toBe("zoe maes");
  });
});
