import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * Online backups with SQLite's backup API (better-sqlite3 `db.backup()`): it copies a consistent
 * snapshot while the app keeps reading and writing, unlike copying the file, which can tear a
 * page or miss what is still in the WAL. Restores check a file before it replaces the database.
 */
const BACKUP_NAME = /^crm-\d{8}-\d{6}(-\d+)?\.db$/;
/** Tables every restorable database has (a sample of each layer, plus Prisma's migration log). */
export const EXPECTED_TABLES = ["Staff", "Session", "AuditEntry", "Setting", "Purpose", "Organisation", "Contact", "ProcessingRecord", "ConsentEvent", "_prisma_migrations"];

/** crm-YYYYMMDD-HHMMSS.db in UTC, so names sort in time order whatever the clock's zone. */
export function backupFileName(now: Date): string {
  const iso = now.toISOString(); // 2026-11-26T12:55:52.848Z
  return `crm-${iso.slice(0, 10).replace(/-/g, "")}-${iso.slice(11, 19).replace(/:/g, "")}.db`;
}

export async function backupDatabase(options: { source: string; dir: string; keep: number; now?: Date }): Promise<{ file: string; removed: string[] }> {
  const { source, dir, keep, now = new Date() } = options;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let file = path.join(dir, backupFileName(now));
  for (let n = 2; fs.existsSync(file); n++) file = path.join(dir, backupFileName(now).replace(/\.db$/, `-${n}.db`));
  const partial = `${file}.partial`;
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 10000");
    await db.backup(partial);
  } finally {
    db.close();
  }
  // A backup is one self-contained file (no -wal beside it), checked before it gets its final name.
  const copy = new Database(partial);
  try {
    copy.pragma("journal_mode = DELETE");
    const integrity = copy.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`The backup failed its integrity check: ${String(integrity)}`);
  } finally {
    copy.close();
  }
  // It holds personal data: readable by the owner only.
  fs.chmodSync(partial, 0o600);
  fs.renameSync(partial, file);
  return { file, removed: pruneBackups(dir, keep) };
}

/** Keeps the newest `keep` backups in `dir` and removes the rest; returns the removed paths. */
export function pruneBackups(dir: string, keep: number): string[] {
  const names = fs.readdirSync(dir).filter((n) => BACKUP_NAME.test(n)).sort(byBackupOrder);
  const removed = names.slice(0, Math.max(0, names.length - keep)).map((n) => path.join(dir, n));
  for (const file of removed) fs.rmSync(file);
  return removed;
}

function byBackupOrder(a: string, b: string): number {
  const key = (n: string) => {
    const [, stamp, counter] = n.match(/^crm-(\d{8}-\d{6})(?:-(\d+))?\.db$/)!;
    return [stamp, Number(counter ?? 1)] as const;
  };
  const [sa, ca] = key(a);
  const [sb, cb] = key(b);
  return sa === sb ? ca - cb : sa < sb ? -1 : 1;
}

export type BackupCheck =
  | { ok: true; counts: Record<string, number>; migrations: string[] }
  | { ok: false; problems: string[] };

/** Is this file a sound database of this application, no newer than the code? */
export function checkBackup(file: string, migrationsDir = path.resolve("prisma/migrations")): BackupCheck {
  if (!fs.existsSync(file)) return { ok: false, problems: [`${file} does not exist`] };
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return { ok: false, problems: [`not an SQLite database: ${(error as Error).message}`] };
  }
  try {
    const problems: string[] = [];
    let integrity: unknown;
    try {
      integrity = db.pragma("integrity_check", { simple: true });
    } catch (error) {
      return { ok: false, problems: [`not an SQLite database: ${(error as Error).message}`] };
    }
    if (integrity !== "ok") problems.push(`integrity check: ${String(integrity)}`);
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const missing = EXPECTED_TABLES.filter((t) => !tables.has(t));
    if (missing.length) problems.push(`missing tables: ${missing.join(", ")}`);
    let migrations: string[] = [];
    if (tables.has("_prisma_migrations")) {
      const rows = db.prepare("SELECT migration_name AS name, finished_at AS finished, rolled_back_at AS rolledBack FROM _prisma_migrations ORDER BY migration_name").all() as { name: string; finished: string | null; rolledBack: string | null }[];
      const unfinished = rows.filter((r) => !r.finished || r.rolledBack).map((r) => r.name);
      if (unfinished.length) problems.push(`unfinished or rolled-back migrations: ${unfinished.join(", ")}`);
      migrations = rows.filter((r) => r.finished && !r.rolledBack).map((r) => r.name);
      const known = new Set(fs.existsSync(migrationsDir) ? fs.readdirSync(migrationsDir) : []);
      const unknown = migrations.filter((m) => !known.has(m));
      if (unknown.length) problems.push(`made by a newer version of the application (unknown migrations: ${unknown.join(", ")})`);
    }
    if (problems.length) return { ok: false, problems };
    return { ok: true, counts: countRows(db), migrations };
  } finally {
    db.close();
  }
}

/** Rows per table (SQLite's internal and FTS shadow tables left out). */
export function tableCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return countRows(db);
  } finally {
    db.close();
  }
}

function countRows(db: Database.Database): Record<string, number> {
  const names = (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string; sql: string | null }[])
    .filter((t) => !/^CREATE VIRTUAL TABLE/i.test(t.sql ?? ""))
    .map((t) => t.name);
  const fts = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'").all() as { name: string }[]).map((r) => r.name));
  const counts: Record<string, number> = {};
  for (const name of names) {
    if ([...fts].some((f) => name.startsWith(`${f}_`))) continue;
    counts[name] = (db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
  }
  return counts;
}

export type RestoreResult =
  | { ok: true; counts: Record<string, number>; previous: string | null }
  | { ok: false; problems: string[] };

/**
 * Replaces `target` with a checked copy of `file`. The application must be stopped: a running
 * server keeps the old file open and would go on writing to it. Without `force` nothing changes.
 * The database that was there is kept beside it as <target>.before-restore-<stamp> (with its WAL).
 */
export function restoreDatabase(file: string, target: string, options: { force: boolean; now?: Date }): RestoreResult {
  const check = checkBackup(file);
  if (!check.ok) return check;
  if (!options.force) return { ok: false, problems: ["refused without --force: stop the application first, then run the restore again with --force"] };
  const stamp = backupFileName(options.now ?? new Date()).replace(/^crm-|\.db$/g, "");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const incoming = `${target}.restoring`;
  fs.copyFileSync(file, incoming);
  fs.chmodSync(incoming, 0o600);
  let previous: string | null = null;
  if (fs.existsSync(target)) {
    previous = `${target}.before-restore-${stamp}`;
    fs.renameSync(target, previous);
  }
  // The old WAL and shared-memory files belong to the old database: left in place, SQLite would
  // replay them onto the restored one.
  for (const suffix of ["-wal", "-shm"]) {
    if (fs.existsSync(target + suffix)) {
      if (previous) fs.renameSync(target + suffix, previous + suffix);
      else fs.rmSync(target + suffix);
    }
  }
  fs.renameSync(incoming, target);
  return { ok: true, counts: check.counts, previous };
}
