import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { updateContact } from "~/domain/contacts/contacts.server";
import { contactSchema } from "~/domain/contacts/contact.schema";
import { createBatch, requestCancel, saveMapping, startImport, undoBatch } from "~/domain/imports/import-batches.server";
import { resolveConflict } from "~/domain/imports/import-conflicts.server";
import { decodeReasons } from "~/domain/imports/import-reasons";
import { batchHeaders, openConflicts, rejectsCsv } from "~/domain/imports/import-report.server";
import { storeLocalFile } from "~/domain/imports/lead-file.server";
import { suppressionHash } from "~/domain/privacy/suppression.server";
import { secret } from "~/lib/config.server";
import { db, rawDb } from "~/lib/db.server";
import { translator } from "~/lib/i18n/i18next.server";
import { createTestStaff } from "../db-utils";
import { existingContact, fixture, importFile, suggestedMapping, uploadFile } from "../import-utils";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "import-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const writeCsv = (name: string, lines: string[]) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, lines.join("\r\n") + "\r\n");
  return file;
};

// Each test starts from a database without contacts, so the fixtures' people are new each time.
beforeEach(() => {
  rawDb().exec(`DELETE FROM "Contact"; DELETE FROM "Organisation";`);
});

async function rowsOf(batchId: number) {
  const prisma = await db();
  return prisma.importRow.findMany({ where: { batchId, outcome: { not: "header" } }, orderBy: { rowNumber: "asc" }, select: { rowNumber: true, outcome: true, reason: true, contactId: true, filled: true, conflicts: true, cells: true } });
}

