import { z } from "zod";
import { formatPhone, normalisePhone } from "~/domain/contacts/phone";
import { checkVat, formatVat } from "./vat";

export const ORGANISATION_NAME_MAX = 200;
export const TAG_MAX_LENGTH = 40;
export const TAGS_MAX = 20;

// Form values arrive as strings (or not at all); every field is bounded before any other check runs.
const text = (max: number) =>
  z.preprocess((v) => v ?? "", z.string().trim().max(max, "form.tooLong"));
const optionalText = (max: number) => text(max).transform((v) => (v === "" ? null : v));

/** Canonical VAT number ("BE0123456749") or null; the reason is a catalogue key. */
const vatField = text(30).transform((raw, ctx) => {
  if (raw === "") return null;
  const check = checkVat(raw);
  if (check.ok) return check.vat;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: `organisation.${check.reason}` });
  return z.NEVER;
});

/** E.164 or null. */
const phoneField = text(40).transform((raw, ctx) => {
  const check = normalisePhone(raw);
  if (check.ok) return check.e164;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: `organisation.${check.reason}` });
  return z.NEVER;
});

/** Only http(s): the address is rendered as a link, so "javascript:" and friends must never get in. */
export function isWebsiteUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".") && !url.username && !url.password;
  } catch {
    return false;
  }
}

const websiteField = optionalText(300).refine((v) => v === null || isWebsiteUrl(v), "organisation.WEBSITE_INVALID");

/**
 * "Key account, Partner" → ["key-account", "partner"]. The table keeps tags space-separated, so
 * spaces inside a tag become dashes; case is folded so "Partner" and "partner" are one tag.
 */
export function parseTags(raw: string): string[] {
  const tags = raw
    .split(",")
    .map((t) => t.trim().toLowerCase().replace(/\s+/g, "-"))
    .filter(Boolean);
  return [...new Set(tags)];
}

const tagsField = text(1000).transform((raw, ctx) => {
  const tags = parseTags(raw);
  if (tags.some((t) => t.length > TAG_MAX_LENGTH)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "organisation.TAG_TOO_LONG" });
    return z.NEVER;
  }
  if (tags.length > TAGS_MAX) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "organisation.TOO_MANY_TAGS" });
    return z.NEVER;
  }
  return tags;
});

/** The organisation form, used by the browser (react-hook-form) and by the create/edit actions. */
export const organisationSchema = z.object({
  name: text(ORGANISATION_NAME_MAX).refine((v) => v.length > 0, "form.required"),
  vatNumber: vatField,
  phone: phoneField,
  street: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  country: optionalText(100),
  website: websiteField,
  tags: tagsField,
});

export type OrganisationInput = z.infer<typeof organisationSchema>;

/** Search and paging of the organisation list, read from the query string. */
export const organisationListQuerySchema = z.object({
  q: z.preprocess((v) => v ?? "", z.string().trim().max(100)),
  after: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number().int().positive().optional()),
});

/** What the edit form shows for a stored organisation: numbers formatted as people write them. */
export function organisationFormValues(org: {
  name: string; vatNumber: string | null; phone: string | null; street: string | null; postalCode: string | null;
  city: string | null; country: string | null; website: string | null; tags: string;
}) {
  return {
    name: org.name,
    vatNumber: org.vatNumber ? formatVat(org.vatNumber) : "",
    phone: formatPhone(org.phone),
    street: org.street ?? "",
    postalCode: org.postalCode ?? "",
    city: org.city ?? "",
    country: org.country ?? "",
    website: org.website ?? "",
    tags: org.tags.split(" ").filter(Boolean).join(", "),
  };
}
