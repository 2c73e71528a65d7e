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

// ---- Builders for the big synthetic seed (scripts/seed-big-lib.ts); also usable by tests. ----

/** A wider spread of common Belgian names (Flemish, Walloon, Brussels), so searches hit realistic numbers of people. */
export const SEED_FIRST_NAMES = [
  ...FIRST_NAMES,
  "Jan", "Marie", "Lucas", "Emma", "Arthur", "Louise", "Noah", "Olivia", "Louis", "Mila", "Liam", "Alice", "Adam", "Lina",
  "Jules", "Juliette", "Mohamed", "Sarah", "Gabriel", "Nina", "Kobe", "Fien", "Seppe", "Lore", "Wim", "Kristel", "Geert",
  "Katrien", "Bart", "Veerle", "Philippe", "Nathalie", "Stéphane", "Isabelle", "Frédéric", "Valérie", "Koen", "Els",
  "Hamza", "Aïcha", "Youssef", "Fatima", "Tom", "An", "Dirk", "Ingrid", "Marc", "Martine", "Patrick", "Sabine",
];
export const SEED_LAST_NAMES = [
  ...LAST_NAMES,
  "Van den Broeck", "Dumont", "De Backer", "Aerts", "Cools", "Van de Velde", "Smets", "Hendrickx", "Verstraete",
  "Stevens", "Pauwels", "Wuyts", "Mahieu", "Lejeune", "Gérard", "François", "Henry", "Denis", "Mathieu", "Collard",
  "De Vos", "Segers", "Vandamme", "Verhoeven", "Baert", "Coppens", "Lemaire", "Charlier", "Noël", "El Amrani", "Benali",
  "Yilmaz", "Nowak", "Rossi", "Vanderlinden", "Dewulf", "Van Hoof", "Thys", "Geerts", "Bosmans", "Maréchal",
];
export const SEED_COMPANY_WORDS = [
  ...COMPANY_WORDS,
  "Zenne", "Dijle", "Nete", "Leie", "Sambre", "Ourthe", "Semois", "Haspengouw", "Condroz", "Famenne", "Westhoek", "Gaume",
  "Arcus", "Boreal", "Cobalt", "Dynamo", "Epsilon", "Fjord", "Granit", "Horizon", "Iris", "Juno", "Kairos", "Linea",
  "Mosa", "Nimbus", "Opus", "Prisma", "Quartz", "Rivus", "Stella", "Terra", "Unitas", "Vivo", "Wega", "Zenit",
];
export const SEED_LEGAL_FORMS = ["BV", "NV", "SRL", "SA", "CV", "VZW", "ASBL", ""];
/** [postal code, municipality] across the three regions. */
export const BE_PLACES: readonly (readonly [string, string])[] = [
  ["1000", "Brussel"], ["1050", "Ixelles"], ["1200", "Woluwe-Saint-Lambert"], ["2000", "Antwerpen"], ["2800", "Mechelen"],
  ["3000", "Leuven"], ["3500", "Hasselt"], ["3600", "Genk"], ["4000", "Liège"], ["4800", "Verviers"], ["5000", "Namur"],
  ["6000", "Charleroi"], ["7000", "Mons"], ["7500", "Tournai"], ["8000", "Brugge"], ["8500", "Kortrijk"], ["8400", "Oostende"],
  ["9000", "Gent"], ["9300", "Aalst"], ["9100", "Sint-Niklaas"], ["1300", "Wavre"], ["1348", "Louvain-la-Neuve"],
  ["6700", "Arlon"], ["2300", "Turnhout"], ["3800", "Sint-Truiden"], ["1400", "Nivelles"],
];
export const BE_STREETS = [
  "Kerkstraat", "Stationsstraat", "Dorpsstraat", "Molenstraat", "Nieuwstraat", "Industrieweg", "Kouter", "Grote Markt",
  "Rue de la Station", "Rue de l'Église", "Chaussée de Bruxelles", "Avenue Louise", "Rue du Moulin", "Place Saint-Lambert",
  "Leuvensesteenweg", "Rue Haute", "Brusselsesteenweg", "Zandstraat", "Boulevard d'Avroy", "Technologiepark",
];
export const JOB_TITLES = [
  "Managing director", "HR manager", "Sales manager", "Office manager", "IT manager", "CFO", "Project manager", "Buyer",
  "Training coordinator", "Zaakvoerder", "Aankoper", "Gérant", "Responsable formation", "Directeur commercial", "Consultant",
  "Facility manager", "Marketing manager", "Operations manager", "Account manager", "Teamleider",
];
export const FREE_MAIL_DOMAINS = ["gmail.com", "telenet.be", "skynet.be", "proximus.be", "outlook.com", "hotmail.com", "icloud.com"];

/** One element of `list`, drawn with `rand`. */
export function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

/** A valid Belgian VAT number ("BE0…") from an 8-digit base below 20,000,000 (first digit 0 or 1). */
export function belgianVat(base: number): string {
  const digits = String(base).padStart(8, "0");
  return `BE${digits}${String(97 - (base % 97)).padStart(2, "0")}`;
}

/** A Belgian mobile number in E.164 (+32 47x/48x/49x …). */
export function belgianMobile(rand: () => number): string {
  return `+324${pick(rand, ["70", "71", "72", "73", "75", "76", "77", "78", "79", "85", "86", "87", "88", "94", "95", "96", "97", "98", "99"])}${String(Math.floor(rand() * 1e6)).padStart(6, "0")}`;
}

/** A Belgian landline in E.164: Brussels, Antwerp, Liège, Ghent (one-digit zones) or a two-digit zone. */
export function belgianLandline(rand: () => number): string {
  const zone = pick(rand, ["2", "3", "4", "9", "15", "16", "50", "56", "65", "71", "81"]);
  const rest = 8 - zone.length - 1;
  // Eight national digits in all; the first subscriber digit is limited where the numbering plan says so.
  const first = pick(rand, [...(({ "2": "2345678", "3": "2345678", "4": "23", "9": "234" } as Record<string, string>)[zone] ?? "23456789")]);
  return `+32${zone}${first}${String(Math.floor(rand() * 10 ** rest)).padStart(rest, "0")}`;
}

/** "Van den Broeck" → "vandenbroeck": a name as it appears in an e-mail address or domain. */
export function mailSafe(name: string): string {
  return name.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "");
}
