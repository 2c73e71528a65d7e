import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../prisma/generated/client";
import { config, databaseFile } from "./config.server";
import { stopCheckpointer } from "./wal-checkpointer.server";

export type { Prisma } from "../../prisma/generated/client";
export type Db = PrismaClient;
/** What a domain operation receives inside `prisma.$transaction(async (tx) => …)`. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const BUSY_TIMEOUT_MS = 10_000;

type Handles = { prisma: PrismaClient; raw: Database.Database; ready: Promise<void> };
const globalForDb = globalThis as unknown as { __crmDb?: Handles };

/**
 * The better-sqlite3 adapter opens transactions with a plain (deferred) BEGIN: a transaction that
 * reads and then writes while another process (an import or sweep CLI) holds the write lock gets
 * SQLITE_BUSY at once instead of waiting (the busy timeout does not apply to a lock upgrade).
 * Starting every Prisma transaction with BEGIN IMMEDIATE takes the write lock first, so writers
 * queue under busy_timeout. SQLite has one writer anyway; reads outside transactions are unaffected.
 */
function immediateTransactions(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as { client: Database.Database }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = ((sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql)) as typeof client.prepare;
    return adapter;
  };
  return factory;
}

function open(): Handles {
  const prisma = new PrismaClient({
    adapter: immediateTransactions(new PrismaBetterSQLite3({ url: config.databaseUrl, timeout: BUSY_TIMEOUT_MS })),
    // One connection serves every transaction in turn; during an import's chunks a save may queue
    // for a while. Prisma's defaults (wait 2 s) turned that queue into 500s in the soak.
    transactionOptions: { maxWait: BUSY_TIMEOUT_MS, timeout: 30_000 },
  });
  // PRAGMAs are per connection; journal_mode=WAL is stored in the file.
  const ready = (async () => {
    await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await prisma.$executeRawUnsafe("PRAGMA synchronous = FULL");
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  })();
  // A second handle for hot bulk paths (search, counts, import, sweeps); WAL lets it read beside the writer.
  const raw = new Database(databaseFile());
  raw.pragma("journal_mode = WAL");
  raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  raw.pragma("synchronous = FULL");
  raw.pragma("foreign_keys = ON");
  return { prisma, raw, ready };
}

function handles(): Handles {
  if (!globalForDb.__crmDb) globalForDb.__crmDb = open();
  return globalForDb.__crmDb;
}

/** The Prisma client, with this connection's PRAGMAs applied. */
export async function db(): Promise<PrismaClient> {
  const h = handles();
  await h.ready;
  return h.prisma;
}

/** The raw better-sqlite3 handle. Only domain modules use it, for their own bulk SQL. */
export function rawDb(): Database.Database {
  return handles().raw;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A statement on the raw handle, prepared once per SQL text: bulk paths have few shapes and many calls. */
export function preparedStatement(sql: string, handle: Database.Database = rawDb()): Database.Statement {
  let cache = statements.get(handle);
  if (!cache) statements.set(handle, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = handle.prepare(sql)));
  return statement;
}

/** A named set of prepared statements (each from the same per-handle cache). */
export function preparedStatements<K extends string>(sqls: Record<K, string>, handle: Database.Database = rawDb()): Record<K, Database.Statement> {
  return Object.fromEntries(Object.entries(sqls).map(([key, sql]) => [key, preparedStatement(sql as string, handle)])) as Record<K, Database.Statement>;
}

const background = new Set<Promise<unknown>>();

/** Background database work of this process (e.g. index upkeep) that closeDb waits for. */
export function trackBackgroundWork(work: Promise<unknown>): void {
  background.add(work);
  void work.finally(() => background.delete(work)).catch(() => undefined);
}

export async function closeDb(): Promise<void> {
  while (background.size) await Promise.allSettled([...background]);
  const h = globalForDb.__crmDb;
  if (!h) return;
  globalForDb.__crmDb = undefined;
  stopCheckpointer();
  await h.prisma.$disconnect();
  h.raw.close();
}
