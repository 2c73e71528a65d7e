import { listPurposes, purposeName } from "~/domain/purposes/purposes.server";
import type { Actor } from "~/domain/staff/roles";
import { staffNames } from "~/domain/staff/staff.server";
import { canReassignOwner } from "./contact-rules";
import type { Duplicate, SaveResult } from "./contacts.server";

/** What the contact form needs besides the contact: purposes in the staff member's language and possible owners. */
export async function contactFormOptions(actor: Actor, language: string) {
  const [purposes, owners] = await Promise.all([listPurposes(), staffNames()]);
  return {
    purposes: purposes.map((p) => ({ id: p.id, name: purposeName(p, language), legalBasis: p.legalBasis })),
    owners: owners.map((o) => ({ id: o.id, name: o.name })),
    canChooseOwner: canReassignOwner(actor),
  };
}

/** A refused save as the form shows it: field errors, a form error and the look-alike contacts. */
export function saveErrorForForm(result: Exclude<SaveResult, { ok: true }>): { errors: Record<string, string>; formError: string | null; duplicates: Duplicate[] | null } {
  switch (result.reason) {
    case "EMAIL_TAKEN":
      return { errors: { email: "contact.EMAIL_TAKEN" }, formError: null, duplicates: result.duplicates };
    case "DUPLICATE":
      return { errors: {}, formError: null, duplicates: result.duplicates };
    case "EMAIL_SUPPRESSED":
      return { errors: { email: "contact.EMAIL_SUPPRESSED" }, formError: null, duplicates: null };
    case "OWNER_NOT_ALLOWED":
      return { errors: { ownerId: "contact.OWNER_NOT_ALLOWED" }, formError: null, duplicates: null };
    case "PURPOSE_UNKNOWN":
      return { errors: { purposeIds: "contact.needsPurpose" }, formError: null, duplicates: null };
    default:
      return { errors: {}, formError: `contact.${result.reason}`, duplicates: null };
  }
}
