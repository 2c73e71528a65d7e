/**
 * Builders of realistic test and demo data, shared by the demo seed, the big synthetic seed,
 * integration tests and e2e fixtures. Deterministic for a given seed.
 */
export function prng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FIRST_NAMES = ["Anke", "Bram", "Chloé", "Dries", "Elise", "Florian", "Greet", "Hanne", "Inès", "Jonas", "Karim", "Lotte", "Mathieu", "Nora", "Olivier", "Pieter", "Quentin", "Roos", "Sofie", "Thomas", "Ulrike", "Victor", "Wout", "Xavier", "Yasmine", "Zoë", "Amélie", "Benoît", "Céline", "Luc"];
export const LAST_NAMES = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet", "Dubois", "Lambert", "Dupont", "Martin", "Simon", "Laurent", "Leroy", "Renard", "Van Damme", "De Clercq", "Vermeulen", "Hermans", "Michiels", "Lemmens", "Desmet", "Fontaine", "Moreau", "Declercq", "Bogaert", "Vandenberghe"];
export const COMPANY_WORDS = ["Nova", "Delta", "Atlas", "Brabant", "Schelde", "Meuse", "Lys", "Ardenne", "Kempen", "Polder", "Helix", "Orion", "Quanta", "Vector", "Lumen"];
export const COMPANY_KINDS = ["Consulting", "Logistics", "Software", "Engineering", "Foods", "Bouw", "Services", "Pharma", "Solutions", "Training"];

export type StaffSeed = { email: string; name: string; role: "sales" | "manager" | "admin"; language: "en" | "nl" | "fr" };

/** The demo staff: a few of each role. */
export const DEMO_STAFF: StaffSeed[] = [
  { email: "sara.sales@example.com", name: "Sara Peeters", role: "sales", language: "nl" },
  { email: "samir.sales@example.com", name: "Samir Dubois", role: "sales", language: "fr" },
  { email: "sven.sales@example.com", name: "Sven Maes", role: "sales", language: "en" },
  { email: "maria.manager@example.com", name: "Maria Janssens", role: "manager", language: "nl" },
  { email: "marc.manager@example.com", name: "Marc Lambert", role: "manager", language: "fr" },
  { email: "ada.admin@example.com", name: "Ada Willems", role: "admin", language: "en" },
];

let counter = 0;
/** A staff member with a unique e-mail, for tests. */
export function staffSeed(overrides: Partial<StaffSeed> = {}): StaffSeed {
  counter += 1;
  const unique = `${Date.now().toString(36)}${counter}${Math.floor(Math.random() * 1e6).toString(36)}`;
  return { email: `staff-${unique}@example.test`, name: `Test Staff ${counter}`, role: "sales", language: "en", ...overrides };
}
