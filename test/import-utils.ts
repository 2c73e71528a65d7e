/** Helpers for import tests: a lead file through the same steps a person takes on the batch page. */
import path from "node:path";
import { contactSchema } from "~/domain/contacts/contact.schema";
import { createContact } from "~/domain/contacts/contacts.server";
import type { Mapping } from "~/domain/imports/header-mapping";
import { createBatch, mappingFor, saveMapping, startImport } from "~/domain/imports/import-batches.server";
import type { RunOptions, RunResult } from "~/domain/imports/import-job.server";
import { loadBatch } from "~/domain/imports/import-settings.server";
import { storeLocalFile } from "~/domain/imports/lead-file.server";
import { readCsvPreview } from "~/domain/imports/read-csv.server";
import { listPurposes } from "~/domain/purposes/purposes.server";
import type { Actor } from "~/domain/staff/roles";

export const fixture = (name: string) => path.join(process.cwd(), "test/fixtures/imports", name);

let fairs = 0;

/** Uploads a file as a new batch for a new fair; throws when the upload is refused. */
export async function uploadFile(actor: Actor, file: string, obtainedOn = "2026-03-10"): Promise<number> {
  fairs += 1;
  const created = await createBatch(
    actor,
    { tradeFairId: null, fairName: `Salon test ${fairs} ${Date.now()}`, fairOrganiser: `Organiser ${fairs}`, fairStartsOn: null, fairEndsOn: null, fairPlace: null, organiser: null, obtainedOn },
    await storeLocalFile(file),
  );
  if (!created.ok) throw new Error(`upload refused: ${created.reason}`);
  return created.id;
}

export async function suggestedMapping(batchId: number): Promise<Mapping> {
  const batch = (await loadBatch(batchId))!;
  const head = await readCsvPreview(batch.storedFile!, 0);
  if (!head.ok) throw new Error(head.reason);
  return mappingFor(batch, head.headers);
}

/** Upload → suggested mapping (optionally adjusted) → preview → import, awaited to the end. */
export async function importFile(
  actor: Actor,
  file: string,
  options: { optInWording?: string; adjust?: (mapping: Mapping) => Mapping; run?: RunOptions } = {},
): Promise<{ batchId: number; result: RunResult }> {
  const batchId = await uploadFile(actor, file);
  const mapping = (options.adjust ?? ((m) => m))(await suggestedMapping(batchId));
  const saved = await saveMapping(actor, batchId, { mapping, optInWording: options.optInWording ?? "J'accepte de recevoir les offres." });
  if (!saved?.ok) throw new Error(`mapping refused: ${saved && !saved.ok ? saved.reason : "not found"}`);
  const started = await startImport(actor, batchId, options.run);
  if (!started?.ok) throw new Error(`start refused: ${started && !started.ok ? started.reason : "not found"}`);
  return { batchId, result: await started.job };
}

/** A contact created as staff would, through the contact form's domain operation. */
export async function existingContact(actor: Actor, fields: Record<string, string>): Promise<number> {
  const prospecting = (await listPurposes()).find((p) => p.code === "prospecting")!;
  const input = contactSchema.parse({
    firstName: "Existing", lastName: "Person", stage: "prospect", sourceKind: "phone", obtainedAt: "2025-06-01",
    purposeIds: [String(prospecting.id)], confirmDuplicate: "1", ...fields,
  });
  const created = await createContact(actor, input);
  if (!created.ok) throw new Error(`contact refused: ${created.reason}`);
  return created.id;
}
