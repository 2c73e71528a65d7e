import { describe, expect, it } from "vitest";
import {
  type Mapping,
  checkMapping,
  fieldForHeader,
  mappingSchema,
  normaliseHeader,
  suggestMapping,
  toSavedMapping,
} from "./header-mapping";

describe("normaliseHeader", () => {
  it.each([
    ["Adresse e-mail", "adresseemail"],
    ["  PRÉNOM ", "prenom"],
    ["Tél.", "tel"],
    ["Code_postal", "codepostal"],
    ["E-mailadres", "emailadres"],
  ])("%j → %s", (header, expected) => expect(normaliseHeader(header)).toBe(expected));
});

describe("fieldForHeader", () => {
  it.each([
    // Dutch
    ["Voornaam", "firstName"],
    ["Achternaam", "lastName"],
    ["Familienaam", "lastName"],
    ["E-mailadres", "email"],
    ["Bedrijf", "organisation"],
    ["Organisatie", "organisation"],
    ["Functie", "jobTitle"],
    ["GSM", "mobile"],
    ["Mobiel", "mobile"],
    ["Telefoon", "phone"],
    ["Taal", "language"],
    ["Straat", "street"],
    ["Adres", "street"],
    ["Postcode", "postalCode"],
    ["Gemeente", "city"],
    ["Stad", "city"],
    ["Land", "country"],
    ["Nieuwsbrief", "optIn"],
    ["Toestemming marketing", "optIn"],
    ["Opmerkingen", "notes"],
    // French
    ["Prénom", "firstName"],
    ["Nom", "lastName"],
    ["Nom de famille", "lastName"],
    ["Courriel", "email"],
    ["Adresse e-mail", "email"],
    ["Société", "organisation"],
    ["Entreprise", "organisation"],
    ["Fonction", "jobTitle"],
    ["Portable", "mobile"],
    ["Téléphone", "phone"],
    ["Tél", "phone"],
    ["Langue", "language"],
    ["Rue", "street"],
    ["Adresse", "street"],
    ["Code postal", "postalCode"],
    ["Ville", "city"],
    ["Localité", "city"],
    ["Pays", "country"],
    ["Accepte de recevoir nos offres", "optIn"],
    ["Remarques", "notes"],
    // English
    ["First name", "firstName"],
    ["Firstname", "firstName"],
    ["Given name", "firstName"],
    ["Last name", "lastName"],
    ["Surname", "lastName"],
    ["Email", "email"],
    ["E-Mail", "email"],
    ["Mail", "email"],
    ["Company", "organisation"],
    ["Organization", "organisation"],
    ["Job title", "jobTitle"],
    ["Title", "jobTitle"],
    ["Position", "jobTitle"],
    ["Mobile", "mobile"],
    ["Cell", "mobile"],
    ["Phone", "phone"],
    ["Tel", "phone"],
    ["Language", "language"],
    ["Street", "street"],
    ["Address", "street"],
    ["Zip", "postalCode"],
    ["City", "city"],
    ["Country", "country"],
    ["Opt-in", "optIn"],
    ["Newsletter", "optIn"],
    ["Consent", "optIn"],
    ["Marketing", "optIn"],
    ["Notes", "notes"],
    ["Comments", "notes"],
    // Not a contact field
    ["Badge ID", null],
    ["Scan time", null],
    ["", null],
  ])("%j → %s", (header, expected) => expect(fieldForHeader(header)).toBe(expected));
});

describe("suggestMapping", () => {
  it("maps headers in any order and ignores unknown columns", () => {
    expect(suggestMapping(["Badge ID", "Courriel", "Nom", "Prénom", "Société"])).toEqual([
      "ignore",
      "email",
      "lastName",
      "firstName",
      "organisation",
    ]);
  });

  it("gives each field to the first column that names it", () => {
    expect(suggestMapping(["E-mail", "Mail", "GSM", "Mobile"])).toEqual(["email", "ignore", "mobile", "ignore"]);
  });

  it("lets the organiser's saved mapping win over synonyms, including 'ignore'", () => {
    const saved = { werkemail: "email", email: "ignore", nom: "organisation" } as const;
    expect(suggestMapping(["E-mail", "Werk e-mail", "Nom", "Prénom"], saved)).toEqual([
      "ignore",
      "email",
      "organisation",
      "firstName",
    ]);
  });

  it("lets a saved choice claim a field before an earlier synonym column", () => {
    expect(suggestMapping(["GSM", "Mobiel privé"], { mobielprive: "mobile" })).toEqual(["ignore", "mobile"]);
  });

  it("round-trips through a saved mapping", () => {
    const headers = ["Voornaam", "Achternaam", "Scan", "E-mail"];
    const chosen: Mapping = ["firstName", "lastName", "notes", "email"];
    expect(suggestMapping(headers, toSavedMapping(headers, chosen))).toEqual(chosen);
  });
});

describe("checkMapping and mappingSchema", () => {
  it.each<[Mapping, string | null]>([
    [["email"], null],
    [["firstName", "lastName", "ignore"], null],
    [["firstName", "organisation"], "MAPPING_NEEDS_NAME_OR_EMAIL"],
    [["ignore", "ignore"], "MAPPING_NEEDS_NAME_OR_EMAIL"],
    [["email", "email"], "MAPPING_DUPLICATE_FIELD"],
  ])("%j → %s", (mapping, reason) => {
    const check = checkMapping(mapping);
    expect(check.ok ? null : check.reason).toBe(reason);
    const parsed = mappingSchema.safeParse(mapping);
    expect(parsed.success ? null : parsed.error.issues[0].message).toBe(reason && `import.reason.${reason}`);
  });

  it("refuses a field that does not exist", () => {
    const parsed = mappingSchema.safeParse(["email", "password"]);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues[0].message).toBe("form.invalidChoice");
  });
});
