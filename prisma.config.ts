import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// Prisma 6.19 Rust-free setup: the JS engine with the better-sqlite3 driver adapter, so no
// engine binary is ever downloaded (see docs/decisions/002-prisma-js-engine-and-migrations.md).
const url = process.env.DATABASE_URL ?? "file:./data/crm.db";
process.env.DATABASE_URL = url;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    return new PrismaBetterSQLite3({ url });
  },
});