describe("the fixtures, through the whole database path", () => {
  it.each([
    ["fr-semicolon-1252.csv", { created: 3, merged: 0, duplicate: 0, suppressed: 0, rejected: 0 }],
    ["nl-comma-bom.csv", { created: 3, merged: 0, duplicate: 0, suppressed: 0, rejected: 0 }],
    ["multiline-quoted.csv", { created: 3, merged: 0, duplicate: 0, suppressed: 0, rejected: 0 }],
    ["formula-cells.csv", { created: 2, merged: 0, duplicate: 0, suppressed: 0, rejected: 0 }],
    ["unterminated-quote.csv", { created: 3, merged: 0, duplicate: 0, suppressed: 0, rejected: 1 }],
    ["mixed-duplicates.csv", { created: 3, merged: 0, duplicate: 2, suppressed: 0, rejected: 2 }],
    ["header-only.csv", { created: 0, merged: 0, duplicate: 0, suppressed: 0, rejected: 0 }],
  ])("%s gives the right counts, predicted and imported", async (name, counts) => {
    const manager = await createTestStaff({ role: "manager" });
    const batchId = await uploadFile(manager.actor, fixture(name));
    const saved = await saveMapping(manager.actor, batchId, { mapping: await suggestedMapping(batchId), optInWording: "Oui, envoyez-moi vos offres." });
    expect(saved).toEqual({ ok: true });
    const prisma = await db();
    const predicted = await prisma.importBatch.findUniqueOrThrow({ where: { id: batchId }, select: { created: true, merged: true, duplicate: true, suppressed: true, rejected: true } });
    expect(predicted).toEqual(counts);
    const started = await startImport(manager.actor, batchId);
    if (!started?.ok) throw new Error("not started");
    const result = await started.job;
    expect(result.status).toBe("done");
    expect(result.state.counts).toEqual(counts);
    const batch = await prisma.importBatch.findUniqueOrThrow({ where: { id: batchId }, select: { status: true, created: true, merged: true, duplicate: true, suppressed: true, rejected: true, storedFile: true } });
    expect(batch).toEqual({ status: "done", storedFile: null, ...counts });
    expect(await prisma.contact.count({ where: { importBatchId: batchId } })).toBe(counts.created);
    expect(await prisma.auditEntry.count({ where: { action: "import.completed", recordId: String(batchId) } })).toBe(1);
  });

  it("keeps readable reasons per spreadsheet row, and the cells of rejected rows only", async () => {
    const sales = await createTestStaff({ language: "fr" });
    const { batchId } = await importFile(sales.actor, fixture("mixed-duplicates.csv"));
    const rows = await rowsOf(batchId);
    expect(rows.map((r) => [r.rowNumber, r.outcome, r.reason])).toEqual([
      [2, "created", null],
      [4, "duplicate", "DUPLICATE_IN_FILE"],
      [6, "created", null],
      [7, "duplicate", "DUPLICATE_IN_FILE"],
      [8, "rejected", "EMAIL_INVALID:email"],
      [9, "rejected", "NO_NAME_NO_EMAIL"],
      [10, "created", null],
    ]);
    expect(rows[1].contactId).toBe(rows[0].contactId);
    expect(JSON.parse(rows[4].cells!)).toEqual(["Tom", "Janssens", "tom@@voorbeeld", "Janssens NV"]);
    expect(rows.filter((r) => r.outcome !== "rejected").every((r) => r.cells === null)).toBe(true);
    const t = await translator("fr");
    for (const row of rows.filter((r) => r.reason)) {
      for (const reason of decodeReasons(row.reason)) {
        const text = t(`import.reason.${reason.code}`);
        expect(text).not.toContain("import.reason");
        expect(text.length).toBeGreaterThan(15);
      }
    }
    const unterminated = await importFile(sales.actor, fixture("unterminated-quote.csv"));
    expect((await rowsOf(unterminated.batchId)).find((r) => r.outcome === "rejected")).toMatchObject({ rowNumber: 3, reason: "ROW_MALFORMED" });
  });

  it("refuses a file that is not CSV or is empty, with its reason, and keeps nothing of it", async () => {
    const sales = await createTestStaff();
    const input = { tradeFairId: null, fairName: `Refused ${Date.now()}`, fairOrganiser: "Org", fairStartsOn: null, fairEndsOn: null, fairPlace: null, organiser: null, obtainedOn: null };
    for (const [name, reason] of [["binary.bin", "FILE_NOT_CSV"], ["empty.csv", "FILE_EMPTY"]] as const) {
      const upload = await storeLocalFile(fixture(name));
      expect(await createBatch(sales.actor, input, upload)).toEqual({ ok: false, reason });
      expect(fs.existsSync(upload.path)).toBe(false);
    }
    expect(await createBatch(sales.actor, input, null)).toEqual({ ok: false, reason: "FILE_MISSING" });
  });

  it("creates trade-fair contacts with their source, Art. 14 date, purposes and opt-in consent as evidence", async () => {
    const sales = await createTestStaff();
    const wording = "J'accepte de recevoir les offres et invitations de l'exposant.";
    const { batchId } = await importFile(sales.actor, fixture("fr-semicolon-1252.csv"), { optInWording: wording });
    const prisma = await db();
    const batch = await prisma.importBatch.findUniqueOrThrow({ where: { id: batchId }, select: { tradeFairId: true } });
    const elodie = await prisma.contact.findUniqueOrThrow({
      where: { email: "elodie.lefevre@exemple.be" },
      select: {
        id: true, firstName: true, lastName: true, sourceKind: true, tradeFairId: true, importBatchId: true, obtainedAt: true, noticeDueAt: true,
        mobile: true, phone: true, language: true, ownerId: true, organisation: { select: { name: true } },
        processingRecords: { select: { legalBasis: true, evidence: true, retentionEndsAt: true, purpose: { select: { code: true } } }, orderBy: { id: "asc" } },
        interactions: { select: { kind: true, summary: true } },
      },
    });
    expect(elodie).toMatchObject({
      firstName: "Élodie", lastName: "Lefèvre", sourceKind: "trade-fair", tradeFairId: batch.tradeFairId, importBatchId: batchId,
      mobile: "+32470123456", phone: "+3225112233", language: "fr", ownerId: sales.id, organisation: { name: "Façades & Cie" },
      interactions: [{ kind: "note", summary: "Très intéressée" }],
    });
    expect(elodie.obtainedAt.toISOString()).toBe("2026-03-10T00:00:00.000Z");
    expect(elodie.noticeDueAt?.toISOString()).toBe("2026-04-10T00:00:00.000Z");
    expect(elodie.processingRecords.map((r) => [r.purpose.code, r.legalBasis])).toEqual([["prospecting", "legitimate-interest"], ["newsletter", "consent"]]);
    expect(elodie.processingRecords[0].retentionEndsAt?.toISOString()).toBe("2029-03-10T00:00:00.000Z");
    expect(elodie.processingRecords[1].evidence).toBe(wording);
    const consents = await prisma.consentEvent.findMany({ where: { contactId: elodie.id }, select: { kind: true, channel: true, wording: true, recordedById: true, at: true } });
    expect(consents).toEqual([{ kind: "given", channel: "import", wording, recordedById: sales.id, at: new Date("2026-03-10T00:00:00Z") }]);
    // Searchable at once: the importer writes the search index rows of its new contacts itself (migration 0013).
    const search = (match: string) => rawDb().prepare(`SELECT rowid FROM "ContactSearch" WHERE "ContactSearch" MATCH ?`).pluck().all(match);
    for (const match of ['name : "lefevre"*', 'name : "elodie"', 'email : "elodie"*', 'organisation : "facades"*']) expect(search(match), match).toContain(elodie.id);
    const unindexed = rawDb()
      .prepare(`SELECT count(*) FROM "Contact" c WHERE c."importBatchId" = ? AND NOT EXISTS (SELECT 1 FROM "ContactSearch_docsize" d WHERE d.id = c.id)`)
      .pluck().get(batchId);
    expect(unindexed).toBe(0);
    expect(rawDb().prepare(`SELECT count(*) FROM "Contact" WHERE "importBatchId" = ?`).pluck().get(batchId)).toBeGreaterThan(1);
    // "non" is no consent: prospecting only, and no consent event.
    const francois = await prisma.contact.findUniqueOrThrow({ where: { email: "f.mercier@exemple.fr" }, select: { id: true, processingRecords: { select: { purposeId: true } } } });
    expect(francois.processingRecords).toHaveLength(1);
    expect(await prisma.consentEvent.count({ where: { contactId: francois.id } })).toBe(0);
  });

  it("remembers the organiser's mapping, including ignored columns, for the next file", async () => {
    const sales = await createTestStaff();
    const first = await uploadFile(sales.actor, fixture("nl-comma-bom.csv"));
    const mapping = await suggestedMapping(first);
    expect(mapping[4]).toBe("jobTitle");
    mapping[4] = "ignore";
    mapping[13] = "ignore";
    await saveMapping(sales.actor, first, { mapping, optInWording: "Ja, stuur mij de nieuwsbrief." });
    const started = await startImport(sales.actor, first);
    if (!started?.ok) throw new Error("not started");
    await started.job;
    const prisma = await db();
    const organiser = (await prisma.importBatch.findUniqueOrThrow({ where: { id: first }, select: { organiser: true } })).organiser!;
    const fair = await prisma.tradeFair.findFirstOrThrow({ where: { batches: { some: { id: first } } }, select: { id: true } });
    const upload = await storeLocalFile(fixture("nl-comma-bom.csv"));
    const next = await createBatch(sales.actor, { tradeFairId: fair.id, fairName: null, fairOrganiser: null, fairStartsOn: null, fairEndsOn: null, fairPlace: null, organiser, obtainedOn: null }, upload);
    if (!next.ok) throw new Error(next.reason);
    expect(await suggestedMapping(next.id)).toEqual(mapping);
  });
});

