import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";

// `npm start` serves with one server process per core (WEB_CONCURRENCY, ADR 024). This starts its
// own server with two, on a fresh database, and checks what they must share and how they stop.
const PORT = 3197;
const RATE_LIMIT = 6;

/** A request on a new connection each time, so the cluster hands them to both server processes in turn. */
function request(method: string, pathname: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: PORT, method, path: pathname, agent: false, headers: body ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } : {} },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const childPids = (pid: number) =>
  execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).split("\n").map((s) => Number(s.trim())).filter(Boolean);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** `npm start`'s script with two server processes on a fresh database in `dir`; `output()` is all it printed so far. */
function startServer(dir: string) {
  let text = "";
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: path.resolve(path.dirname(new URL(import.meta.url).pathname), "../.."),
    env: {
      ...process.env, NODE_ENV: "production", PORT: String(PORT), HOST: "127.0.0.1", WEB_CONCURRENCY: "2",
      DATA_DIR: dir, DATABASE_URL: `file:${path.join(dir, "crm.db")}`, SEED_DEMO: "0", REQUEST_LOG: "0",
      ADMIN_INITIAL_PASSWORD: "processes-admin-pass", LOGIN_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  server.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { server, output: () => text };
}

test("two server processes share sign-in limits, a stopped one is replaced (and what it was running recovered), and stopping npm start stops them all", async () => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-processes-"));
  const { server, output } = startServer(dir);
  try {
    await expect.poll(output, { timeout: 90_000 }).toContain(`Serving http://localhost:${PORT} (production, 2 server processes)`);
    const workers = childPids(server.pid!);
    expect(workers).toHaveLength(2);

    // Sign-in attempts from one address are counted together, whichever process answers each one:
    // with a count per process, twice the limit would get through.
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 4; i++) {
      const body = new URLSearchParams({ email: "nobody@example.test", password: `wrong-${i}` }).toString();
      statuses.push((await request("POST", "/login", body)).status);
    }
    expect(statuses.slice(0, RATE_LIMIT)).toEqual(Array(RATE_LIMIT).fill(401));
    expect(statuses.slice(RATE_LIMIT)).toEqual([429, 429, 429, 429]);

    // An import the dying process was running (its heartbeat already stale) is rolled back once it
    // has stopped, not only at the next start.
    const database = new Database(path.join(dir, "crm.db"));
    database.pragma("busy_timeout = 5000");
    const stale = new Date(Date.now() - 5 * 60_000).toISOString().replace("Z", "+00:00");
    const batchId = Number(
      database.prepare(`INSERT INTO "ImportBatch" ("staffId", "fileName", "status", "heartbeatAt", "startedAt", "createdAt") VALUES (1, 'left-running.csv', 'running', ?, ?, ?)`)
        .run(stale, stale, stale).lastInsertRowid,
    );
    const batchStatus = () => (database.prepare(`SELECT status, error FROM "ImportBatch" WHERE id = ?`).get(batchId) as { status: string; error: string | null });

    // A server process that dies is replaced, and pages keep being served meanwhile.
    process.kill(workers[0], "SIGKILL");
    await expect.poll(output, { timeout: 30_000 }).toContain(`Server process ${workers[0]} stopped (SIGKILL)`);
    await expect.poll(() => childPids(server.pid!).filter((pid) => !workers.includes(pid)).length, { timeout: 60_000 }).toBe(1);
    for (let i = 0; i < 6; i++) expect((await request("GET", "/login")).status).toBe(200);
    await expect.poll(() => batchStatus(), { timeout: 30_000 }).toEqual({ status: "failed", error: "INTERRUPTED" });
    database.close();

    // Stopping npm start stops every server process.
    const all = childPids(server.pid!);
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
    await expect.poll(() => all.filter(alive).length, { timeout: 10_000 }).toBe(0);
  } finally {
    if (server.exitCode === null) server.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("server processes that keep stopping make npm start give up with a failure exit code", async () => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-processes-"));
  // The port is taken: every server process stops as soon as it tries to listen.
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(PORT, "127.0.0.1", resolve));
  const { server, output } = startServer(dir);
  try {
    const code = await new Promise<number | null>((resolve) => server.once("exit", (c) => resolve(c)));
    expect(output()).toContain("Server processes keep stopping; giving up.");
    expect(code).toBe(1);
  } finally {
    if (server.exitCode === null) server.kill("SIGKILL");
    await new Promise((resolve) => blocker.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
