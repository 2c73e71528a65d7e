/**
 * Pure rules of training registrations: seats and the waiting list, the status that follows from
 * attendance, and who earns a certificate.
 */

export const REGISTRATION_STATUSES = ["registered", "waitlisted", "attended", "no-show", "cancelled"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const ATTENDANCE_STATUSES = ["attended", "no-show"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** A registration that holds a seat (waitlisted and cancelled ones do not). */
export function holdsSeat(status: string): boolean {
  return status === "registered" || status === "attended" || status === "no-show";
}

/** A new registration gets a seat while one is free, else the next place on the waiting list. */
export function placeForNewRegistration(
  seatsTaken: number,
  capacity: number,
  lastWaitlistPosition: number | null,
): { status: "registered"; waitlistPosition: null } | { status: "waitlisted"; waitlistPosition: number } {
  if (seatsTaken < capacity) return { status: "registered", waitlistPosition: null };
  return { status: "waitlisted", waitlistPosition: (lastWaitlistPosition ?? 0) + 1 };
}

/** How many people move up from the waiting list: the free seats, at most the people waiting. */
export function promotions(seatsTaken: number, capacity: number, waiting: number): number {
  return Math.max(0, Math.min(capacity - seatsTaken, waiting));
}

/**
 * The registration's status once attendance is recorded: attended if present at any session
 * so far, no-show if marked absent at every marked session, registered while nothing is marked.
 */
export function statusFromAttendance(marks: readonly AttendanceStatus[]): "registered" | "attended" | "no-show" {
  if (marks.length === 0) return "registered";
  return marks.includes("attended") ? "attended" : "no-show";
}

/**
 * A certificate is for someone who attended every session of the training (a partial attendance
 * certificate is a different document, not issued here).
 */
export function certificateEligible(status: string, marks: readonly AttendanceStatus[], sessionCount: number): boolean {
  if (status !== "attended" || sessionCount === 0) return false;
  return marks.length === sessionCount && marks.every((m) => m === "attended");
}

export type ErasureOutcome = "keep" | "remove" | "free-seat";

/**
 * What erasing a contact (Art. 17) does to one of their registrations. No law makes us keep
 * attendance (DOMAIN.md: only invoices are kept by law), so only what a session's attendance count
 * is made of stays, tied to the anonymised contact: a registration with attendance marks, and a seat
 * at a training that is over. The rest goes: a waiting-list place, a cancelled registration without
 * marks, and a seat at a training not yet over — freed for the first on the waiting list.
 */
export function registrationOnErasure(status: string, marks: number, trainingOver: boolean): ErasureOutcome {
  if (marks > 0) return "keep";
  if (!holdsSeat(status)) return "remove";
  return trainingOver ? "keep" : "free-seat";
}
