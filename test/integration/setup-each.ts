import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, vi } from "vitest";

// Every test file works on its own copy of the migrated template: a real SQLite file, never a mock.
const template = process.env.CRM_TEST_TEMPLATE_DB!;
const dir = path.join(process.env.CRM_TEST_DIR!, crypto.randomUUID());
fs.mkdirSync(dir, { recursive: true });
fs.copyFileSync(template, path.join(dir, "crm.db"));
process.env.DATABASE_URL = `file:${path.join(dir, "crm.db")}`;
process.env.DATA_DIR = dir;
process.env.SMTP_URL = "";
process.env.REQUEST_LOG = "0";

// A stray console.error during a test fails it.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length) throw new Error(`console.error was called during the test: ${String(errors[0][0]).slice(0, 300)}`);
});

afterAll(async () => {
  const { closeDb } = await import("~/lib/db.server");
  await closeDb();
});
