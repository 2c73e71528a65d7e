import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formDataToObject, zodFieldErrors } from "./forms";

const schema = z.object({
  id: z.coerce.number().int().positive().max(100),
  name: z.string().min(1).max(5),
  kind: z.discriminatedUnion("intent", [z.object({ intent: z.literal("a") }), z.object({ intent: z.literal("b") })]).optional(),
  email: z.string().email().max(100).optional(),
  keyed: z.string().max(3, "contact.tagsInvalid").optional(),
});

const errorsOf = (values: unknown) => {
  const result = schema.safeParse(values);
  if (result.success) throw new Error("expected a refusal");
  return zodFieldErrors(result.error);
};

describe("field errors are always catalogue keys", () => {
  it.each([
    ["a negative id", { id: "-1", name: "x" }, { id: "form.invalidNumber" }],
    ["an id past its maximum", { id: "101", name: "x" }, { id: "form.invalidNumber" }],
    ["an id that is text", { id: "abc", name: "x" }, { id: "form.invalidNumber" }],
    ["a missing field", { id: "1" }, { name: "form.required" }],
    ["an empty text", { id: "1", name: "" }, { name: "form.required" }],
    ["a text too long", { id: "1", name: "toolong" }, { name: "form.tooLong" }],
    ["a text where a list is expected", { id: "1", name: ["a", "b"] }, { name: "form.invalidChoice" }],
    ["an unknown discriminator", { id: "1", name: "x", kind: { intent: "c" } }, { "kind.intent": "form.invalidChoice" }],
    ["a bad e-mail", { id: "1", name: "x", email: "nope" }, { email: "form.invalidEmail" }],
    ["the schema's own key, kept", { id: "1", name: "x", keyed: "four" }, { keyed: "contact.tagsInvalid" }],
  ])("%s", (_name, values, expected) => {
    expect(errorsOf(values)).toEqual(expected);
  });
});

describe("formDataToObject", () => {
  it("keeps repeated names as arrays and never lets a field name reach the prototype", () => {
    const form = new FormData();
    for (const [k, v] of [["a", "1"], ["a", "2"], ["__proto__", "x"], ["__proto__", "y"], ["constructor", "c"], ["toString", "t"]]) form.append(k, v);
    const values = formDataToObject(form);
    expect(values).toEqual({ a: ["1", "2"], constructor: "c", toString: "t" });
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
  });
});
