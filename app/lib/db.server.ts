import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../prisma/generated/client";
import { config, databaseFile } from "./config.server";
import { stopCheckpointer } from "./wal-checkpointer.server";
import { announceWaitingWriter } from "./writer-courtesy.server";

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
 * Starting every Prisma transaction with BEGIN IMMEDIATE takes the write lock first.
 *
 * better-sqlite3 is synchronous: a BEGIN IMMEDIATE that waits under busy_timeout stops this whole
 * process — every page of every staff member — until the other writer lets go (seconds, behind an
 * import CLI). So each transaction first waits for the lock asynchronously (waitForWriteLock), one
 * transaction at a time, and only then begins.
 */
type AdapterTransaction = { commit(): Promise<void>; rollback(): Promise<void> };
type AdapterQuery = { sql: string };
type TransactionAdapter = {
  client: Database.Database;
  startTransaction(level?: string): Promise<AdapterTransaction>;
  queryRaw(query: AdapterQuery): Promise<unknown>;
  executeRaw(query: AdapterQuery): Promise<unknown>;
};
/** A statement that needs the write lock (Prisma's create runs as INSERT … RETURNING through queryRaw). */
const WRITE_SQL = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;

function immediateTransactions(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const txAdapter = adapter as unknown as TransactionAdapter;
    const client = txAdapter.client;
    const prepare = client.prepare.bind(client);
    client.prepare = ((sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql)) as typeof client.prepare;
    const start = txAdapter.startTransaction.bind(adapter);
    let tail: Promise<void> = Promise.resolve();
    txAdapter.startTransaction = async (level) => {
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const previous = tail;
      tail = previous.then(() => mine);
      await previous;
      try {
        await waitForWriteLock(client);
        const tx = await start(level);
        let released = false;
        const finish = () => {
          if (released) return;
          released = true;
          release();
        };
        const commit = tx.commit.bind(tx);
        const rollback = tx.rollback.bind(tx);
        tx.commit = () => commit().finally(finish);
        tx.rollback = () => rollback().finally(finish);
        return tx;
      } catch (error) {
        release();
        throw error;
      }
    };
    // A write outside a transaction (a session touch, a sign-in counter) waits the same way.
    for (const method of ["queryRaw", "executeRaw"] as const) {
      const run = txAdapter[method].bind(adapter);
      txAdapter[method] = async (query) => {
        if (WRITE_SQL.test(query.sql)) await waitForWriteLock(client);
        return run(query);
      };
    }
    return adapter;
  };
  return factory;
}

/** True when the write lock could be taken right now (taken and given back at once). */
function writeLockFree(client: Database.Database): boolean {
  if (client.inTransaction) return true;
  client.pragma("busy_timeout = 0");
  try {
    client.exec("BEGIN IMMEDIATE");
    client.exec("ROLLBACK");
    return true;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) return false;
    throw error;
  } finally {
    client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * Waits without blocking the event loop until no other connection holds the write lock. Past the
 * busy timeout it returns anyway and the BEGIN's own busy timeout decides.
 */
async function waitForWriteLock(client: Database.Database): Promise<void> {
  // Inside an open transaction this connection holds the lock already.
  if (client.inTransaction) return;
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let wait = 1; !writeLockFree(client); wait = Math.min(wait * 2, 16)) {
    if (Date.now() > deadline) return;
    announceWaitingWriter();
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
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
