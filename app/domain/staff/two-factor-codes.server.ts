import { db } from "~/lib/db.server";
import { RateLimiter } from "~/lib/rate-limit.server";
import { decryptTotpKey } from "./two-factor-key.server";
import { hashRecoveryCode, matchingStep, normaliseRecoveryCode, normaliseTotpCode } from "./two-factor";

export type CodeCheck = { ok: true; method: "totp" | "recovery" } | { ok: false };

/**
 * Uses up one second factor of an enrolled staff member: a TOTP code (its time step is claimed, so
 * the same or an older code is refused afterwards) or an unused recovery code (marked used). Both
 * claims are single conditional UPDATEs, so two requests racing with one code cannot both win.
 */
export async function consumeSecondFactor(staffId: number, input: string, now: Date): Promise<CodeCheck> {
  const prisma = await db();
  const staff = await prisma.staff.findUnique({
    where: { id: staffId },
    select: { totpSecret: true, totpEnabledAt: true, totpLastStep: true },
  });
  if (!staff?.totpSecret || !staff.totpEnabledAt) return { ok: false };

  const totp = normaliseTotpCode(input);
  if (totp) {
    const step = matchingStep(decryptTotpKey(staff.totpSecret, staffId), totp, now.getTime(), staff.totpLastStep);
    if (step === null) return { ok: false };
    const claimed = await prisma.staff.updateMany({
      where: { id: staffId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return claimed.count === 1 ? { ok: true, method: "totp" } : { ok: false };
  }

  const recovery = normaliseRecoveryCode(input);
  if (!recovery) return { ok: false };
  const claimed = await prisma.recoveryCode.updateMany({
    where: { staffId, codeHash: hashRecoveryCode(recovery), usedAt: null },
    data: { usedAt: now },
  });
  return claimed.count === 1 ? { ok: true, method: "recovery" } : { ok: false };
}

/**
 * Codes typed by a signed-in staff member (confirming enrolment, turning two-step sign-in off,
 * new recovery codes): five tries per five minutes per account, counted in the database like the sign-in limit.
 */
export const codeAttemptLimiter = new RateLimiter("code-attempts", () => 5, 5 * 60_000);
