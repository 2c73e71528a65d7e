import { roleAtLeast, type Actor } from "~/domain/staff/roles";

export const STAGES = ["lead", "prospect", "customer", "other"] as const;
export type Stage = (typeof STAGES)[number];

/** How the data reached us (DOMAIN.md: source). */
export const SOURCE_KINDS = ["web-form", "phone", "email", "in-person", "trade-fair", "referral", "existing-customer", "other"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const INTERACTION_KINDS = ["call", "email", "meeting", "note"] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Lower case without accents: "Dubois Chloé" → "dubois chloe". Used for sorting and prefix search. */
export function foldText(value: string): string {
  // Most names are plain ASCII: no accents to strip (an import folds several values per row).
  const plain = PRINTABLE_ASCII.test(value) ? value : value.normalize("NFD").replace(/\p{M}+/gu, "");
  return plain.toLowerCase().replace(/\s+/g, " ").trim();
}

/** Tags are compared and stored trimmed and in lower case, at most TAG_MAX_LENGTH characters. */
export const TAG_MAX_LENGTH = 40;
export function normaliseTag(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Sort key of a person: last name, then first name, folded. */
export function contactSortName(firstName: string, lastName: string): string {
  return foldText(`${lastName} ${firstName}`);
}

export type EditDenied = "CONTACT_RESTRICTED" | "CONTACT_NOT_OWNER" | "CONTACT_ERASED";

/**
 * Who may change a contact: sales the ones they own or that have no owner; managers and admins
 * all. While restricted (Art. 18) or once erased, nobody edits it (lifting the restriction is a
 * separate manager action).
 */
export function contactEditDenied(actor: Actor, contact: { ownerId: number | null; restricted: boolean; erasedAt?: Date | null }): EditDenied | null {
  if (contact.erasedAt) return "CONTACT_ERASED";
  if (contact.restricted) return "CONTACT_RESTRICTED";
  if (roleAtLeast(actor.role, "manager")) return null;
  if (contact.ownerId === null || contact.ownerId === actor.id) return null;
  return "CONTACT_NOT_OWNER";
}

/** Only managers and admins give a contact to someone else. */
export function canReassignOwner(actor: Actor): boolean {
  return roleAtLeast(actor.role, "manager");
}

/** Managers set and lift the Art. 18 restriction. */
export function canRestrict(actor: Actor): boolean {
  return roleAtLeast(actor.role, "manager");
}
