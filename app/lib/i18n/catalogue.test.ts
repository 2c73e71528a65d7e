import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogue } from "./catalogue";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".test.ts") ? [full] : [];
  });
}

describe("the catalogue", () => {
  it("has every text in en, nl and fr", () => {
    const missing = Object.entries(catalogue).flatMap(([key, texts]) =>
      (["en", "nl", "fr"] as const).filter((l) => !texts[l]?.trim()).map((l) => `${key} (${l})`),
    );
    expect(missing).toEqual([]);
  });

  it("uses the same placeholders in every language", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort().join(",");
    const mismatched = Object.entries(catalogue).filter(([, t]) => placeholders(t.en) !== placeholders(t.nl) || placeholders(t.en) !== placeholders(t.fr));
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });

  it("holds every literal key the app translates", () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.resolve("app"))) {
      const source = fs.readFileSync(file, "utf8");
      for (const m of source.matchAll(/\bt\(\s*"([a-zA-Z][\w.-]*\.[\w.-]+)"/g)) used.add(m[1]);
    }
    expect([...used].filter((k) => !(k in catalogue))).toEqual([]);
    expect(used.size).toBeGreaterThan(50);
  });
});
