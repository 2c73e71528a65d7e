import { describe, expect, it } from "vitest";
import type { Mapping } from "./header-mapping";
import {
  type LeadCheck,
  type LeadFields,
  type RowContext,
  checkRow,
  importRowOutcome,
  inFileKey,
  mapRow,
  normaliseLanguage,
  parseOptIn,
  tally,
  validateLead,
} from "./row-outcome";

const mapping: Mapping = ["firstName", "lastName", "email", "ignore", "optIn", "phone"];

describe("mapRow", () => {
  it("trims cells, drops empty ones and ignores unmapped columns", () => {
    expect(mapRow([" Jan ", "", "jan@x.be", "badge-77", "ja", "  "], mapping)).toEqual({
      firstName: "Jan",
      email: "jan@x.be",
      optIn: true,
    });
  });

  it("reads a missing trailing cell as empty", () => {
    expect(mapRow(["Jan", "Peeters"], mapping)).toEqual({ firstName: "Jan", lastName: "Peeters", optIn: false });
  });
});

describe("parseOptIn", () => {
  it.each<readonly [string, boolean | null]>([
    ...["yes", "Ja", "OUI", "y", "J", "o", "1", "x", "X", "true", "waar", "vrai"].map((v) => [v, true] as const),
    ...["no", "Nee", "non", "0", "false", "", "  "].map((v) => [v, false] as const),
    ["misschien", null],
    ["2024-05-01", null],
  ])("%j → %s", (value, expected) => expect(parseOptIn(value)).toBe(expected));
});

describe("normaliseLanguage", () => {
  it.each([
    ["NL", "nl"],
    ["Nederlands", "nl"],
    ["néerlandais", "nl"],
    ["nl_BE", "nl"],
    ["Français", "fr"],
    ["FR", "fr"],
    ["Frans", "fr"],
    ["English", "en"],
    ["anglais", "en"],
    ["Deutsch", null],
  ])("%j → %s", (value, expected) => expect(normaliseLanguage(value)).toBe(expected));
});

describe("validateLead", () => {
  const base: LeadFields = { firstName: "Élodie", lastName: "Lefèvre", email: "Elodie@Exemple.BE" };

  it("normalises e-mail, phones and language", () => {
    const check = validateLead({ ...base, mobile: "0470 12 34 56", phone: "+32 2 511 22 33", language: "Français", optIn: true });
    expect(check).toEqual({
      ok: true,
      lead: {
        firstName: "Élodie",
        lastName: "Lefèvre",
        email: "elodie@exemple.be",
        mobile: "+32470123456",
        phone: "+3225112233",
        language: "fr",
        optIn: true,
      },
      warnings: [],
    });
  });

  it("drops a bad phone or language with a warning instead of rejecting the row", () => {
    const check = validateLead({ ...base, mobile: "12345", phone: "=cmd|' /C calc'!A0", language: "Deutsch", optIn: null });
    expect(check.ok && check.lead).toEqual({ firstName: "Élodie", lastName: "Lefèvre", email: "elodie@exemple.be", optIn: false });
    expect(check.ok && check.warnings).toEqual(["PHONE_DROPPED", "LANGUAGE_DROPPED", "OPT_IN_UNRECOGNISED"]);
  });

  it("keeps formula-looking text as plain text", () => {
    const notes = '=HYPERLINK("http://x","click")';
    const check = validateLead({ ...base, organisation: "@SUM(A1:A2)", notes });
    expect(check.ok && check.lead.notes).toBe(notes);
    expect(check.ok && check.lead.organisation).toBe("@SUM(A1:A2)");
  });

  it.each<[string, LeadFields, string | null]>([
    ["e-mail only", { email: "a@b.be" }, null],
    ["first and last name only", { firstName: "Jan", lastName: "Peeters" }, null],
    ["first name only", { firstName: "Jan", organisation: "Acme" }, "NO_NAME_NO_EMAIL"],
    ["nothing but a company", { organisation: "Acme" }, "NO_NAME_NO_EMAIL"],
    ["a broken e-mail", { firstName: "Tom", lastName: "J", email: "tom@@voorbeeld" }, "EMAIL_INVALID"],
    ["an e-mail without domain", { email: "tom@" }, "EMAIL_INVALID"],
    ["a formula in the e-mail column", { email: "=1+1" }, "EMAIL_INVALID"],
    ["a 101-character first name", { ...base, firstName: "a".repeat(101) }, "FIELD_TOO_LONG"],
    ["a 100-character first name", { ...base, firstName: "a".repeat(100) }, null],
    ["a 255-character e-mail", { email: `${"a".repeat(248)}@abc.be` }, "FIELD_TOO_LONG"],
    ["a 201-character organisation", { ...base, organisation: "o".repeat(201) }, "FIELD_TOO_LONG"],
    ["a 151-character job title", { ...base, jobTitle: "j".repeat(151) }, "FIELD_TOO_LONG"],
    ["a 501-character city", { ...base, city: "c".repeat(501) }, "FIELD_TOO_LONG"],
    ["2000-character notes", { ...base, notes: "n".repeat(2000) }, null],
    ["2001-character notes", { ...base, notes: "n".repeat(2001) }, "FIELD_TOO_LONG"],
  ])("%s → %s", (_label, fields, reason) => {
    const check = validateLead(fields);
    expect(check.ok ? null : check.reason).toBe(reason);
  });

  it("names the field that is too long", () => {
    expect(validateLead({ ...base, notes: "n".repeat(2001) })).toEqual({ ok: false, reason: "FIELD_TOO_LONG", field: "notes" });
  });
});

