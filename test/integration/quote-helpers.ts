import { contactSchema } from "~/domain/contacts/contact.schema";
import { createContact } from "~/domain/contacts/contacts.server";
import { listPurposes } from "~/domain/purposes/purposes.server";
import { createQuote } from "~/domain/quotes/quotes.server";
import { quoteFormSchema } from "~/domain/quotes/quote.schema";
import type { Actor } from "~/domain/staff/roles";

let n = 0;

/** A contact (prospecting purpose only) owned by `actor`, at an organisation. */
export async function makeContact(actor: Actor, overrides: Record<string, unknown> = {}): Promise<number> {
  n += 1;
  const purposes = await listPurposes();
  const prospecting = purposes.find((p) => p.code === "prospecting")!;
  const input = contactSchema.parse({
    firstName: "Chloé", lastName: `Dubois${n}`, email: `chloe.q${n}.${process.pid}@example.test`, stage: "prospect", language: "fr",
    sourceKind: "phone", obtainedAt: "2026-01-15", purposeIds: [String(prospecting.id)], organisationName: `Schelde Logistics ${n}`,
    street: "Rue Haute 1", postalCode: "1000", city: "Bruxelles", ...overrides,
  });
  const result = await createContact(actor, input);
  if (!result.ok) throw new Error(`contact not created: ${result.reason}`);
  return result.id;
}

export const TWO_RATE_LINES = {
  "lines.0.description": "Training day", "lines.0.quantity": "2", "lines.0.unitPrice": "1250", "lines.0.vatRate": "21", "lines.0.discountPercent": "10",
  "lines.1.description": "Course book", "lines.1.quantity": "3", "lines.1.unitPrice": "19,99", "lines.1.vatRate": "6", "lines.1.discountPercent": "",
};

export function futureDay(days = 30): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function makeQuote(actor: Actor, contactId: number | null, extra: Record<string, unknown> = {}) {
  const input = quoteFormSchema.parse({ contactId: contactId ? String(contactId) : "", validUntil: futureDay(), notes: "", ...TWO_RATE_LINES, ...extra });
  const result = await createQuote(actor, input);
  if (!result.ok) throw new Error(`quote not created: ${result.reason}`);
  return result.id;
}