describe("merging into existing contacts", () => {
  it("fills empty fields, lists differing values as conflicts, adds the purpose and never overwrites", async () => {
    const sales = await createTestStaff();
    const id = await existingContact(sales.actor, { firstName: "Jan", lastName: "Peeters", email: "jan.peeters@voorbeeld.be", city: "Antwerpen", organisationName: "Peeters BV" });
    const byName = await existingContact(sales.actor, { firstName: "Els", lastName: "Maes", email: "", organisationName: "Maes Janssens" });
    const file = writeCsv("merge.csv", [
      "Voornaam;Achternaam;E-mail;Bedrijf;GSM;Gemeente;Functie;Opmerkingen",
      "jan;Peeters;JAN.PEETERS@voorbeeld.be;Peeters BV;0470 11 22 33;Gent;Zaakvoerder;Bezocht de stand",
      "Els;Maes;els.maes@voorbeeld.be;Maes Janssens;;Brugge;;",
    ]);
    const { batchId, result } = await importFile(sales.actor, file);
    expect(result.state.counts).toMatchObject({ created: 0, merged: 2 });
    const prisma = await db();
    const jan = await prisma.contact.findUniqueOrThrow({ where: { id }, select: { firstName: true, city: true, mobile: true, jobTitle: true, sourceKind: true, importBatchId: true, interactions: { select: { summary: true } } } });
    // Filled where empty, kept where different; the original source stays.
    expect(jan).toEqual({ firstName: "Jan", city: "Antwerpen", mobile: "+32470112233", jobTitle: "Zaakvoerder", sourceKind: "phone", importBatchId: null, interactions: [{ summary: "Bezocht de stand" }] });
    const rows = await rowsOf(batchId);
    expect(JSON.parse(rows[0].conflicts!)).toEqual([{ field: "city", current: "Antwerpen", incoming: "Gent" }]);
    expect(Object.keys(JSON.parse(rows[0].filled!).fields).sort()).toEqual(["jobTitle", "mobile"]);
    // Matched by name and organisation: the e-mail was empty and is filled.
    const els = await prisma.contact.findUniqueOrThrow({ where: { id: byName }, select: { email: true, city: true } });
    expect(els).toEqual({ email: "els.maes@voorbeeld.be", city: "Brugge" });
    expect(rows[1]).toMatchObject({ outcome: "merged", contactId: byName });
  });

  it("leaves a restricted contact untouched and says so", async () => {
    const manager = await createTestStaff({ role: "manager" });
    const id = await existingContact(manager.actor, { firstName: "Rita", lastName: "Claes", email: "rita@voorbeeld.be" });
    rawDb().prepare(`UPDATE "Contact" SET restricted = 1 WHERE id = ?`).run(id);
    const file = writeCsv("restricted.csv", ["E-mail;Functie;Gemeente", "rita@voorbeeld.be;Aankoper;Gent"]);
    const { batchId } = await importFile(manager.actor, file);
    const prisma = await db();
    expect(await prisma.contact.findUniqueOrThrow({ where: { id }, select: { jobTitle: true, city: true } })).toEqual({ jobTitle: null, city: null });
    expect((await rowsOf(batchId))[0]).toMatchObject({ outcome: "merged", reason: "CONTACT_RESTRICTED", filled: null });
  });

  it("skips a suppressed address (keyed hash) and keeps nothing of that row", async () => {
    const sales = await createTestStaff();
    const prisma = await db();
    await prisma.suppressionEntry.create({ data: { hash: suppressionHash("Erased.Person@Voorbeeld.be", secret("SUPPRESSION_KEY")), reason: "erasure" } });
    const file = writeCsv("suppressed.csv", ["Voornaam;Naam;E-mail", "Erik;Gewist;erased.person@voorbeeld.be", "Nora;Nieuw;nora@voorbeeld.be"]);
    const { batchId, result } = await importFile(sales.actor, file);
    expect(result.state.counts).toMatchObject({ created: 1, suppressed: 1 });
    expect(await prisma.contact.count({ where: { lastName: "Gewist" } })).toBe(0);
    expect((await rowsOf(batchId))[0]).toEqual({ rowNumber: 2, outcome: "suppressed", reason: "SUPPRESSED", contactId: null, filled: null, conflicts: null, cells: null });
  });
});

