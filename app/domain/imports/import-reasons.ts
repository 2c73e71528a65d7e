/**
 * Every reason or warning the import can give a person, as codes translated at the edge
 * (catalogue key `import.reason.<CODE>`), and the compact form kept in ImportRow.reason.
 */
import type { FileReason } from "./read-csv.server";
import type { MappingReason } from "./header-mapping";
import type { RejectReason, RowWarning } from "./row-outcome";

/** Why a file cannot be imported at all (reader reasons plus the upload's own). */
export type LeadFileReason = FileReason | "FILE_MISSING" | "FILE_TOO_LARGE" | "FILE_TOO_MANY_ROWS" | "UPLOAD_INCOMPLETE";
/** What the server adds to the pure row rules. */
export type ImportRowNote = "SUPPRESSED" | "DUPLICATE_IN_FILE" | "CONTACT_RESTRICTED" | "NEWSLETTER_WITHDRAWN" | "UNDO_KEPT_CHANGED";
/** Refusals of an operation on a batch or a trade fair. */
export type ImportOperationReason =
  | "MAPPING_OPT_IN_NEEDS_WORDING"
  | "MAPPING_COLUMNS_CHANGED"
  | "BATCH_NOT_PREVIEW"
  | "BATCH_NOT_RUNNING"
  | "BATCH_NOT_DONE"
  | "IMPORT_ALREADY_RUNNING"
  | "TRADE_FAIR_NAME_TAKEN"
  | "TRADE_FAIR_UNKNOWN"
  | "CONFLICT_ALREADY_RESOLVED"
  | "EMAIL_TAKEN"
  | "CONTACT_NOT_OWNER"
  | "CONTACT_ERASED"
  | "INTERRUPTED"
  | "FAILED"
  | "CANCELLED";

export type ImportReason = LeadFileReason | MappingReason | RejectReason | RowWarning | ImportRowNote | ImportOperationReason;

/** The full list, so a test can prove each has a text in every language. */
export const IMPORT_REASONS = [
  "FILE_EMPTY", "FILE_NOT_CSV", "ENCODING_UNSUPPORTED", "ROW_TOO_LARGE", "ABORTED", "FILE_MISSING", "FILE_TOO_LARGE",
  "FILE_TOO_MANY_ROWS", "UPLOAD_INCOMPLETE", "MAPPING_NEEDS_NAME_OR_EMAIL", "MAPPING_DUPLICATE_FIELD", "ROW_MALFORMED", "FIELD_TOO_LONG",
  "NO_NAME_NO_EMAIL", "EMAIL_INVALID", "PHONE_DROPPED", "LANGUAGE_DROPPED", "OPT_IN_UNRECOGNISED", "SUPPRESSED",
  "DUPLICATE_IN_FILE", "CONTACT_RESTRICTED", "NEWSLETTER_WITHDRAWN", "UNDO_KEPT_CHANGED", "MAPPING_OPT_IN_NEEDS_WORDING",
  "MAPPING_COLUMNS_CHANGED", "BATCH_NOT_PREVIEW", "BATCH_NOT_RUNNING", "BATCH_NOT_DONE", "IMPORT_ALREADY_RUNNING",
  "TRADE_FAIR_NAME_TAKEN", "TRADE_FAIR_UNKNOWN", "CONFLICT_ALREADY_RESOLVED", "EMAIL_TAKEN", "CONTACT_NOT_OWNER", "CONTACT_ERASED", "INTERRUPTED", "FAILED", "CANCELLED",
] as const satisfies readonly ImportReason[];

/** One reason as stored: the code, and the field it concerns when there is one ("FIELD_TOO_LONG:notes"). */
export type StoredReason = { code: string; field?: string };

/** Warnings and notes of one row, stored as "CODE[:field],CODE…" — short, and never personal values. */
export function encodeReasons(reasons: readonly StoredReason[]): string | null {
  if (reasons.length === 0) return null;
  return reasons.map((r) => (r.field ? `${r.code}:${r.field}` : r.code)).join(",");
}

export function decodeReasons(stored: string | null | undefined): StoredReason[] {
  if (!stored) return [];
  return stored.split(",").map((part) => {
    const [code, field] = part.split(":");
    return field ? { code, field } : { code };
  });
}

const REASONS_NAMING_A_FIELD = new Set(["FIELD_TOO_LONG", "UNDO_KEPT_CHANGED"]);

/** The catalogue key of a stored reason, and of the field it names when its text mentions one. */
export function reasonMessage(reason: StoredReason): { key: string; fieldKey?: string } {
  return reason.field && REASONS_NAMING_A_FIELD.has(reason.code)
    ? { key: `import.reason.${reason.code}.field`, fieldKey: `import.field.${reason.field}` }
    : { key: `import.reason.${reason.code}` };
}
