// `npm run bench [-- --contacts 1000000] [--db ./data/bench.db] [--runs 200] [--saves 50] [--clients 10] [--seconds 20] [--requests 2000]`
// The contacts benchmark: in-process database times (contacts.ts), then the pages over HTTP with
// concurrent clients (http.ts), on a big benchmark database — made with seed:big when it is missing.
// Needs the production build (`npx remix vite:build`) for the HTTP part.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

const { values } = parseArgs({
  options: {
    contacts: { type: "string", default: "1000000" },
    db: { type: "string", default: "./data/bench.db" },
    runs: { type: "string" },
    saves: { type: "string" },
    clients: { type: "string" },
    seconds: { type: "string" },
    requests: { type: "string" },
  },
});
const file = path.resolve(values.db);
const wanted = Number(values.contacts);
const tsx = path.resolve("node_modules/.bin/tsx");
const env = { ...process.env };
const run = (script: string, args: string[]) => {
  const result = spawnSync(tsx, [script, ...args], { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n${script} failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
};
const option = (name: "runs" | "saves" | "clients" | "seconds" | "requests") => (values[name] ? [`--${name}`, values[name]!] : []);

if (!fs.existsSync(path.resolve("build/server/index.js"))) {
  console.error("The HTTP part needs the production build: run `npx remix vite:build` first.");
  process.exit(1);
}
if (!fs.existsSync(file)) {
  // The demo staff get this password, so the HTTP part can sign in as one of them.
  env.DEMO_PASSWORD ||= crypto.randomBytes(12).toString("base64url");
  console.log(`${file} does not exist: seeding ${wanted.toLocaleString("en")} contacts with seed:big first.`);
  console.log(`This takes a few minutes (about 3–5 min for 1,000,000 contacts on 2 cores; ~1.5 GB on disk) and happens once.\n`);
  run("scripts/seed-big.ts", ["--contacts", String(wanted), "--db", values.db]);
} else {
  const database = new Database(file, { readonly: true });
  const held = Number(database.prepare(`SELECT count(*) FROM "Contact"`).pluck().get());
  database.close();
  if (held < wanted * 0.95) {
    console.log(`Note: ${file} holds ${held.toLocaleString("en")} contacts, not ${wanted.toLocaleString("en")}: measuring it as it is.`);
    console.log(`For the ${wanted.toLocaleString("en")}-contact figures, delete it (or pass --db <new file>) and run again.\n`);
  }
}

run("scripts/bench/contacts.ts", ["--db", values.db, ...option("runs"), ...option("saves")]);
console.log("");
run("scripts/bench/http.ts", ["--db", values.db, ...option("clients"), ...option("seconds"), ...option("requests")]);