describe("checkRow", () => {
  it("rejects a row the reader flagged, whatever its cells", () => {
    expect(checkRow({ cells: ["Jan", "Peeters", "jan@x.be"], error: "ROW_MALFORMED" }, mapping)).toEqual({
      ok: false,
      reason: "ROW_MALFORMED",
    });
  });
});

describe("inFileKey", () => {
  it.each([
    [{ email: "jan@x.be", firstName: "Jan" }, "email:jan@x.be"],
    [{ firstName: "Hélène", lastName: "Dupont", organisation: "Dupont  SA" }, "name:helene|dupont|dupont sa"],
    [{ firstName: "HELENE", lastName: "dupont", organisation: "Dupont SA" }, "name:helene|dupont|dupont sa"],
    [{ firstName: "Jan", lastName: "Peeters" }, "name:jan|peeters|"],
  ])("%j → %s", (lead, key) => expect(inFileKey(lead)).toBe(key));
});

describe("importRowOutcome", () => {
  const valid = validateLead({ firstName: "Jan", lastName: "Peeters", email: "jan@x.be", mobile: "0470 11 22 33" });
  const invalid = validateLead({ email: "nope" });
  const match = { contactId: 7, fields: { firstName: "Jan", lastName: "Peeters", email: "jan@x.be", mobile: null } };
  const ctx = (over: Partial<RowContext> = {}): RowContext => ({ duplicateInFile: false, suppressed: false, match: null, ...over });

  it.each<[string, LeadCheck, RowContext, string]>([
    ["invalid beats everything", invalid, ctx({ suppressed: true, duplicateInFile: true, match }), "rejected"],
    ["suppressed beats duplicate and match", valid, ctx({ suppressed: true, duplicateInFile: true, match }), "suppressed"],
    ["duplicate beats match", valid, ctx({ duplicateInFile: true, match }), "duplicate"],
    ["match merges", valid, ctx({ match }), "merged"],
    ["otherwise created", valid, ctx(), "created"],
  ])("%s", (_label, check, context, outcome) => {
    expect(importRowOutcome(check, context).outcome).toBe(outcome);
  });

  it("keeps the reason of a rejected row", () => {
    expect(importRowOutcome(invalid, ctx())).toEqual({ outcome: "rejected", reason: "EMAIL_INVALID", field: "email" });
  });

  it("fills empty fields and lists conflicts without overwriting", () => {
    const lead = validateLead({
      firstName: "jan",
      lastName: "Peeters-Claes",
      email: "jan@x.be",
      mobile: "0470/11.22.33",
      phone: "02 511 22 33",
      organisation: "Peeters BV",
      city: "Gent",
      optIn: true,
    });
    const existing = {
      contactId: 42,
      fields: { firstName: "Jan", lastName: "Peeters", email: "jan@x.be", mobile: "+32 470 11 22 33", phone: null, organisation: "", city: "Antwerpen" },
    };
    expect(importRowOutcome(lead, ctx({ match: existing }))).toEqual({
      outcome: "merged",
      contactId: 42,
      fill: { phone: "+3225112233", organisation: "Peeters BV" },
      conflicts: [
        { field: "lastName", current: "Peeters", incoming: "Peeters-Claes" },
        { field: "city", current: "Antwerpen", incoming: "Gent" },
      ],
      warnings: [],
    });
  });

  it("passes warnings on to created rows", () => {
    const lead = validateLead({ email: "a@b.be", phone: "123" });
    expect(importRowOutcome(lead, ctx())).toEqual({ outcome: "created", warnings: ["PHONE_DROPPED"] });
  });
});

describe("tally", () => {
  it("counts each outcome", () => {
    expect(
      tally([
        { outcome: "created" },
        { outcome: "created" },
        { outcome: "merged" },
        { outcome: "duplicate" },
        { outcome: "suppressed" },
        { outcome: "rejected" },
        { outcome: "rejected" },
        { outcome: "rejected" },
      ]),
    ).toEqual({ created: 2, merged: 1, duplicate: 1, suppressed: 1, rejected: 3 });
    expect(tally([])).toEqual({ created: 0, merged: 0, duplicate: 0, suppressed: 0, rejected: 0 });
  });
});
