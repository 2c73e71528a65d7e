/** Which column of an organiser's lead file feeds which contact field. */
import { z } from "zod";

export const CONTACT_FIELDS = [
  "firstName",
  "lastName",
  "email",
  "organisation",
  "jobTitle",
  "mobile",
  "phone",
  "language",
  "street",
  "postalCode",
  "city",
  "country",
  "optIn",
  "notes",
] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export type MappingTarget = ContactField | "ignore";
/** One target per column, by column index. */
export type Mapping = MappingTarget[];
/** A mapping remembered per organiser, keyed by normalised header so "E-mail" and "e mail" share it. */
export type SavedMapping = Record<string, MappingTarget>;

/** Lower-case, accents folded, spaces and punctuation removed: "Adresse e-mail" → "adresseemail". */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

// Written as people type them; normalised once below. Dutch, French, English.
const SYNONYMS: Record<ContactField, string[]> = {
  firstName: ["Voornaam", "Prénom", "First name", "Firstname", "Given name", "Forename"],
  // "Naam"/"Nom" beside "Voornaam"/"Prénom" is the family name in Belgian exports.
  lastName: ["Achternaam", "Familienaam", "Naam", "Nom", "Nom de famille", "Last name", "Surname", "Family name"],
  email: [
    "E-mail", "Email", "Courriel", "Adresse e-mail", "Adresse mail", "Adresse courriel",
    "E-mailadres", "Mail", "Email address", "Mailadres",
  ],
  organisation: [
    "Bedrijf", "Bedrijfsnaam", "Organisatie", "Firma", "Société", "Entreprise", "Company",
    "Company name", "Organisation", "Organization",
  ],
  jobTitle: ["Functie", "Fonction", "Job title", "Title", "Position", "Titel"],
  mobile: ["GSM", "GSM-nummer", "Mobiel", "Mobiel nummer", "Mobile", "Mobile phone", "Portable", "Cell", "Cell phone"],
  phone: ["Telefoon", "Telefoonnummer", "Téléphone", "Tél", "Phone", "Phone number", "Tel", "Telephone"],
  language: ["Taal", "Langue", "Language"],
  street: ["Straat", "Straat en nummer", "Adres", "Rue", "Adresse", "Street", "Address", "Street address"],
  postalCode: ["Postcode", "Code postal", "Zip", "Zip code", "Postal code", "CP"],
  city: ["Gemeente", "Stad", "Woonplaats", "Plaats", "Ville", "Localité", "Commune", "City", "Town"],
  country: ["Land", "Pays", "Country"],
  optIn: ["Opt-in", "Optin"],
  notes: ["Opmerkingen", "Opmerking", "Remarques", "Remarque", "Commentaire", "Commentaires", "Notes", "Note", "Comments", "Comment"],
};

// Consent columns carry the question as header ("Accepte de recevoir nos offres…"), so a stem anywhere counts.
const OPT_IN_STEMS = ["optin", "nieuwsbrief", "newsletter", "acceptederecevoir", "toestemming", "consent", "marketing"];

const SYNONYM_INDEX = new Map<string, ContactField>();
for (const field of CONTACT_FIELDS) {
  for (const synonym of SYNONYMS[field]) SYNONYM_INDEX.set(normaliseHeader(synonym), field);
}

/** The field a header names, by synonym; null when it names none. */
export function fieldForHeader(header: string): ContactField | null {
  const key = normaliseHeader(header);
  if (key === "") return null;
  const exact = SYNONYM_INDEX.get(key);
  if (exact) return exact;
  return OPT_IN_STEMS.some((stem) => key.includes(stem)) ? "optIn" : null;
}

/**
 * A first guess for the mapping screen. The organiser's saved mapping wins over synonyms;
 * each field is fed by one column only (saved choices claim first, then the leftmost column).
 */
export function suggestMapping(headers: string[], saved?: SavedMapping): Mapping {
  const mapping: Mapping = headers.map(() => "ignore");
  const taken = new Set<ContactField>();
  const claim = (index: number, target: MappingTarget | null | undefined) => {
    if (!target || target === "ignore" || taken.has(target)) return;
    taken.add(target);
    mapping[index] = target;
  };
  const savedFor = (header: string): MappingTarget | undefined =>
    saved && Object.hasOwn(saved, normaliseHeader(header)) ? saved[normaliseHeader(header)] : undefined;

  headers.forEach((header, index) => claim(index, savedFor(header)));
  headers.forEach((header, index) => {
    if (savedFor(header) === undefined) claim(index, fieldForHeader(header));
  });
  return mapping;
}

/** What to remember for this organiser after a confirmed import. */
export function toSavedMapping(headers: string[], mapping: Mapping): SavedMapping {
  const saved: SavedMapping = {};
  headers.forEach((header, index) => {
    const key = normaliseHeader(header);
    if (key !== "" && !Object.hasOwn(saved, key)) saved[key] = mapping[index] ?? "ignore";
  });
  return saved;
}

export type MappingReason = "MAPPING_NEEDS_NAME_OR_EMAIL" | "MAPPING_DUPLICATE_FIELD";

/** Without an e-mail or a full name a lead cannot be recognised again, nor contacted. */
export function checkMapping(mapping: Mapping): { ok: true } | { ok: false; reason: MappingReason } {
  const used = mapping.filter((target): target is ContactField => target !== "ignore");
  if (new Set(used).size !== used.length) return { ok: false, reason: "MAPPING_DUPLICATE_FIELD" };
  const has = (field: ContactField) => used.includes(field);
  if (!has("email") && !(has("firstName") && has("lastName"))) {
    return { ok: false, reason: "MAPPING_NEEDS_NAME_OR_EMAIL" };
  }
  return { ok: true };
}

const MAPPING_TARGETS = [...CONTACT_FIELDS, "ignore"] as const;

// Messages are catalogue keys, translated at the edge like every other form error.
export const mappingSchema = z
  .array(z.enum(MAPPING_TARGETS, { errorMap: () => ({ message: "form.invalidChoice" }) }))
  .min(1, "form.required")
  .max(500, "form.tooLong")
  .superRefine((mapping, ctx) => {
    const check = checkMapping(mapping);
    if (!check.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `import.reason.${check.reason}` });
  });
