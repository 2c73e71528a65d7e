/** Pure rules for failed sign-ins and account lock-out (ASVS 6.3.1). */
export type LockoutPolicy = { threshold: number; minutes: number };

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/** State after one more failed attempt: the counter grows; reaching the threshold locks the account. */
export function afterFailedAttempt(
  failedLogins: number,
  now: Date,
  policy: LockoutPolicy,
): { failedLogins: number; lockedUntil: Date | null } {
  const next = failedLogins + 1;
  if (next >= policy.threshold) {
    return { failedLogins: next, lockedUntil: new Date(now.getTime() + policy.minutes * 60_000) };
  }
  return { failedLogins: next, lockedUntil: null };
}
