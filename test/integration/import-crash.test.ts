import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recoverImports } from "~/domain/imports/import-recovery.server";
import { db, rawDb } from "~/lib/db.server";
import { createTestStaff } from "../db-utils";
import { existingContact } from "../import-utils";

/**
 * The CLI runs the import in its own process, on this test's database file. One run is killed
 * with SIGKILL while rows are landing (no chance to clean up); recovery must then leave the
 * database with none of that batch, and every contact that was there before exactly as it was.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "import-crash-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const EXISTING = 150;
let staffEmail = "";

function leadFile(name: string, rows: number): string {
  const lines = ["Prénom;Nom;Adresse e-mail;Société;Fonction;Accepte de recevoir nos offres"];
  for (let i = 0; i < rows; i++) {
    // Every 10th row is a contact we already hold: the import fills its empty job title (a merge to revert).
    if (i % 10 === 0 && i / 10 < EXISTING) lines.push(`Old;Contact ${i / 10};existing${i / 10}@voorbeeld.be;;Inkoper;oui`);
    else lines.push(`Nouveau;Lead ${i};lead${i}.${name}@exemple.be;Société ${i % 300};Gérant;${i % 2 ? "oui" : "non"}`);
  }
  const file = path.join(tmp, `${name}.csv`);
  fs.writeFileSync(file, lines.join("\r\n") + "\r\n", "latin1");
  return file;
}

function runCli(file: string, fair: string, extra: string[] = []) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/import.ts", "--file", file, "--fair", fair, "--organiser", "Crash Expo", "--as", staffEmail, "--opt-in-wording", "J'accepte les offres.", ...extra],
    { cwd: process.cwd(), env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Everything the import could touch, except rows the import itself owns. */
function snapshot() {
  const raw = rawDb();
  return {
    contacts: raw.prepare(`SELECT * FROM "Contact" ORDER BY id`).all(),
    records: raw.prepare(`SELECT * FROM "ProcessingRecord" ORDER BY id`).all(),
    interactions: raw.prepare(`SELECT * FROM "Interaction" ORDER BY id`).all(),
    organisations: raw.prepare(`SELECT * FROM "Organisation" ORDER BY id`).all(),
    consents: raw.prepare(`SELECT * FROM "ConsentEvent" ORDER BY id`).all(),
    suppression: raw.prepare(`SELECT * FROM "SuppressionEntry" ORDER BY id`).all(),
  };
}

beforeAll(async () => {
  const manager = await createTestStaff({ role: "manager" });
  staffEmail = manager.email;
  for (let i = 0; i < EXISTING; i++) {
    await existingContact(manager.actor, { firstName: "Old", lastName: `Contact ${i}`, email: `existing${i}@voorbeeld.be`, city: "Namur" });
  }
});

describe("an import process killed half-way", () => {
  it("leaves none of its batch after recovery, and the contacts held before unchanged", { timeout: 120_000 }, async () => {
    const before = snapshot();
    const file = leadFile("killed", 30_000);
    const cli = runCli(file, "Salon interrompu", ["--chunk", "25"]);
    const raw = rawDb();
    const landed = () => Number(raw.prepare(`SELECT COUNT(*) FROM "ImportRow"`).pluck().get());
    const deadline = Date.now() + 60_000;
    while (landed() < 600 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    cli.child.kill("SIGKILL");
    expect(await cli.exited).toBeNull();

    const batch = raw.prepare(`SELECT id, status, storedFile FROM "ImportBatch" ORDER BY id DESC LIMIT 1`).get() as { id: number; status: string; storedFile: string };
    // Killed mid-way: rows of the batch are in the database, the batch is still "running".
    expect(batch.status).toBe("running");
    const written = Number(raw.prepare(`SELECT COUNT(*) FROM "Contact" WHERE importBatchId = ?`).pluck().get(batch.id));
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(27_000);
    const filled = Number(raw.prepare(`SELECT COUNT(*) FROM "Contact" WHERE email LIKE 'existing%' AND jobTitle IS NOT NULL`).pluck().get());
    expect(filled).toBeGreaterThan(0);

    // The next start finds it (its heartbeat is as stale as a dead process gets) and rolls it back.
    expect(await recoverImports({ staleAfterMs: 0 })).toEqual([{ batchId: batch.id, from: "running" }]);
    expect(Number(raw.prepare(`SELECT COUNT(*) FROM "Contact" WHERE importBatchId = ?`).pluck().get(batch.id))).toBe(0);
    expect(Number(raw.prepare(`SELECT COUNT(*) FROM "ImportRow" WHERE batchId = ?`).pluck().get(batch.id))).toBe(0);
    expect(snapshot()).toEqual(before);
    const prisma = await db();
    expect(await prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id }, select: { status: true, error: true, storedFile: true } })).toEqual({
      status: "failed", error: "INTERRUPTED", storedFile: null,
    });
    expect(fs.existsSync(batch.storedFile)).toBe(false);
    expect(await prisma.auditEntry.count({ where: { action: "import.rolled-back", recordId: String(batch.id) } })).toBe(1);
    // Nothing is left to recover.
    expect(await recoverImports({ staleAfterMs: 0 })).toEqual([]);
  });

  it("a run to the end leaves all of its batch", { timeout: 120_000 }, async () => {
    const file = leadFile("complete", 3_000);
    const cli = runCli(file, "Salon complet", ["--chunk", "100"]);
    expect(await cli.exited, cli.output()).toBe(0);
    expect(cli.output()).toMatch(/created 2850, merged 150, duplicate in file 0, suppressed 0, rejected 0/);
    const raw = rawDb();
    const batch = raw.prepare(`SELECT id, status, created, merged FROM "ImportBatch" ORDER BY id DESC LIMIT 1`).get() as { id: number; status: string; created: number; merged: number };
    expect(batch).toMatchObject({ status: "done", created: 2850, merged: 150 });
    expect(Number(raw.prepare(`SELECT COUNT(*) FROM "Contact" WHERE importBatchId = ?`).pluck().get(batch.id))).toBe(2850);
    expect(Number(raw.prepare(`SELECT COUNT(*) FROM "ImportRow" WHERE batchId = ? AND outcome != 'header'`).pluck().get(batch.id))).toBe(3000);
    expect(Number(raw.prepare(`SELECT COUNT(*) FROM "Contact" WHERE email LIKE 'existing%' AND jobTitle = 'Inkoper'`).pluck().get())).toBe(EXISTING);
    // Opt-in "oui": the 150 merged contacts and the 1,500 odd-numbered rows; each has its consent event with the wording.
    const consents = Number(raw.prepare(`SELECT COUNT(*) FROM "ConsentEvent" WHERE channel = 'import' AND wording = 'J''accepte les offres.'`).pluck().get());
    expect(consents).toBe(150 + 1500);
    expect(await recoverImports({ staleAfterMs: 0 })).toEqual([]);
  });

  it("exits non-zero when the file cannot be read", { timeout: 60_000 }, async () => {
    const missing = runCli(path.join(tmp, "missing.csv"), "Salon complet");
    expect(await missing.exited).toBe(1);
    const binary = runCli(path.resolve("test/fixtures/imports/binary.bin"), "Salon complet");
    expect(await binary.exited).toBe(1);
    expect(binary.output()).toMatch(/not a CSV file/);
  });
});
