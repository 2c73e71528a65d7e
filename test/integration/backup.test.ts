import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { databaseFile } from "~/lib/config.server";
import { db, rawDb } from "~/lib/db.server";
import { backupDatabase, checkBackup, restoreDatabase, tableCounts } from "../../scripts/backup-lib";
import { createTestStaff } from "../db-utils";

const work = path.join(process.env.CRM_TEST_DIR!, `backup-${process.pid}`);

describe("backups", () => {
  it("copy a consistent database while another connection holds a write transaction open, and restore it row for row", async () => {
    for (let i = 0; i < 5; i++) await createTestStaff();
    const prisma = await db();
    await prisma.setting.create({ data: { key: "backup-test", value: "1" } });
    const source = databaseFile();
    const before = tableCounts(source);
    expect(before.Staff).toBeGreaterThanOrEqual(5);

    // Another connection is half-way through a write when the backup runs.
    const writer = new Database(source);
    writer.pragma("busy_timeout = 10000");
    writer.exec("BEGIN IMMEDIATE");
    writer.prepare(`INSERT INTO "Setting" ("key", "value") VALUES ('uncommitted', 'x')`).run();
    const dir = path.join(work, "backups");
    const { file } = await backupDatabase({ source, dir, keep: 14, now: new Date("2026-11-26T12:55:52.848Z") });
    writer.exec("COMMIT");
    writer.close();

    expect(path.basename(file)).toBe("crm-20261126-125552.db");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const check = checkBackup(file);
    expect(check.ok).toBe(true);
    // The backup holds what was committed, not the open transaction.
    expect(tableCounts(file)).toEqual(before);
    expect(tableCounts(source).Setting).toBe(before.Setting + 1);

    const target = path.join(work, "restored", "crm.db");
    expect(restoreDatabase(file, target, { force: false })).toMatchObject({ ok: false });
    expect(fs.existsSync(target)).toBe(false);
    const restored = restoreDatabase(file, target, { force: true });
    expect(restored).toMatchObject({ ok: true, previous: null });
    expect(tableCounts(target)).toEqual(before);
    // The restored file opens as the app opens it, with every row readable.
    const reopened = new Database(target);
    expect(reopened.pragma("journal_mode = WAL", { simple: true })).toBe("wal");
    expect(reopened.prepare(`SELECT count(*) AS n FROM "Staff"`).get()).toEqual({ n: before.Staff });
    reopened.close();

    // Restoring over an existing database keeps the old one, with its WAL, beside it.
    fs.writeFileSync(`${target}-wal`, "stale");
    const again = restoreDatabase(file, target, { force: true, now: new Date("2026-11-27T08:00:00Z") });
    expect(again).toMatchObject({ ok: true, previous: `${target}.before-restore-20261127-080000` });
    expect(fs.existsSync(`${target}.before-restore-20261127-080000`)).toBe(true);
    expect(fs.readFileSync(`${target}.before-restore-20261127-080000-wal`, "utf8")).toBe("stale");
    expect(fs.existsSync(`${target}-wal`)).toBe(false);
    expect(tableCounts(target)).toEqual(before);
  });

  it("keep only the newest BACKUP_KEEP files", async () => {
    const dir = path.join(work, "rotation");
    const source = databaseFile();
    const names: string[] = [];
    for (let day = 1; day <= 5; day++) {
      const { file } = await backupDatabase({ source, dir, keep: 3, now: new Date(`2026-12-0${day}T03:00:00Z`) });
      names.push(path.basename(file));
    }
    // Two in the same second get a counter rather than overwriting each other.
    const { file: same, removed } = await backupDatabase({ source, dir, keep: 3, now: new Date("2026-12-05T03:00:00Z") });
    expect(path.basename(same)).toBe("crm-20261205-030000-2.db");
    expect(removed.map((f) => path.basename(f))).toEqual(["crm-20261203-030000.db"]);
    fs.writeFileSync(path.join(dir, "notes.txt"), "not a backup");
    expect(fs.readdirSync(dir).sort()).toEqual(["crm-20261204-030000.db", "crm-20261205-030000-2.db", "crm-20261205-030000.db", "notes.txt"]);
    expect(names[0]).toBe("crm-20261201-030000.db");
  });

  it("refuse to restore a file that is not a sound database of this application", () => {
    fs.mkdirSync(work, { recursive: true });
    const garbage = path.join(work, "garbage.db");
    fs.writeFileSync(garbage, "this is not a database at all, just text ".repeat(200));
    expect(checkBackup(garbage)).toMatchObject({ ok: false });

    const foreign = path.join(work, "foreign.db");
    const other = new Database(foreign);
    other.exec(`CREATE TABLE "Notes" (id INTEGER PRIMARY KEY)`);
    other.close();
    const check = checkBackup(foreign);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems.join()).toMatch(/missing tables: Staff/);

    // A backup made by a newer version (a migration this code does not know) is refused too.
    const newer = path.join(work, "newer.db");
    rawDb().exec(`VACUUM INTO '${newer.replace(/'/g, "''")}'`);
    const edit = new Database(newer);
    edit.prepare(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ('x', 'y', '2030-01-01', '9999_future', 1)`).run();
    edit.close();
    const target = path.join(work, "never", "crm.db");
    const result = restoreDatabase(newer, target, { force: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join()).toMatch(/9999_future/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it("are run by `npm run backup` and `npm run restore` (the restore needs --force)", () => {
    const dir = path.join(work, "cli");
    const env = { ...process.env, BACKUP_DIR: dir, BACKUP_KEEP: "2" };
    const out = execFileSync("node_modules/.bin/tsx", ["scripts/backup.ts"], { env, encoding: "utf8" });
    expect(out).toMatch(/Backup written: .*crm-\d{8}-\d{6}\.db/);
    const [file] = fs.readdirSync(dir);
    const target = path.join(work, "cli-restore", "crm.db");
    const restoreEnv = { ...process.env, DATABASE_URL: `file:${target}` };
    const refused = (() => {
      try {
        execFileSync("node_modules/.bin/tsx", ["scripts/restore.ts", path.join(dir, file)], { env: restoreEnv, encoding: "utf8", stdio: "pipe" });
        return null;
      } catch (error) {
        return error as { status: number; stderr: string };
      }
    })();
    expect(refused?.status).toBe(1);
    expect(refused?.stderr).toMatch(/--force/);
    const restored = execFileSync("node_modules/.bin/tsx", ["scripts/restore.ts", path.join(dir, file), "--force"], { env: restoreEnv, encoding: "utf8" });
    expect(restored).toMatch(/Restored crm-/);
    expect(tableCounts(target).Staff).toBe(tableCounts(databaseFile()).Staff);
  });
});