describe("the report", () => {
  it("offers the rejected rows as CSV: original columns, a translated reason, formulas neutralised", async () => {
    const sales = await createTestStaff();
    const file = writeCsv("rejects.csv", ["Voornaam;Naam;E-mail;Bedrijf", "=cmd|' /C calc'!A0;Peeters;not-an-email;Acme", "An;Claes;an@voorbeeld.be;Acme", ";;;Alleen bedrijf"]);
    const { batchId } = await importFile(sales.actor, file);
    const t = await translator("nl");
    const headers = await batchHeaders(batchId);
    expect(headers).toEqual(["Voornaam", "Naam", "E-mail", "Bedrijf"]);
    const bytes = await new Response(rejectsCsv(batchId, headers!, { row: t("import.col.row"), reason: t("import.col.reason"), describe: (r) => t(`import.reason.${r.code}`) })).arrayBuffer();
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.split("\r\n")).toEqual([
      "\uFEFFRij;Voornaam;Naam;E-mail;Bedrijf;Reden",
      `2;"'=cmd|' /C calc'!A0";Peeters;not-an-email;Acme;${t("import.reason.EMAIL_INVALID")}`,
      `4;;;;Alleen bedrijf;${t("import.reason.NO_NAME_NO_EMAIL")}`,
      "",
    ]);
  });

  it("lets a person take the file's value for a conflict, with the contact's own permission rules", async () => {
    const owner = await createTestStaff();
    const other = await createTestStaff();
    const id = await existingContact(owner.actor, { firstName: "Lotte", lastName: "Vermeulen", email: "lotte@voorbeeld.be", city: "Mechelen", jobTitle: "Koper" });
    const file = writeCsv("conflict.csv", ["E-mail;Gemeente;Functie", "lotte@voorbeeld.be;Leuven;Aankoopdirecteur"]);
    const { batchId } = await importFile(owner.actor, file);
    const open = await openConflicts(batchId);
    expect(open.total).toBe(1);
    const rowId = open.rows[0].id;
    expect(await resolveConflict(other.actor, batchId, { rowId, choices: { city: "incoming" } })).toEqual({ ok: false, reason: "CONTACT_NOT_OWNER" });
    expect(await resolveConflict(owner.actor, batchId, { rowId, choices: { city: "incoming", jobTitle: "keep" } })).toEqual({ ok: true });
    const prisma = await db();
    expect(await prisma.contact.findUniqueOrThrow({ where: { id }, select: { city: true, jobTitle: true } })).toEqual({ city: "Leuven", jobTitle: "Koper" });
    expect((await openConflicts(batchId)).total).toBe(0);
    expect(await resolveConflict(owner.actor, batchId, { rowId, choices: {} })).toEqual({ ok: false, reason: "CONFLICT_ALREADY_RESOLVED" });
    expect(await prisma.auditEntry.count({ where: { action: "contact.updated", recordId: String(id) } })).toBe(1);
  });
});

