import { data, redirect } from "@remix-run/node";
import { isRole, roleAtLeast, type Actor, type Role } from "~/domain/staff/roles";
import { mustEnrolTwoFactor } from "~/domain/staff/two-factor.server";
import { clientIp } from "./http.server";
import { readSessionToken, validateSessionToken, type SessionStaff } from "./session.server";

export type CurrentStaff = SessionStaff & { role: Role; actor: Actor };

// One page load runs several loaders (root, layout, page) on the same Request: look the session
// up once per request rather than once per loader.
const staffByRequest = new WeakMap<Request, Promise<CurrentStaff | null>>();
const enrolByStaff = new WeakMap<CurrentStaff, Promise<boolean>>();

/** The signed-in staff member, or null. */
export function getStaff(request: Request): Promise<CurrentStaff | null> {
  let staff = staffByRequest.get(request);
  if (!staff) {
    staff = lookUpStaff(request);
    staffByRequest.set(request, staff);
  }
  return staff;
}

async function lookUpStaff(request: Request): Promise<CurrentStaff | null> {
  const token = readSessionToken(request);
  if (!token) return null;
  const staff = await validateSessionToken(token);
  if (!staff || !isRole(staff.role)) return null;
  const role = staff.role;
  return { ...staff, role, actor: { id: staff.id, role, ip: clientIp(request) } };
}

/**
 * The guard every loader and action starts with. Signed out → redirect to sign-in (keeping the
 * page to come back to); a session still waiting for its second factor → the code page, and
 * nothing else; a password still to be changed → the change-password page; two-step sign-in
 * required for the role but not set up → its set-up page; below the required role → 403.
 */
export async function requireStaff(
  request: Request,
  options: { role?: Role; allowPasswordChange?: boolean; allowPendingTwoFactor?: boolean; allowTwoFactorSetup?: boolean } = {},
): Promise<CurrentStaff> {
  const staff = await getStaff(request);
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  if (!staff) {
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  if (!staff.twoFactorVerified) {
    if (options.allowPendingTwoFactor) return staff;
    throw redirect(`/login/two-factor?redirectTo=${encodeURIComponent(back)}`);
  }
  if (staff.mustChangePassword && !options.allowPasswordChange) {
    throw redirect("/change-password");
  }
  // The set-up page and the password page stay reachable, so the two forced steps never loop.
  if (!options.allowTwoFactorSetup && !options.allowPasswordChange && (await mustEnrol(staff))) {
    throw redirect("/profile/two-factor");
  }
  if (options.role && !roleAtLeast(staff.role, options.role)) {
    throw data({ message: "Forbidden" }, { status: 403 });
  }
  return staff;
}

function mustEnrol(staff: CurrentStaff): Promise<boolean> {
  let answer = enrolByStaff.get(staff);
  if (!answer) {
    answer = mustEnrolTwoFactor(staff);
    enrolByStaff.set(staff, answer);
  }
  return answer;
}

/** For pages only signed-out visitors need (sign-in, reset): a signed-in visitor goes home. */
export async function requireAnonymous(request: Request): Promise<void> {
  if (await getStaff(request)) throw redirect("/");
}
