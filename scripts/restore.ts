import path from "node:path";
import { databaseFile } from "~/lib/config.server";
import { restoreDatabase } from "./backup-lib";

// `npm run restore -- <backup file> --force`: checks the backup, then replaces the database.
// Stop the application first: a running server keeps writing to the file it has open.
const args = process.argv.slice(2);
const force = args.includes("--force");
const file = args.find((a) => !a.startsWith("--"));
if (!file) {
  console.error("Usage: npm run restore -- <backup file> --force   (stop the application first)");
  process.exit(2);
}
const target = databaseFile();
const result = restoreDatabase(path.resolve(file), target, { force });
if (!result.ok) {
  console.error(`Not restored: ${path.basename(file)}\n${result.problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(`Restored ${path.basename(file)} into ${path.relative(process.cwd(), target)}.`);
if (result.previous) console.log(`The database it replaced is kept as ${path.relative(process.cwd(), result.previous)}.`);
console.log(`Rows: ${Object.entries(result.counts).map(([t, n]) => `${t} ${n}`).join(", ")}`);
console.log("Start the application again (npm start); it applies any newer migrations.");
