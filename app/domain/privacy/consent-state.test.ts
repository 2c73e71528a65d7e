import { describe, expect, it } from "vitest";
import { canMail, consentStateByPurpose, consentStateOf, NO_CONSENT, type ConsentEvent } from "./consent-state";

const ev = (purposeCode: string, kind: ConsentEvent["kind"], at: string, channel: ConsentEvent["channel"] = "form"): ConsentEvent => ({
  purposeCode,
  kind,
  at: new Date(at),
  channel,
  wording: kind === "given" ? `${purposeCode} wording v1` : null,
});

describe("consentStateByPurpose", () => {
  const given = ev("newsletter", "given", "2026-01-10T09:00:00Z");
  const withdrawn = ev("newsletter", "withdrawn", "2026-02-01T09:00:00Z", "email");
  const regiven = ev("newsletter", "given", "2026-03-01T09:00:00Z", "paper");

  it.each([
    ["nothing recorded", [], undefined],
    ["given", [given], { state: "given", since: given.at, lastGiven: given }],
    ["given, then withdrawn: the proof stays", [given, withdrawn], { state: "withdrawn", since: withdrawn.at, lastGiven: given }],
    ["withdrawn, then given again", [given, withdrawn, regiven], { state: "given", since: regiven.at, lastGiven: regiven }],
    ["decided by date, not by array order", [withdrawn, regiven, given], { state: "given", since: regiven.at, lastGiven: regiven }],
    ["a withdrawal with no earlier consent", [withdrawn], { state: "withdrawn", since: withdrawn.at, lastGiven: null }],
  ] as const)("%s", (_case, events, expected) => {
    expect(consentStateByPurpose(events).get("newsletter")).toEqual(expected);
  });

  it("keeps `since` at the start of a run while `lastGiven` follows the newest consent", () => {
    const renewed = { ...ev("newsletter", "given", "2026-06-01T00:00:00Z"), wording: "v2" };
    const state = consentStateByPurpose([given, renewed]).get("newsletter")!;
    expect(state.since).toEqual(given.at);
    expect(state.lastGiven).toBe(renewed);
  });

  it("at the same instant, the later event in the ledger wins", () => {
    const at = "2026-04-01T12:00:00Z";
    const g = ev("newsletter", "given", at);
    const w = ev("newsletter", "withdrawn", at);
    expect(consentStateByPurpose([g, w]).get("newsletter")!.state).toBe("withdrawn");
    expect(consentStateByPurpose([w, g]).get("newsletter")!.state).toBe("given");
  });

  it("keeps purposes apart and lists asked-for purposes with no events as none", () => {
    const states = consentStateByPurpose(
      [given, ev("visit-offer", "given", "2026-01-05T00:00:00Z"), withdrawn],
      ["newsletter", "inquiries"],
    );
    expect([...states.keys()].sort()).toEqual(["inquiries", "newsletter", "visit-offer"]);
    expect(states.get("newsletter")!.state).toBe("withdrawn");
    expect(states.get("visit-offer")!.state).toBe("given");
    expect(states.get("inquiries")).toEqual({ state: "none", since: null, lastGiven: null });
  });

  it("returns the caller's own event objects, extra fields included, and does not reorder the input", () => {
    const withId = { ...given, id: 7, recordedBy: 3 };
    const withdrawal = { ...withdrawn, id: 8, recordedBy: 3 };
    const input = [withdrawal, withId];
    const state = consentStateByPurpose(input).get("newsletter")!;
    expect(state.lastGiven?.id).toBe(7);
    expect(input[0]).toBe(withdrawal);
  });

  it("throws on an event without a valid date (a bug)", () => {
    expect(() => consentStateByPurpose([{ ...given, at: new Date("x") }])).toThrow(TypeError);
  });
});

describe("consentStateOf", () => {
  it("is none for a purpose never seen", () => {
    expect(consentStateOf(consentStateByPurpose([]), "newsletter")).toBe(NO_CONSENT);
  });
});

describe("canMail", () => {
  it.each([
    [{ state: "given" }, true],
    [{ state: "withdrawn" }, false],
    [{ state: "none" }, false],
    [undefined, false],
  ] as const)("%j → %s", (state, expected) => {
    expect(canMail(state)).toBe(expected);
  });
});