describe("undo", () => {
  it("removes created contacts and emptied fields, keeps what staff changed since and lists it, and logs it", async () => {
    const sales = await createTestStaff();
    const merged = await existingContact(sales.actor, { firstName: "Bart", lastName: "Wouters", email: "bart@voorbeeld.be" });
    const file = writeCsv("undo.csv", [
      "Voornaam;Naam;E-mail;Functie;Gemeente;Nieuwsbrief",
      "Bart;Wouters;bart@voorbeeld.be;Inkoper;Leuven;ja",
      "Carine;Jacobs;carine@voorbeeld.be;CEO;Gent;ja",
      "Dirk;Mertens;dirk@voorbeeld.be;CFO;Hasselt;nee",
    ]);
    const { batchId } = await importFile(sales.actor, file, { optInWording: "Ja, stuur mij de nieuwsbrief." });
    const prisma = await db();
    const carine = await prisma.contact.findUniqueOrThrow({ where: { email: "carine@voorbeeld.be" }, select: { id: true } });
    const newsletter = await prisma.purpose.findUniqueOrThrow({ where: { code: "newsletter" }, select: { id: true } });
    expect(await prisma.processingRecord.count({ where: { contactId: merged, purposeId: newsletter.id } })).toBe(1);

    // After the import, staff change Bart's city (filled by the import) and work on Carine.
    await new Promise((r) => setTimeout(r, 5));
    rawDb().prepare(`UPDATE "Contact" SET city = 'Brussel' WHERE id = ?`).run(merged);
    const prospecting = await prisma.purpose.findUniqueOrThrow({ where: { code: "prospecting" }, select: { id: true } });
    const edited = await updateContact(sales.actor, carine.id, contactSchema.parse({
      firstName: "Carine", lastName: "Jacobs-Peeters", email: "carine@voorbeeld.be", stage: "prospect", sourceKind: "trade-fair",
      obtainedAt: "2026-03-10", purposeIds: [String(prospecting.id)], ownerId: String(sales.id),
    }));
    expect(edited.ok).toBe(true);

    const undo = await undoBatch(sales.actor, batchId);
    if (!undo?.ok) throw new Error("undo refused");
    await undo.job;
    const bart = await prisma.contact.findUniqueOrThrow({ where: { id: merged }, select: { jobTitle: true, city: true } });
    expect(bart).toEqual({ jobTitle: null, city: "Brussel" });
    expect(await prisma.processingRecord.count({ where: { contactId: merged, purposeId: newsletter.id } })).toBe(0);
    expect((await prisma.consentEvent.findMany({ where: { contactId: merged }, orderBy: { id: "asc" }, select: { kind: true } })).map((e) => e.kind)).toEqual(["given", "withdrawn"]);
    expect(await prisma.contact.count({ where: { email: "dirk@voorbeeld.be" } })).toBe(0);
    expect(await prisma.contact.count({ where: { id: carine.id } })).toBe(1);
    const kept = await rowsOf(batchId);
    expect(kept.map((r) => [r.outcome, r.contactId, r.reason])).toEqual([
      ["merged", merged, "UNDO_KEPT_CHANGED:city"],
      ["created", carine.id, "UNDO_KEPT_CHANGED"],
    ]);
    const batch = await prisma.importBatch.findUniqueOrThrow({ where: { id: batchId }, select: { status: true } });
    expect(batch.status).toBe("undone");
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "import.undone", recordId: String(batchId) }, select: { staffId: true, summary: true } });
    expect(audit.staffId).toBe(sales.id);
    expect(JSON.parse(audit.summary)).toEqual({ removed: 1, reverted: 0, keptForReview: 2 });
  });

  it("is refused to another sales person and allowed to a manager; suppression entries stay", async () => {
    const owner = await createTestStaff();
    const other = await createTestStaff();
    const manager = await createTestStaff({ role: "manager" });
    const { batchId } = await importFile(owner.actor, fixture("nl-comma-bom.csv"), { optInWording: "Ja." });
    await expect(undoBatch(other.actor, batchId)).rejects.toMatchObject({ status: 403 });
    const prisma = await db();
    const entries = await prisma.suppressionEntry.count();
    const undo = await undoBatch(manager.actor, batchId);
    if (!undo?.ok) throw new Error("undo refused");
    await undo.job;
    expect(await prisma.contact.count({ where: { importBatchId: batchId } })).toBe(0);
    expect(await prisma.suppressionEntry.count()).toBe(entries);
    expect(await undoBatch(manager.actor, batchId)).toEqual({ ok: false, reason: "BATCH_NOT_DONE" });
  });
});

