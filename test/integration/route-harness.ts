/**
 * Calls route loaders and actions the way Remix does (a Request, params, context) and turns
 * whatever comes back or is thrown — a Response, a `data()` value, a plain object — into one
 * outcome: status, redirect target, flash message and the messages a person would read.
 */
import path from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { readFlash, type Flash } from "~/lib/flash.server";
import { catalogue } from "~/lib/i18n/catalogue";
import { createSession, SESSION_COOKIE, validateSessionToken } from "~/lib/session.server";

type RouteFunction = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>;
export type RouteModule = { loader?: RouteFunction; action?: RouteFunction; default?: unknown };

export type Outcome = {
  status: number;
  location: string | null;
  flash: Flash | null;
  /** Field errors of a refused form: catalogue keys, as the page translates them. */
  fieldErrors: string[];
  /** Other texts meant for a person: form errors, messages, a text body. */
  messages: string[];
  /** The value a loader or action returned (plain object or `data()` payload). */
  payload: unknown;
  /** Set when something other than a Response or `data()` was thrown: a 500, a bug. */
  error: unknown;
};

const modules = new Map<string, Promise<RouteModule>>();
/** A route module by its file name in app/routes. */
export function routeModule(file: string): Promise<RouteModule> {
  let loaded = modules.get(file);
  if (!loaded) {
    loaded = import(/* @vite-ignore */ path.resolve("app/routes", file)) as Promise<RouteModule>;
    modules.set(file, loaded);
  }
  return loaded;
}

const tokens = new Map<number, string>();
/** A signed-in session cookie for a staff member: the last one while it is still valid, else a new one (a call may have signed out or ended it). */
export async function sessionCookieOf(staffId: number): Promise<string> {
  let token = tokens.get(staffId);
  if (!token || !(await validateSessionToken(token))) {
    token = (await createSession(staffId, { ip: "127.0.0.1", userAgent: "vitest" }, { twoFactorVerified: true })).token;
    tokens.set(staffId, token);
  }
  return `${SESSION_COOKIE}=${token}`;
}

export type Body = Record<string, string | string[]> | URLSearchParams | FormData | string;

export function makeRequest(url: string, options: { method?: "GET" | "POST"; cookie?: string | null; body?: Body } = {}): Request {
  const headers = new Headers({ "X-Crm-Client-Ip": "127.0.0.1" });
  if (options.cookie) headers.set("Cookie", options.cookie);
  if (options.method !== "POST") return new Request(new URL(url, "http://localhost"), { headers });
  let body: BodyInit;
  if (options.body instanceof FormData || options.body instanceof URLSearchParams) {
    body = options.body;
  } else if (typeof options.body === "string") {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    body = options.body;
  } else {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.body ?? {})) for (const v of [value].flat()) params.append(key, v);
    body = params;
  }
  return new Request(new URL(url, "http://localhost"), { method: "POST", headers, body });
}

function isDataWithInit(value: unknown): value is { type: string; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

function textsIn(value: unknown): { fieldErrors: string[]; messages: string[] } {
  if (typeof value === "string") return { fieldErrors: [], messages: [value] };
  if (typeof value !== "object" || value === null) return { fieldErrors: [], messages: [] };
  const v = value as Record<string, unknown>;
  const errors = v.errors && typeof v.errors === "object" ? Object.values(v.errors) : [];
  return {
    fieldErrors: errors.map((e) => (typeof e === "string" ? e : JSON.stringify(e))),
    messages: [v.message, v.formError].filter((m): m is string => typeof m === "string"),
  };
}

async function flashOf(headers: Headers): Promise<Flash | null> {
  const cookie = headers.getSetCookie().find((c) => c.startsWith("crm_flash="));
  if (!cookie) return null;
  return (await readFlash(new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0] } }))).flash;
}

async function fromResponse(response: Response): Promise<Outcome> {
  const type = response.headers.get("Content-Type") ?? "";
  // Always read the body: a streamed export left unread would keep its database cursor open.
  const text = response.body ? await response.text() : "";
  const texts = response.status < 400 ? textsIn(null) : type.includes("json") ? textsIn(JSON.parse(text)) : textsIn(text.trim() || null);
  return { status: response.status, location: response.headers.get("Location"), flash: await flashOf(response.headers), ...texts, payload: null, error: null };
}

/** Runs a loader or action and normalises its outcome. */
export async function settle(run: () => Promise<unknown>): Promise<Outcome> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    if (!(thrown instanceof Response) && !isDataWithInit(thrown)) {
      return { status: 500, location: null, flash: null, fieldErrors: [], messages: [], payload: null, error: thrown };
    }
    value = thrown;
  }
  if (value instanceof Response) return fromResponse(value);
  if (isDataWithInit(value)) {
    const status = value.init?.status ?? 200;
    const headers = new Headers(value.init?.headers);
    return { status, location: headers.get("Location"), flash: await flashOf(headers), ...textsIn(status >= 400 ? value.data : null), payload: value.data, error: null };
  }
  return { status: 200, location: null, flash: null, fieldErrors: [], messages: [], payload: value, error: null };
}

export async function callRoute(
  file: string,
  kind: "loader" | "action",
  url: string,
  options: { cookie?: string | null; params?: Record<string, string>; body?: Body } = {},
): Promise<Outcome> {
  const mod = await routeModule(file);
  const fn = mod[kind];
  if (!fn) throw new Error(`${file} has no ${kind}`);
  const request = makeRequest(url, { method: kind === "action" ? "POST" : "GET", cookie: options.cookie, body: options.body });
  return settle(() => fn({ request, params: options.params ?? {}, context: { cspNonce: "" } }));
}

/** A URL pattern with its params filled in ("/contacts/:contactId" → "/contacts/12"). */
export function fillUrl(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no fixture for param ${name}`);
    return params[name];
  }).replace("/*", "/no-such-page");
}

/** The params Remix would pass for a pattern. */
export function paramsOf(pattern: string, params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, name] of pattern.matchAll(/:(\w+)/g)) out[name] = params[name];
  if (pattern.endsWith("/*")) out["*"] = "no-such-page";
  return out;
}

const translations = new Set(Object.values(catalogue).flatMap((texts) => Object.values(texts)));

/** A key of the catalogue: what field errors and flash messages must be (the page translates them). */
export function isCatalogueKey(key: string): boolean {
  return key in catalogue;
}

/** A message a person can read: a catalogue key, an already translated text, or a short plain sentence (never markup or a stack). */
export function isReadable(message: string): boolean {
  if (isCatalogueKey(message) || translations.has(message)) return true;
  return /^[A-Z][^<>{}\n]{2,300}$/.test(message) && !/^[A-Z_]+$/.test(message) && !/Error:|\bat \//.test(message);
}
