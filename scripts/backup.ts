import path from "node:path";
import { databaseFile } from "~/lib/config.server";
import { backupDatabase } from "./backup-lib";

// `npm run backup`: a consistent copy of the live database (safe while the app runs) into
// BACKUP_DIR (./backups), keeping the newest BACKUP_KEEP (14). Run it from cron or a systemd timer.
const dir = path.resolve(process.env.BACKUP_DIR ?? "backups");
const keep = Number.parseInt(process.env.BACKUP_KEEP ?? "14", 10);
if (!Number.isSafeInteger(keep) || keep < 1) {
  console.error("BACKUP_KEEP must be a whole number of at least 1");
  process.exit(2);
}
const source = databaseFile();
const { file, removed } = await backupDatabase({ source, dir, keep });
console.log(`Backup written: ${path.relative(process.cwd(), file)}`);
if (removed.length) console.log(`Older backups removed (keeping ${keep}): ${removed.map((f) => path.basename(f)).join(", ")}`);
