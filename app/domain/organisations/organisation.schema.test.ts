import { describe, expect, it } from "vitest";
import { organisationFormValues, organisationSchema, parseTags } from "./organisation.schema";

const base = { name: "Schelde Logistics" };

/** The first error message of one field, or null when the form is valid for it. */
function errorOf(field: string, value: string): string | null {
  const result = organisationSchema.safeParse({ ...base, [field]: value });
  if (result.success) return null;
  return result.error.issues.find((i) => i.path[0] === field)?.message ?? null;
}

function valueOf(field: string, value: string): unknown {
  const result = organisationSchema.safeParse({ ...base, [field]: value });
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return (result.data as Record<string, unknown>)[field];
}

describe("organisationSchema: name", () => {
  it.each([
    ["", "form.required"],
    ["   ", "form.required"],
    ["x".repeat(201), "form.tooLong"],
  ])("%j → %s", (name, message) => {
    expect(errorOf("name", name)).toBe(message);
  });

  it("trims the name and fills every missing optional field", () => {
    expect(organisationSchema.parse({ name: "  Nova BV " })).toEqual({
      name: "Nova BV", vatNumber: null, phone: null, street: null, postalCode: null, city: null, country: null, website: null, tags: [],
    });
  });
});

describe("organisationSchema: VAT number", () => {
  it.each([
    ["BE 0123.456.749", "BE0123456749"],
    ["0403.170.701", "BE0403170701"],
    ["nl 8123.45.678.b01", "NL812345678B01"],
    ["", null],
  ])("accepts %j as %j", (raw, stored) => {
    expect(valueOf("vatNumber", raw)).toBe(stored);
  });

  it.each([
    ["BE 0123.456.748", "organisation.VAT_CHECK_DIGITS"],
    ["BE 12", "organisation.VAT_FORMAT"],
    ["12.34", "organisation.VAT_FORMAT"],
    ["US 123456789", "organisation.VAT_COUNTRY"],
    ["BE".padEnd(31, "0"), "form.tooLong"],
  ])("refuses %j with %s", (raw, message) => {
    expect(errorOf("vatNumber", raw)).toBe(message);
  });
});

describe("organisationSchema: phone", () => {
  it.each([
    ["02 555 12 34", "+3225551234"],
    ["0470/12.34.56", "+32470123456"],
    ["+31 20 123 4567", "+31201234567"],
    ["", null],
  ])("accepts %j as %j", (raw, stored) => {
    expect(valueOf("phone", raw)).toBe(stored);
  });

  it.each([
    ["12", "organisation.PHONE_INVALID"],
    ["call me", "organisation.PHONE_INVALID"],
    ["0".repeat(41), "form.tooLong"],
  ])("refuses %j with %s", (raw, message) => {
    expect(errorOf("phone", raw)).toBe(message);
  });
});

describe("organisationSchema: website", () => {
  it.each([
    ["https://schelde-logistics.be", "https://schelde-logistics.be"],
    ["http://www.nova.be/contact?x=1", "http://www.nova.be/contact?x=1"],
    ["", null],
  ])("accepts %j", (raw, stored) => {
    expect(valueOf("website", raw)).toBe(stored);
  });

  it.each([
    "javascript:alert(1)",
    "ftp://files.nova.be",
    "www.nova.be",
    "https://localhost",
    "https://user:secret@nova.be",
    `https://nova.be/${"a".repeat(300)}`,
  ])("refuses %j", (raw) => {
    expect(errorOf("website", raw)).not.toBeNull();
  });
});

describe("organisationSchema: tags", () => {
  it.each([
    ["", []],
    ["partner", ["partner"]],
    ["Key account, partner , ,Partner", ["key-account", "partner"]],
    [Array.from({ length: 20 }, (_, i) => `t${i}`).join(","), Array.from({ length: 20 }, (_, i) => `t${i}`)],
  ])("reads %j as %j", (raw, tags) => {
    expect(valueOf("tags", raw)).toEqual(tags);
  });

  it.each([
    ["a 41-character tag", "x".repeat(41), "organisation.TAG_TOO_LONG"],
    ["21 tags", Array.from({ length: 21 }, (_, i) => `t${i}`).join(","), "organisation.TOO_MANY_TAGS"],
    ["1,002 characters", "a,".repeat(501), "form.tooLong"],
  ])("refuses %s with %s", (_, raw, message) => {
    expect(errorOf("tags", raw)).toBe(message);
  });

  it("keeps tags free of the space that separates them in storage", () => {
    expect(parseTags(" training  alumni ").join(" ")).toBe("training-alumni");
  });
});

describe("organisationFormValues", () => {
  it("shows stored values the way people type them, and they parse back to the same values", () => {
    const stored = {
      name: "Schelde Logistics", vatNumber: "BE0123456749", phone: "+3225551234", street: null, postalCode: "9000",
      city: "Gent", country: null, website: "https://schelde.be", tags: "key-account partner",
    };
    const values = organisationFormValues(stored);
    expect(values).toMatchObject({ vatNumber: "BE 0123.456.749", phone: "+32 2 555 12 34", street: "", tags: "key-account, partner" });
    const parsed = organisationSchema.parse(values);
    expect({ ...parsed, tags: parsed.tags.join(" ") }).toEqual(stored);
  });
});
