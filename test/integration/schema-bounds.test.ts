import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";

/**
 * Every string a form or query can send is bounded (a 1 MB "name" is refused by the schema, not by
 * the database or the renderer). Walks every export of every *.schema.ts file through the zod
 * wrappers and lists each string field without a maximum length.
 */
function schemaFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return schemaFiles(full);
    return entry.name.endsWith(".schema.ts") ? [full] : [];
  });
}

/** Paths ("field.sub[]") of string schemas with no "max" (or exact "length") check. */
function unboundedStrings(schema: z.ZodTypeAny, at: string, lazies = new Set<unknown>()): string[] {
  const def = schema._def as { typeName?: string } & Record<string, unknown>;
  const walk = (inner: unknown, where = at) => unboundedStrings(inner as z.ZodTypeAny, where, lazies);
  switch (def.typeName) {
    case z.ZodFirstPartyTypeKind.ZodString: {
      const checks = (def.checks as { kind: string }[]) ?? [];
      return checks.some((c) => c.kind === "max" || c.kind === "length") ? [] : [at];
    }
    case z.ZodFirstPartyTypeKind.ZodObject:
      return Object.entries((schema as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>).flatMap(([key, value]) => walk(value, at ? `${at}.${key}` : key));
    case z.ZodFirstPartyTypeKind.ZodEffects:
      return walk(def.schema);
    case z.ZodFirstPartyTypeKind.ZodOptional:
    case z.ZodFirstPartyTypeKind.ZodNullable:
    case z.ZodFirstPartyTypeKind.ZodDefault:
    case z.ZodFirstPartyTypeKind.ZodCatch:
    case z.ZodFirstPartyTypeKind.ZodReadonly:
      return walk(def.innerType);
    case z.ZodFirstPartyTypeKind.ZodBranded:
      return walk(def.type);
    case z.ZodFirstPartyTypeKind.ZodLazy:
      // A recursive schema is walked once.
      if (lazies.has(schema)) return [];
      lazies.add(schema);
      return walk((def.getter as () => unknown)());
    case z.ZodFirstPartyTypeKind.ZodPipeline:
      return [...walk(def.in), ...walk(def.out)];
    case z.ZodFirstPartyTypeKind.ZodArray:
      return walk(def.type, `${at}[]`);
    case z.ZodFirstPartyTypeKind.ZodSet:
      return walk(def.valueType, `${at}[]`);
    case z.ZodFirstPartyTypeKind.ZodRecord:
    case z.ZodFirstPartyTypeKind.ZodMap:
      return [...walk(def.keyType, `${at}{key}`), ...walk(def.valueType, `${at}{}`)];
    case z.ZodFirstPartyTypeKind.ZodTuple:
      return (def.items as unknown[]).flatMap((item, i) => walk(item, `${at}[${i}]`));
    case z.ZodFirstPartyTypeKind.ZodUnion:
    case z.ZodFirstPartyTypeKind.ZodDiscriminatedUnion:
      return [...(def.options as Iterable<unknown>)].flatMap((option) => walk(option));
    case z.ZodFirstPartyTypeKind.ZodIntersection:
      return [...walk(def.left), ...walk(def.right)];
    default:
      // Enums, literals, numbers, booleans, dates: bounded by nature.
      return [];
  }
}

const appDir = path.resolve("app");
const files = schemaFiles(appDir);

describe("every zod schema bounds its strings", () => {
  it("finds the schema files", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [path.relative(appDir, f), f]))("%s", async (_name, file) => {
    const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const schemas = Object.entries(module).filter(([, value]) => value instanceof z.ZodType) as [string, z.ZodTypeAny][];
    const unbounded = schemas.flatMap(([name, schema]) => unboundedStrings(schema, "").map((at) => `${name}${at ? `.${at}` : ""}`));
    expect(unbounded).toEqual([]);
  });

  it("notices an unbounded string behind the usual wrappers", () => {
    const sneaky = z.object({
      ok: z.string().max(10).optional(),
      inner: z.object({ name: z.string().trim().nullable().default(null) }),
      list: z.array(z.string()).max(3),
      piped: z.preprocess((v) => v, z.string().email()),
    });
    expect(unboundedStrings(sneaky, "")).toEqual(["inner.name", "list[]", "piped"]);
  });
});
