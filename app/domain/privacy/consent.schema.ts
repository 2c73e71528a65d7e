import { z } from "zod";
import { pastDaySchema } from "./days";

/** The channels staff record by hand; "import" is written by the trade-fair importer only. */
export const RECORDABLE_CONSENT_CHANNELS = ["form", "email", "verbal", "paper"] as const;
export type RecordableConsentChannel = (typeof RECORDABLE_CONSENT_CHANNELS)[number];

export const CONSENT_WORDING_MAX = 2000;

const purposeId = z.coerce.number({ invalid_type_error: "form.invalidChoice" }).int("form.invalidChoice").positive("form.invalidChoice").max(Number.MAX_SAFE_INTEGER, "form.invalidChoice");
const channel = z.enum(RECORDABLE_CONSENT_CHANNELS, { errorMap: () => ({ message: "form.invalidChoice" }) });

/** Art. 7(1): when, how and the exact wording or version shown — the proof of a consent. */
export const recordConsentSchema = z.object({
  purposeId,
  givenOn: pastDaySchema,
  channel,
  wording: z.string().trim().min(1, "consent.wordingRequired").max(CONSENT_WORDING_MAX, "form.tooLong"),
});
export type RecordConsentForm = z.infer<typeof recordConsentSchema>;

/** Art. 7(3): withdrawing is as easy as giving — one purpose, one channel, one click. */
export const withdrawConsentSchema = z.object({
  purposeId,
  withdrawnOn: pastDaySchema,
  channel,
});
export type WithdrawConsentForm = z.infer<typeof withdrawConsentSchema>;
