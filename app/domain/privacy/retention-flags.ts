import { calendarDaysBetween } from "./dates";

/**
 * Which of a contact's processing records have outlived their retention (Art. 5(1)(e)).
 *
 * This only says what a manager must review. Nothing here deletes: erasing, extending or putting
 * under legal hold is a human decision, each one logged (no automated decisions, Art. 22).
 */

export type RetentionRecord = {
  purposeCode: string;
  /** Computed from the purpose's rule; null while the rule is open-ended ("until consent is withdrawn"). */
  retentionEndsAt: Date | null;
  legalHoldUntil?: Date | null;
  extendedUntil?: Date | null;
  /** When processing for this purpose stopped (consent withdrawn, contract ended). */
  endedAt?: Date | null;
};

export type RetentionReview = {
  /** Some record, or the contact as a whole, needs a manager's decision. */
  flagged: boolean;
  expired: string[];
  /** Every record has run out (or there is none): nothing left justifies keeping the contact. */
  allExpired: boolean;
  /** Oldest first: how long each purpose has been past its retention. */
  reasons: { purposeCode: string; since: Date }[];
};

const latest = (dates: (Date | null | undefined)[]): Date | null =>
  dates.reduce<Date | null>((max, d) => (d && (!max || d.getTime() > max.getTime()) ? d : max), null);

/**
 * When a record runs out, or null if it does not (yet). The computed retention date rules, also
 * for an ended record (files are kept 5 years after the contract ends); `endedAt` counts only for
 * an open-ended rule, where stopping the processing ends the reason to keep the data. A legal hold
 * or an extension pushes the moment later, never earlier.
 */
export function recordRunsOutAt(record: RetentionRecord): Date | null {
  const base = record.retentionEndsAt ?? record.endedAt ?? null;
  if (base === null) return null;
  return latest([base, record.extendedUntil, record.legalHoldUntil]);
}

/** By calendar day, like every other deadline here: a record ending on 15 June has run out on 15 June. */
export function retentionReview(records: readonly RetentionRecord[], today: Date): RetentionReview {
  const reasons = records
    .map((record) => ({ purposeCode: record.purposeCode, since: recordRunsOutAt(record) }))
    .filter((r): r is { purposeCode: string; since: Date } => r.since !== null && calendarDaysBetween(r.since, today) >= 0)
    .sort((a, b) => a.since.getTime() - b.since.getTime() || a.purposeCode.localeCompare(b.purposeCode));
  // A contact with no processing record breaks the rule that every contact has one; a person
  // must look at it rather than the sweep crash or skip it silently.
  const allExpired = reasons.length === records.length;
  return { flagged: reasons.length > 0 || records.length === 0, expired: reasons.map((r) => r.purposeCode), allExpired, reasons };
}
