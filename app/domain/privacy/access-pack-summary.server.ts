import { retentionRuleText } from "~/domain/purposes/rule-text";
import type { PackSubject } from "./access-pack-data.server";

/**
 * summary.html of the access pack: the same data as data.json, readable by the person, in their
 * language. Every value comes from our records (much of it typed by staff or imported), so every
 * value is HTML-escaped; the page has no script and no external resource.
 */

type T = (key: string, values?: Record<string, string | number>) => string;
type Options = { requestId: number; generatedAt: Date; language: string; t: T };

const LOCALES: Record<string, string> = { en: "en-GB", nl: "nl-BE", fr: "fr-BE" };

export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function formatters(language: string) {
  const locale = LOCALES[language] ?? "en-GB";
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "Europe/Brussels" });
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" });
  return {
    day: (v: Date | null | undefined) => (v ? date.format(v) : "—"),
    eur: (cents: number) => money.format(cents / 100),
  };
}

/** A table with a caption and column headers; `rows` are already-escaped cells. */
function table(caption: string, headers: string[], rows: string[][], none: string): string {
  if (rows.length === 0) return `<h3>${escapeHtml(caption)}</h3><p>${escapeHtml(none)}</p>`;
  const th = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("");
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function subjectSection(s: PackSubject, t: T, language: string): string {
  const { day, eur } = formatters(language);
  const e = escapeHtml;
  const none = t("dsr.pack.none");
  const c = s.contact;
  const address = [c.street, [c.postalCode, c.city].filter(Boolean).join(" "), c.country].filter(Boolean).join(", ");
  const details: [string, string][] = [
    [t("contact.firstName"), e(c.firstName)],
    [t("contact.lastName"), e(c.lastName)],
    [t("contact.email"), e(c.email ?? "—")],
    [t("contact.phone"), e(c.phone ?? "—")],
    [t("contact.mobile"), e(c.mobile ?? "—")],
    [t("contact.jobTitle"), e(c.jobTitle ?? "—")],
    [t("contact.organisation"), e(s.organisation?.name ?? "—")],
    [t("contact.address"), e(address || "—")],
    [t("contact.language"), e(c.language ? t(`language.${c.language}`) : "—")],
    [t("contact.source"), `${e(t(`source.${c.sourceKind}`))}${c.sourceDetail ? ` · ${e(c.sourceDetail)}` : ""} · ${e(day(c.obtainedAt))}`],
    [t("contact.tags"), e(c.tags.join(", ") || "—")],
  ];
  if (c.restricted) details.push([t("contact.restrictedBadge"), e(day(c.restrictedAt))]);
  const name = (names: { en: string; nl: string; fr: string }) => (language === "nl" ? names.nl : language === "fr" ? names.fr : names.en);
  const purposeOf = (code: string) => s.processingRecords.find((r) => r.purposeCode === code);
  const p = s.importProvenance;
  return [
    `<section><h2>${e(`${c.firstName} ${c.lastName}`)}</h2>`,
    `<h3>${e(t("dsr.pack.details"))}</h3><dl>${details.map(([k, v]) => `<dt>${e(k)}</dt><dd>${v}</dd>`).join("")}</dl>`,
    table(t("dsr.pack.processing"), [t("contact.purpose"), t("contact.legalBasis"), t("contact.since"), t("contact.keptUntil"), t("dsr.pack.ended")],
      s.processingRecords.map((r) => [e(name(r.purposeNames)), e(t(`basis.${r.legalBasis}`)), e(day(r.since)), e(r.retentionEndsAt ? day(r.retentionEndsAt) : retentionRuleText(t, r.retentionRule)), e(day(r.endedAt))]), none),
    table(t("dsr.pack.consents"), [t("contact.purpose"), t("dsr.pack.event"), t("dsr.pack.date"), t("consent.channel"), t("consent.wording")],
      s.consents.map((ev) => {
        const r = purposeOf(ev.purposeCode);
        return [e(r ? name(r.purposeNames) : ev.purposeCode), e(t(`consent.kind.${ev.kind}`)), e(day(ev.at)), e(t(`consent.channel.${ev.channel}`)), e(ev.wording ?? "")];
      }), none),
    table(t("dsr.pack.interactions"), [t("dsr.pack.date"), t("interaction.kind"), t("interaction.summary")],
      s.interactions.map((i) => [e(day(i.occurredAt)), e(t(`interaction.${i.kind}`)), e(i.summary)]), none),
    table(t("dsr.pack.provenance"), [t("dsr.pack.file"), t("dsr.pack.tradeFair"), t("dsr.pack.date"), t("dsr.pack.optIn")],
      [
        ...(p.tradeFair && !p.batches.some((b) => b.tradeFair === p.tradeFair?.name) ? [[e("—"), e(`${p.tradeFair.name} (${p.tradeFair.organiser})`), e(day(p.tradeFair.startsOn)), ""]] : []),
        ...p.batches.map((b) => [e(b.fileName), e(b.tradeFair ?? b.organiser ?? "—"), e(day(b.obtainedOn ?? b.createdAt)), e(b.optInWording ?? "")]),
      ], none),
    table(t("dsr.pack.quotes"), [t("dsr.pack.number"), t("dsr.pack.date"), t("dsr.pack.status"), t("dsr.pack.total")],
      s.quotes.map((q) => [e(q.number), e(day(q.quoteDate)), e(q.status), e(eur(q.totalCents))]), none),
    table(t("dsr.pack.invoices"), [t("dsr.pack.number"), t("dsr.pack.date"), t("dsr.pack.paid"), t("dsr.pack.total")],
      s.invoices.map((i) => [e(i.number), e(day(i.issuedOn)), e(day(i.paidOn)), e(eur(i.totalCents))]), none),
    table(t("dsr.pack.trainings"), [t("dsr.pack.training"), t("dsr.pack.status"), t("dsr.pack.date"), t("dsr.pack.attendance")],
      s.trainings.map((tr) => [e(tr.training), e(tr.status), e(day(tr.registeredAt)), e(tr.attendance.map((a) => `${day(a.date)}: ${a.status}`).join("; "))]), none),
    table(t("dsr.pack.requests"), [t("dsr.type"), t("dsr.receivedOn"), t("dsr.pack.status")],
      s.requests.map((r) => [e(t(`dsr.type.${r.type}`)), e(day(r.receivedAt)), e(t(`dsr.status.${r.status}`))]), none),
    table(t("dsr.pack.audit"), [t("dsr.pack.date"), t("dsr.pack.action")], s.auditEntries.map((a) => [e(day(a.at)), e(a.action)]), none),
    `</section>`,
  ].join("\n");
}

export function renderPackSummary(subjects: PackSubject[], { requestId, generatedAt, language, t }: Options): string {
  const { day } = formatters(language);
  const title = escapeHtml(t("dsr.pack.title"));
  const style = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}table{border-collapse:collapse;width:100%;margin-bottom:1rem}caption,h3{text-align:left;font-weight:600;font-size:1.1rem;margin:1rem 0 .5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}dl{display:grid;grid-template-columns:12rem 1fr;gap:.25rem 1rem}dt{font-weight:600}";
  return [
    `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${style}</style></head><body>`,
    `<h1>${title}</h1>`,
    `<p>${escapeHtml(t("dsr.pack.intro", { date: day(generatedAt), id: requestId }))}</p>`,
    `<p>${escapeHtml(t("dsr.pack.files"))}</p>`,
    ...subjects.map((s) => subjectSection(s, t, language)),
    `</body></html>`,
  ].join("\n");
}
