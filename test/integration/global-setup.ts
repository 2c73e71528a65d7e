import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "../../scripts/migrate";

/** Once per `vitest run`: a template database with every migration applied; each test file gets a copy. */
export default function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-test-"));
  const template = path.join(dir, "template.db");
  applyMigrations(`file:${template}`);
  process.env.CRM_TEST_TEMPLATE_DB = template;
  process.env.CRM_TEST_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
