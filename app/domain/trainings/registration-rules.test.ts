import { describe, expect, it } from "vitest";
import { certificateEligible, holdsSeat, placeForNewRegistration, promotions, registrationOnErasure, statusFromAttendance } from "./registration-rules";

describe("placeForNewRegistration", () => {
  it.each([
    [0, 3, null, { status: "registered", waitlistPosition: null }],
    [2, 3, null, { status: "registered", waitlistPosition: null }],
    [3, 3, null, { status: "waitlisted", waitlistPosition: 1 }],
    [3, 3, 4, { status: "waitlisted", waitlistPosition: 5 }],
    // Capacity lowered below the seats already given: nobody loses a seat, newcomers wait.
    [5, 3, null, { status: "waitlisted", waitlistPosition: 1 }],
  ] as const)("%i of %i seats taken, last waiting %s", (taken, capacity, last, expected) => {
    expect(placeForNewRegistration(taken, capacity, last)).toEqual(expected);
  });
});

describe("promotions", () => {
  it.each([
    [2, 3, 5, 1],
    [3, 3, 5, 0],
    [0, 3, 2, 2],
    [5, 3, 2, 0],
    [1, 3, 0, 0],
  ])("%i taken of %i with %i waiting → %i promoted", (taken, capacity, waiting, expected) => {
    expect(promotions(taken, capacity, waiting)).toBe(expected);
  });
});

describe("holdsSeat", () => {
  it.each([
    ["registered", true], ["attended", true], ["no-show", true], ["waitlisted", false], ["cancelled", false],
  ])("%s → %s", (status, expected) => expect(holdsSeat(status)).toBe(expected));
});

describe("statusFromAttendance", () => {
  it.each([
    [[], "registered"],
    [["attended"], "attended"],
    [["no-show"], "no-show"],
    [["no-show", "attended"], "attended"],
    [["no-show", "no-show"], "no-show"],
  ] as const)("%j → %s", (marks, expected) => expect(statusFromAttendance(marks)).toBe(expected));
});

describe("certificateEligible", () => {
  it.each([
    ["attended", ["attended", "attended"], 2, true],
    ["attended", ["attended"], 2, false],
    ["attended", ["attended", "no-show"], 2, false],
    ["no-show", ["no-show"], 1, false],
    ["registered", [], 1, false],
    ["cancelled", ["attended"], 1, false],
    ["attended", [], 0, false],
  ] as const)("%s with %j of %i sessions → %s", (status, marks, sessions, expected) => {
    expect(certificateEligible(status, marks, sessions)).toBe(expected);
  });
});

describe("registrationOnErasure", () => {
  it.each([
    ["waitlisted", 0, false, "remove"],
    ["waitlisted", 0, true, "remove"],
    ["cancelled", 0, true, "remove"],
    // Marked at a session before cancelling: the mark is part of that session's count.
    ["cancelled", 1, false, "keep"],
    ["attended", 2, true, "keep"],
    ["no-show", 1, true, "keep"],
    ["attended", 1, false, "keep"],
    ["registered", 0, true, "keep"],
    ["registered", 0, false, "free-seat"],
  ] as const)("%s with %i marks, training over: %s → %s", (status, marks, over, expected) => {
    expect(registrationOnErasure(status, marks, over)).toBe(expected);
  });
});
