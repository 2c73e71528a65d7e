import { describe, expect, it } from "vitest";
import { InFileKeys } from "./in-file-keys";

describe("InFileKeys", () => {
  it("tells seen from unseen keys, and a contact not written yet (null) from one written", () => {
    const keys = new InFileKeys();
    expect(keys.has("email:ann@example.be")).toBe(false);
    expect(keys.get("email:ann@example.be")).toBeUndefined();
    keys.set("email:ann@example.be", null);
    expect(keys.has("email:ann@example.be")).toBe(true);
    expect(keys.get("email:ann@example.be")).toBeNull();
    keys.set("email:ann@example.be", 42);
    expect(keys.get("email:ann@example.be")).toBe(42);
    expect(keys.size).toBe(1);
    expect(keys.has("email:ann@example.b")).toBe(false);
    expect(keys.has("name:ann|peeters|")).toBe(false);
  });

  it("agrees with a Map over half a million keys of a trade-fair file, through several resizes", () => {
    const keys = new InFileKeys(16);
    const reference = new Map<string, number | null>();
    for (let i = 0; i < 250_000; i++) {
      const email = `email:visitor.${i}@salon-${i % 97}.be`;
      const name = `name:first${i % 5000}|last${Math.floor(i / 5000)}|company ${i % 31}`;
      const value = i % 3 === 0 ? null : i + 1;
      keys.set(email, value);
      reference.set(email, value);
      keys.set(name, i);
      reference.set(name, i);
    }
    expect(keys.size).toBe(reference.size);
    for (const [key, value] of reference) {
      if (keys.get(key) !== value) expect({ key, got: keys.get(key) }).toEqual({ key, got: value });
    }
    let falsePositives = 0;
    for (let i = 0; i < 250_000; i++) if (keys.has(`email:visitor.${i}@salon-${i % 97}.nl`)) falsePositives++;
    expect(falsePositives).toBe(0);
  });
});