function bigFile(name: string, rows: number, existing: string[] = []) {
  const lines = ["Voornaam;Naam;E-mail;Bedrijf;Functie"];
  for (let i = 0; i < rows; i++) lines.push(i < existing.length ? `X;Y;${existing[i]};;Nieuwe functie` : `Lead;Nummer ${i};lead${i}.${name}@voorbeeld.be;Firma ${i % 50};Koper`);
  return writeCsv(`${name}.csv`, lines);
}

describe("while an import runs", () => {
  it("a cancel rolls it back to nothing, merged fields included", async () => {
    const sales = await createTestStaff();
    const existing = await existingContact(sales.actor, { firstName: "Anke", lastName: "Aerts", email: "anke@voorbeeld.be" });
    const prisma = await db();
    const before = await prisma.contact.findUniqueOrThrow({ where: { id: existing } });
    const organisations = await prisma.organisation.count();
    const batchId = await uploadFile(sales.actor, bigFile("cancel", 3000, ["anke@voorbeeld.be"]));
    await saveMapping(sales.actor, batchId, { mapping: await suggestedMapping(batchId), optInWording: null });
    const started = await startImport(sales.actor, batchId, {
      fixedChunkRows: 50,
      onProgress: (state) => {
        if (state.rowsDone === 500) void requestCancel(sales.actor, batchId);
      },
    });
    if (!started?.ok) throw new Error("not started");
    const cancelled = { batchId, result: await started.job };
    expect(cancelled.result.status).toBe("cancelled");
    expect(cancelled.result.state.rowsDone).toBeGreaterThanOrEqual(500);
    expect(cancelled.result.state.rowsDone).toBeLessThan(3000);
    expect(await prisma.contact.count({ where: { importBatchId: cancelled.batchId } })).toBe(0);
    expect(await prisma.importRow.count({ where: { batchId: cancelled.batchId } })).toBe(0);
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: existing } })).toEqual(before);
    expect(await prisma.organisation.count()).toBe(organisations);
    const batch = await prisma.importBatch.findUniqueOrThrow({ where: { id: cancelled.batchId }, select: { status: true, error: true } });
    expect(batch).toEqual({ status: "cancelled", error: "CANCELLED" });
  });

  it("other staff keep saving, and no write transaction holds the lock for 250 ms", async () => {
    const sales = await createTestStaff();
    const batchId = await uploadFile(sales.actor, bigFile("parallel", 4000));
    await saveMapping(sales.actor, batchId, { mapping: await suggestedMapping(batchId), optInWording: null });
    const started = await startImport(sales.actor, batchId, { fixedChunkRows: 200 });
    if (!started?.ok) throw new Error("not started");
    const saves: boolean[] = [];
    const prisma = await db();
    while ((await prisma.importBatch.findUniqueOrThrow({ where: { id: batchId }, select: { status: true } })).status === "running") {
      // Requests arrive as separate events (better-sqlite3 answers synchronously: a bare await loop would never let the importer run).
      await new Promise((resolve) => setTimeout(resolve, 2));
      saves.push(await existingContact(sales.actor, { firstName: "During", lastName: `Import ${saves.length}`, email: "" }).then(() => true, () => false));
      // A transaction that reads, waits on real I/O, then writes: an importer commit in that gap would make it fail (SQLITE_BUSY_SNAPSHOT).
      const slow = prisma.$transaction(async (tx) => {
        await tx.setting.findUnique({ where: { key: "import-test" } });
        await new Promise((resolve) => setTimeout(resolve, 15));
        await tx.setting.upsert({ where: { key: "import-test" }, create: { key: "import-test", value: "1" }, update: { value: String(saves.length) } });
      });
      saves.push(await slow.then(() => true, () => false));
    }
    const result = await started.job;
    expect(result.status).toBe("done");
    expect(saves.length).toBeGreaterThan(2);
    expect(saves.every(Boolean)).toBe(true);
    expect(result.lock.longestMs).toBeLessThan(250);
    expect(await prisma.contact.count({ where: { importBatchId: batchId } })).toBe(4000);
  });
});
