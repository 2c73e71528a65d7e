import { describe, expect, it } from "vitest";
import { catalogue } from "~/lib/i18n/catalogue";
import { CONTACT_FIELDS } from "./header-mapping";
import { decodeReasons, encodeReasons, IMPORT_REASONS, reasonMessage } from "./import-reasons";

describe("import reasons", () => {
  it("each has a text in the catalogue (built at run time, so the literal-key test cannot see them)", () => {
    const missing = IMPORT_REASONS.flatMap((code) => [`import.reason.${code}`]).filter((key) => !(key in catalogue));
    expect(missing).toEqual([]);
    const fields = [...CONTACT_FIELDS, "ignore", "organisationId", "purpose.prospecting", "purpose.newsletter"].filter((f) => !(`import.field.${f}` in catalogue));
    expect(fields).toEqual([]);
  });

  it.each([
    [[], null],
    [[{ code: "PHONE_DROPPED" }], "PHONE_DROPPED"],
    [[{ code: "FIELD_TOO_LONG", field: "notes" }], "FIELD_TOO_LONG:notes"],
    [[{ code: "PHONE_DROPPED" }, { code: "LANGUAGE_DROPPED" }], "PHONE_DROPPED,LANGUAGE_DROPPED"],
    [[{ code: "UNDO_KEPT_CHANGED", field: "city" }, { code: "UNDO_KEPT_CHANGED", field: "purpose.newsletter" }], "UNDO_KEPT_CHANGED:city,UNDO_KEPT_CHANGED:purpose.newsletter"],
  ])("%j ⇄ %j", (reasons, stored) => {
    expect(encodeReasons(reasons)).toBe(stored);
    expect(decodeReasons(stored)).toEqual(reasons);
  });

  it.each([
    [{ code: "FIELD_TOO_LONG", field: "notes" }, { key: "import.reason.FIELD_TOO_LONG.field", fieldKey: "import.field.notes" }],
    [{ code: "EMAIL_INVALID", field: "email" }, { key: "import.reason.EMAIL_INVALID" }],
    [{ code: "UNDO_KEPT_CHANGED" }, { key: "import.reason.UNDO_KEPT_CHANGED" }],
  ])("%j is shown with %j", (reason, message) => {
    expect(reasonMessage(reason)).toEqual(message);
    expect(message.key in catalogue).toBe(true);
  });
});
