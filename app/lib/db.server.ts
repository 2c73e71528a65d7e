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
 * import CLI). So each transaction, one at a time, and each single write outside a transaction
 * takes the lock with a BEGIN IMMEDIATE that never waits in SQLite, retried asynchronously
 * (withWriteLockTaken). An earlier version first probed whether the lock was free and then began
 * with the busy timeout on: when another process took the lock between the two, the BEGIN waited
 * synchronously, and the soak saw pages stall for up to 0.8 s behind the import.
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
    // The adapter's own BEGIN: the transaction was already begun by withWriteLockTaken below.
    const begun = { run: () => ({ changes: 0, lastInsertRowid: 0 }) };
    client.prepare = ((sql: string) => (sql === "BEGIN" ? (client.inTransaction ? begun : prepare("BEGIN IMMEDIATE")) : prepare(sql))) as typeof client.prepare;
    const start = txAdapter.startTransaction.bind(adapter);
    let tail: Promise<void> = Promise.resolve();
    txAdapter.startTransaction = async (level) => {
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const previous = tail;
      tail = previous.then(() => mine);
      await previous;
      try {
        let tx: AdapterTransaction;
        try {
          tx = await withWriteLockTaken(client, () => start(level));
        } catch (error) {
          if (client.inTransaction) client.exec("ROLLBACK");
          throw error;
        }
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
    for (const method of ["queryRaw", "executeRaw"] as const) {
      const run = txAdapter[method].bind(adapter);
      txAdapter[method] = async (query) => {
        if (!WRITE_SQL.test(query.sql) || client.inTransaction) return run(query);
        // A single write outside a transaction: its own IMMEDIATE transaction, begun without
        // blocking. The adapter runs the statement synchronously when called, so BEGIN, the
        // statement and COMMIT happen with nothing else in between on this connection; a statement
        // that fails has already been undone by SQLite, and the empty transaction commits.
        return withWriteLockTaken(
          client,
          () => {
            try {
              return run(query);
            } finally {
              if (client.inTransaction) client.exec("COMMIT");
            }
          },
          // A transaction opened on this connection meanwhile holds the lock: the write joins it,
          // as every query on the connection does while it is open.
          () => run(query),
        );
      };
    }
    return adapter;
  };
  return factory;
}

/**
 * BEGIN IMMEDIATE now if no other connection holds the write lock; false (and nothing begun) if
 * one does. Never waits: SQLite's busy handler sleeps synchronously, which would stop every page
 * this process serves for as long as another process (an import, a sweep) keeps the lock.
 */
function tryBeginImmediate(client: Database.Database): boolean {
  client.pragma("busy_timeout = 0");
  try {
    client.exec("BEGIN IMMEDIATE");
    return true;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) return false;
    throw error;
  } finally {
    client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * Begins an IMMEDIATE transaction on this connection and calls `begun` in the same tick, so
 * nothing else runs on the connection in between. While another process holds the write lock it
 * retries without blocking the event loop, announcing this process as a waiting writer so bulk
 * writers leave the lock free for a moment. Taking the lock is the test: there is no moment
 * between "the lock is free" and BEGIN in which another process could take it. Past the busy
 * timeout, one last BEGIN may wait (and fail) in SQLite. When a transaction of this connection is
 * open, `joinOpen` runs inside it; without `joinOpen` the wait goes on until it ends.
 */
async function withWriteLockTaken<T>(client: Database.Database, begun: () => T, joinOpen?: () => T): Promise<T> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let wait = 1; ; wait = Math.min(wait * 2, 16)) {
    const ownTransactionOpen = client.inTransaction;
    if (ownTransactionOpen) {
      // This connection's own transaction (begun while we waited) holds the lock.
      if (joinOpen) return joinOpen();
    } else if (tryBeginImmediate(client)) return begun();
    if (Date.now() > deadline) {
      if (ownTransactionOpen) throw new Error("a transaction on this connection stayed open past the busy timeout");
      client.exec("BEGIN IMMEDIATE");
      return begun();
    }
    if (!ownTransactionOpen) announceWaitingWriter();
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
