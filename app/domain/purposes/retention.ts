import { addMonthsClamped } from "~/domain/privacy/dates";
/**
 * Retention rules (GDPR Art. 5(1)(e)) as data, and the one function that turns a rule plus the
 * facts of a processing record into the date its retention runs out. Dates are UTC calendar
 * days: the end date is a day, not an instant, so it never shifts with the server's time zone.
 */

export type RetentionAnchor =
  | "lastInteraction"
  | "invoiceYearEnd"
  | "contractEnd"
  | "trainingDate"
  | "visit"
  | "consentWithdrawn";

/** For "consentWithdrawn" the period is normally 0: kept until consent is withdrawn. */
export type RetentionRule = { anchor: RetentionAnchor; years: number; months: number };

export type RetentionFacts = {
  /** When the processing record started. */
  since: Date;
  lastInteractionAt?: Date | null;
  invoiceIssuedAt?: Date | null;
  /** The day the contract ended: set when staff end the record (processing.server.ts). */
  contractEndedAt?: Date | null;
  trainingDate?: Date | null;
  visitAt?: Date | null;
  consentWithdrawnAt?: Date | null;
};

export const RETENTION_ANCHORS: readonly RetentionAnchor[] = [
  "lastInteraction",
  "invoiceYearEnd",
  "contractEnd",
  "trainingDate",
  "visit",
  "consentWithdrawn",
];

/** The UTC calendar day of `date`, at 00:00:00Z. */
export function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/**
 * Adds whole years and months on the UTC calendar, as a day. A day that does not exist in the
 * target month clamps to its last day (31 Jan + 1 month = 28/29 Feb; 29 Feb 2024 + 1 year =
 * 28 Feb 2025): the same month rule as the legal deadlines in privacy/dates.ts.
 */
export function addPeriod(date: Date, period: { years: number; months: number }): Date {
  return utcDay(addMonthsClamped(date, period.years * 12 + period.months));
}

