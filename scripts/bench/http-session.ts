// What the HTTP benchmarks (http.ts, soak.ts) share: a free local port for the server, and a
// staff session opened through the real sign-in form.
import http from "node:http";
import net from "node:net";
import path from "node:path";

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Signs in through the /login form; the session cookie, or why it failed. */
export async function signInThroughForm(origin: string, email: string, password: string): Promise<{ ok: true; cookie: string } | { ok: false; message: string }> {
  const res = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, redirectTo: "/contacts" }),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (res.status < 300 || res.status >= 400 || !cookie) return { ok: false, message: `Sign-in as ${email} failed: HTTP ${res.status}` };
  const location = res.headers.get("location");
  if (location !== "/contacts") return { ok: false, message: `Sign-in as ${email} led to ${location} (password change or two-step sign-in?)` };
  return { ok: true, cookie };
}

/** A person's pause between two requests: 0.5–1.5 × `thinkMs` (none when 0), from the client's own random source. */
export function thinkTime(thinkMs: number, random: () => number): Promise<void> {
  if (thinkMs <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + random())));
}

/** How the report names the pacing. */
export function pacingLabel(thinkMs: number): string {
  return thinkMs ? `pausing ${thinkMs * 0.5}–${thinkMs * 1.5} ms between requests` : "no pause between requests";
}

/** Node options that make the server (and each of its server processes) write a V8 CPU profile into `dir`. */
export function cpuProfileArgs(dir: string | undefined): string[] {
  return dir ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(dir)] : [];
}

/**
 * A light HTTP client for the timed runs: node:http over kept-alive sockets (one per concurrent
 * client), the body read and dropped. fetch (undici) costs more of the load generator's CPU, which
 * it takes from the server it measures on the same two cores. A form is posted with the Origin
 * header a browser sends (the server refuses cross-origin writes).
 */
export function pageClient(origin: string, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(origin);
  type Answer = { status: number; ms: number; location: string | null };
  return {
    send(path: string, cookie: string, form?: URLSearchParams): Promise<Answer> {
      const start = performance.now();
      const body = form?.toString();
      const headers: http.OutgoingHttpHeaders = body === undefined
        ? { Cookie: cookie }
        : { Cookie: cookie, Origin: origin, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) };
      return new Promise((resolve, reject) => {
        const req = http.request({ agent, hostname, port, path, method: body === undefined ? "GET" : "POST", headers }, (res) => {
          res.on("data", () => {});
          res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - start, location: res.headers.location ?? null }));
          res.on("error", reject);
        });
        req.on("error", reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
