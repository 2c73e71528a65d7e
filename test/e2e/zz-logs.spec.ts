import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO_STAFF } from "../../prisma/factories";
import { E2E_SERVER_LOG } from "../playwright.config";

// Named to run last (one worker, files in name order): by now every other spec has signed in,
// searched, imported and mailed through the server whose output is in E2E_SERVER_LOG.
const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i;

test("the server's output after start-up holds structured request lines and no e-mail address", () => {
  const log = fs.readFileSync(path.resolve(E2E_SERVER_LOG), "utf8");
  const lines = log.split("\n");
  // Before this line is the start-up banner for the operator (first admin and demo accounts), by design.
  const serving = lines.findIndex((l) => l.startsWith("Serving http://"));
  expect(serving).toBeGreaterThanOrEqual(0);
  const after = lines.slice(serving + 1).filter((l) => l.trim());

  const requests = after.flatMap((l) => {
    try {
      const entry = JSON.parse(l) as Record<string, unknown>;
      return typeof entry.method === "string" && typeof entry.path === "string" && typeof entry.status === "number" ? [entry] : [];
    } catch {
      return [];
    }
  });
  expect(requests.length).toBeGreaterThan(50);
  // Sign-in posts went through (as /login.data with single fetch), and were logged without their bodies.
  expect(requests.some((r) => r.method === "POST" && /^\/login(\.data)?$/.test(String(r.path)))).toBe(true);
  // Paths only: query strings (searches, redirectTo) never reach the log.
  expect(requests.filter((r) => String(r.path).includes("?"))).toEqual([]);

  const withEmail = after.filter((l) => EMAIL.test(l));
  expect(withEmail).toEqual([]);
  const body = after.join("\n");
  for (const staff of DEMO_STAFF) expect(body).not.toContain(staff.email);
  expect(body).not.toContain("tess.twostep@example.com");
});
