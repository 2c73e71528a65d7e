/**
 * Consent per purpose, derived from the append-only consent ledger (Art. 7).
 *
 * The ledger is never rewritten: a withdrawal is a new event, so the proof of the earlier consent
 * (when, how, the exact wording) stays available after it stops counting (Art. 7(1)).
 */

export const CONSENT_CHANNELS = ["form", "email", "verbal", "paper", "import"] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const CONSENT_KINDS = ["given", "withdrawn"] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export type ConsentEvent = {
  purposeCode: string;
  kind: ConsentKind;
  at: Date;
  channel: ConsentChannel;
  /** The exact wording or version shown when consent was given; null for a withdrawal. */
  wording: string | null;
};

export type ConsentState<E extends ConsentEvent = ConsentEvent> = {
  state: ConsentKind | "none";
  /** When the current state began: the first event of the latest unbroken run of the same kind. */
  since: Date | null;
  /** The most recent "given" event, also after a withdrawal: the proof of what was agreed. */
  lastGiven: E | null;
};

export const NO_CONSENT: ConsentState<never> = Object.freeze({ state: "none", since: null, lastGiven: null });

/**
 * The latest event by `at` decides; events at the same instant count in ledger order, so the later
 * one in the array wins (a withdrawal recorded right after a consent is not undone by it).
 * Events carrying more fields (id, recorded by) come back as they are in `lastGiven`.
 * Purposes in `purposeCodes` without any event appear as "none".
 */
export function consentStateByPurpose<E extends ConsentEvent>(
  events: readonly E[],
  purposeCodes: readonly string[] = [],
): Map<string, ConsentState<E>> {
  const ordered = events
    .map((event, index) => {
      if (!(event.at instanceof Date) || Number.isNaN(event.at.getTime())) {
        throw new TypeError(`consent event ${index} has no valid date`);
      }
      return { event, index };
    })
    .sort((a, b) => a.event.at.getTime() - b.event.at.getTime() || a.index - b.index);

  const states = new Map<string, ConsentState<E>>();
  for (const code of purposeCodes) states.set(code, NO_CONSENT);
  for (const { event } of ordered) {
    const previous = states.get(event.purposeCode) ?? NO_CONSENT;
    states.set(event.purposeCode, {
      state: event.kind,
      since: previous.state === event.kind ? previous.since : event.at,
      lastGiven: event.kind === "given" ? event : previous.lastGiven,
    });
  }
  return states;
}

/** The state of one purpose; a purpose never consented to is "none". */
export function consentStateOf<E extends ConsentEvent>(states: ReadonlyMap<string, ConsentState<E>>, purposeCode: string): ConsentState<E> {
  return states.get(purposeCode) ?? NO_CONSENT;
}

/**
 * Consent alone allows marketing mail only while it is given. The caller still checks the
 * suppression list and the restriction flag (Art. 18, 21(3)): either one overrides a consent.
 */
export function canMail(state: Pick<ConsentState, "state"> | undefined): boolean {
  return state?.state === "given";
}
