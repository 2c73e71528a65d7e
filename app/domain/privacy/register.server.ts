import { listProcessors } from "~/domain/processors/processors.server";
import { listPurposesForAdmin } from "~/domain/purposes/purpose-admin.server";
import { purposeName } from "~/domain/purposes/purposes.server";
import { ruleOf } from "~/domain/purposes/retention";
import { retentionRuleText } from "~/domain/purposes/rule-text";
import type { Actor, Language } from "~/domain/staff/roles";
import { csvLine, UTF8_BOM, type CsvDelimiter } from "~/lib/csv";

/**
 * The record of processing activities (Art. 30(1)), rendered from the CRM's own data: purposes with
 * their legal bases, data categories, recipients and retention, the processors, and the transfers
 * outside the EEA. Managers and admins read it; admins keep its sources up to date.
 */
export async function registerData(actor: Actor) {
  const [purposes, processors] = await Promise.all([listPurposesForAdmin(actor), listProcessors(actor)]);
  return { purposes, processors, transfers: processors.filter((p) => p.outsideEea) };
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The register as one CSV (BOM for Excel, every cell through the formula guard). */
export async function registerCsv(actor: Actor, language: Language, t: Translate, delimiter: CsvDelimiter = ";"): Promise<string> {
  const { purposes, processors } = await registerData(actor);
  const yesNo = (v: boolean) => t(v ? "register.yes" : "register.no");
  const header = ["kind", "name", "legalBasis", "categories", "recipients", "retention", "location", "outsideEea", "safeguard", "dpaSignedOn"].map((k) => t(`register.csv.${k}`));
  const lines = [csvLine(header, delimiter)];
  for (const p of purposes) {
    const basis = [p.legalBasis, p.laterBasis].filter(Boolean).map((b) => t(`basis.${b}`)).join(" → ");
    lines.push(csvLine([t("register.csv.purpose"), purposeName(p, language), basis, p.categories.join(", "), p.recipients.join(", "), retentionRuleText(t, ruleOf(p)), null, null, null, null], delimiter));
  }
  for (const p of processors) {
    lines.push(csvLine([
      t("register.csv.processor"), p.name, null, p.dataCategories.join(", "), p.service, null, p.location, yesNo(p.outsideEea),
      p.safeguard ? t(`processor.safeguard.${p.safeguard}`) : null, p.dpaSignedOn ? p.dpaSignedOn.toISOString().slice(0, 10) : null,
    ], delimiter));
  }
  return UTF8_BOM + lines.join("");
}
