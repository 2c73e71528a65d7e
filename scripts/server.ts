import crypto from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";

/**
 * The HTTP server in front of Remix: security headers with a per-response CSP nonce, refusal of
 * cross-origin writes, the client IP handed to the app, static assets and structured request logs
 * that hold no personal data (no query strings, no bodies).
 */
export async function createApp({ dev }: { dev: boolean }) {
  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY === "1") app.set("trust proxy", true);

  app.use(requestLog);
  app.use(securityHeaders(dev));
  app.use(refuseForeignOrigin);
  app.use(limitFormBodies);
  app.use((req, _res, next) => {
    // Only the server sets this header; whatever a client sent is replaced.
    req.headers["x-crm-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "";
    next();
  });

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    app.use(viteServer.middlewares);
    build = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    const buildDir = path.resolve("build");
    app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(filesOnly(express.static(path.join(buildDir, "client"), { maxAge: "1h" })));
    build = (await import(path.join(buildDir, "server/index.js"))) as ServerBuild;
  }
  app.use(filesOnly(express.static("public", { maxAge: "1h" })));
  app.all("*", createRequestHandler({ build, getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }) }));
  return app;
}

/**
 * Static files all have an extension (favicon.svg, assets/*.js); pages never do. Only requests for
 * a file reach the static handler, so a page costs no file-system look-ups.
 */
export function filesOnly(serve: express.RequestHandler): express.RequestHandler {
  return (req, res, next) => (path.extname(req.path) ? serve(req, res, next) : next());
}

export function securityHeaders(dev: boolean) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const csp = [
      "default-src 'self'",
      dev ? "script-src 'self' 'unsafe-inline'" : `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      dev ? "connect-src 'self' ws:" : "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; ");
    res.setHeader("Content-Security-Policy", csp);
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Writes from another site are refused (CSRF defence on top of SameSite=Lax cookies). */
export function refuseForeignOrigin(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const origin = req.headers.origin;
  const site = req.headers["sec-fetch-site"];
  let foreign = site === "cross-site";
  if (origin && origin !== "null") {
    try {
      foreign ||= new URL(origin).host !== req.headers.host;
    } catch {
      foreign = true;
    }
  } else if (origin === "null") {
    foreign = true;
  }
  if (foreign) {
    res.status(403).type("text/plain").send("Cross-origin request refused");
    return;
  }
  next();
}

/** Plain form posts are small; only multipart uploads (lead files, photos) may be large, and those routes cap their own parts. */
export const MAX_FORM_BODY_BYTES = 2 * 1024 * 1024;
export function limitFormBodies(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const type = req.headers["content-type"] ?? "";
  const length = Number(req.headers["content-length"] ?? 0);
  if (!type.startsWith("multipart/form-data") && length > MAX_FORM_BODY_BYTES) {
    res.status(413).type("text/plain").send("Request body too large");
    return;
  }
  next();
}

function requestLog(req: Request, res: Response, next: NextFunction) {
  const start = process.hrtime.bigint();
  res.on("finish", () => {
    if (process.env.REQUEST_LOG === "0") return;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    // Path only: query strings can hold search terms such as e-mail addresses.
    const line = { t: new Date().toISOString(), method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 };
    process.stdout.write(JSON.stringify(line) + "\n");
  });
  next();
}