function later(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

function latestOf(first: Date, others: readonly (Date | null | undefined)[]): Date {
  return others.reduce<Date>((max, d) => (d ? later(max, d) : max), first);
}

/**
 * The day retention ends for a processing record, or null when no end is known yet.
 *
 * Missing anchors:
 * - lastInteraction: the later of the last interaction and `since`; with no interaction,
 *   `since` (starting the record is itself the latest contact we had).
 * - invoiceYearEnd: null until an invoice is issued (the contract is still running; the
 *   10-year accounting period cannot start).
 * - contractEnd: while the contract runs, its latest sign of life counts as its end so far: the
 *   latest of `since`, the last interaction, the last invoice and the last training day. A customer
 *   file nobody has touched for the whole period is then reviewed by a person (who can extend it
 *   while the contract still runs) instead of being kept forever (ADR 025).
 * - trainingDate / visit: `since`, so a record without the date is flagged for review sooner
 *   rather than kept forever (a manager reviews; nothing is deleted automatically).
 * - consentWithdrawn: null while consent stands; once withdrawn, the withdrawal day itself
 *   (plus any period an admin configured).
 */
export function retentionEndDate(rule: RetentionRule, facts: RetentionFacts): Date | null {
  const anchor = anchorDate(rule.anchor, facts);
  return anchor === null ? null : addPeriod(utcDay(anchor), rule);
}

function anchorDate(anchor: RetentionAnchor, facts: RetentionFacts): Date | null {
  switch (anchor) {
    case "lastInteraction":
      return facts.lastInteractionAt ? later(facts.lastInteractionAt, facts.since) : facts.since;
    case "invoiceYearEnd":
      // Belgian accounting records: the period runs from the end of the financial (calendar) year.
      return facts.invoiceIssuedAt
        ? new Date(Date.UTC(facts.invoiceIssuedAt.getUTCFullYear(), 11, 31))
        : null;
    case "contractEnd":
      return facts.contractEndedAt ?? latestOf(facts.since, [facts.lastInteractionAt, facts.invoiceIssuedAt, facts.trainingDate]);
    case "trainingDate":
      return facts.trainingDate ?? facts.since;
    case "visit":
      return facts.visitAt ?? facts.since;
    case "consentWithdrawn":
      return facts.consentWithdrawnAt ?? null;
  }
}

/** A purpose's rule from its stored columns. */
export function ruleOf(p: { retentionAnchor: string; retentionYears: number; retentionMonths: number }): RetentionRule {
  return { anchor: p.retentionAnchor as RetentionAnchor, years: p.retentionYears, months: p.retentionMonths };
}

/** A catalogue key and its values; the UI translates it ("3 years after the last interaction"). */
export function describeRule(rule: RetentionRule): {
  key: `retention.rule.${RetentionAnchor}`;
  values: { years: number; months: number };
} {
  const values = { years: rule.years, months: rule.months };
  return { key: `retention.rule.${rule.anchor}`, values };
}

/** GDPR Art. 6(1) (a)–(f). */
export type LegalBasis =
  | "consent"
  | "contract"
  | "legal-obligation"
  | "vital-interest"
  | "public-task"
  | "legitimate-interest";

export const LEGAL_BASES: readonly LegalBasis[] = [
  "consent",
  "contract",
  "legal-obligation",
  "vital-interest",
  "public-task",
  "legitimate-interest",
];

export type DataCategory =
  | "identity"
  | "contact details"
  | "professional details"
  | "interaction history"
  | "billing"
  | "training attendance"
  | "consent records";

export type SeededPurpose = {
  code: string;
  names: { en: string; nl: string; fr: string };
  legalBasis: LegalBasis;
  /** The basis that takes over when the first ends (invoices: contract, then accounting law). */
  laterBasis?: LegalBasis;
  rule: RetentionRule;
  /** Direct marketing: ends on an Art. 21(3) objection, which is absolute. */
  marketing: boolean;
  categories: DataCategory[];
};

/** The purposes of the privacy statement, seeded once; admins may edit them afterwards. */
export const SEEDED_PURPOSES: readonly SeededPurpose[] = [
  {
    code: "answering-inquiries",
    names: {
      en: "Answering inquiries",
      nl: "Beantwoorden van vragen",
      fr: "Réponse aux demandes",
    },
    legalBasis: "consent",
    rule: { anchor: "lastInteraction", years: 1, months: 0 },
    marketing: false,
    categories: ["identity", "contact details", "professional details", "interaction history"],
  },
  {
    code: "prospecting",
    names: { en: "Prospecting", nl: "Prospectie", fr: "Prospection" },
    legalBasis: "legitimate-interest",
    rule: { anchor: "lastInteraction", years: 3, months: 0 },
    marketing: true,
    categories: ["identity", "contact details", "professional details", "interaction history"],
  },
  {
    code: "quotes-invoices",
    names: { en: "Quotes and invoices", nl: "Offertes en facturen", fr: "Devis et factures" },
    legalBasis: "contract",
    laterBasis: "legal-obligation",
    rule: { anchor: "invoiceYearEnd", years: 10, months: 0 },
    marketing: false,
    categories: ["identity", "contact details", "professional details", "billing"],
  },
  {
    code: "file-management",
    names: {
      en: "Customer file management",
      nl: "Klantendossierbeheer",
      fr: "Gestion des dossiers clients",
    },
    legalBasis: "contract",
    rule: { anchor: "contractEnd", years: 5, months: 0 },
    marketing: false,
    categories: ["identity", "contact details", "professional details", "interaction history"],
  },
  {
    code: "training",
    names: {
      en: "Training delivery and attendance records",
      nl: "Organisatie van opleidingen en aanwezigheidsregistratie",
      fr: "Organisation des formations et registre des présences",
    },
    legalBasis: "contract",
    rule: { anchor: "trainingDate", years: 5, months: 0 },
    marketing: false,
    categories: ["identity", "contact details", "professional details", "training attendance"],
  },
  {
    code: "newsletter",
    names: {
      en: "Newsletter and invitations",
      nl: "Nieuwsbrief en uitnodigingen",
      fr: "Lettre d'information et invitations",
    },
    legalBasis: "consent",
    rule: { anchor: "consentWithdrawn", years: 0, months: 0 },
    marketing: true,
    categories: ["identity", "contact details", "consent records"],
  },
  {
    code: "offer-after-visit",
    names: {
      en: "Offer following a recent visit",
      nl: "Aanbod na een recent bezoek",
      fr: "Offre à la suite d'une visite récente",
    },
    legalBasis: "consent",
    rule: { anchor: "visit", years: 0, months: 6 },
    marketing: true,
    categories: ["identity", "contact details", "professional details", "consent records"],
  },
];
