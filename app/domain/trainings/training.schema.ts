import { z } from "zod";
import { isoDay } from "~/domain/quotes/quote.schema";
import { ATTENDANCE_STATUSES } from "./registration-rules";

// Messages are catalogue keys, translated where they are shown.
const text = (max: number) => z.preprocess((v) => (v == null ? "" : v), z.string().trim().max(max, "form.tooLong"));
const optionalText = (max: number) => text(max).transform((v) => (v === "" ? null : v));
const time = z.string({ required_error: "form.required" }).max(5, "training.invalidTime").regex(/^([01]\d|2[0-3]):[0-5]\d$/, "training.invalidTime");
const id = z.coerce.number().int().positive().max(2 ** 31);

const sessionFields = z.object({
  date: isoDay,
  startTime: time,
  endTime: time,
  place: optionalText(200),
  online: z.preprocess((v) => v === "1" || v === "on" || v === true, z.boolean()),
});

type SessionShape = { startTime: string; endTime: string; online: boolean; place: string | null };
function checkSession(s: SessionShape, ctx: z.RefinementCtx) {
  if (s.endTime <= s.startTime) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "training.endBeforeStart", path: ["endTime"] });
  if (!s.online && s.place === null) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "training.placeOrOnline", path: ["place"] });
}

export const sessionSchema = sessionFields.superRefine(checkSession);

export type SessionInput = z.infer<typeof sessionSchema>;

const trainingFields = z.object({
  title: text(200).refine((v) => v.length > 0, "form.required"),
  description: optionalText(2000),
  trainer: text(200).refine((v) => v.length > 0, "form.required"),
  capacity: z.coerce.number({ invalid_type_error: "form.invalidNumber" }).int("form.invalidNumber").min(1, "training.capacityRange").max(1000, "training.capacityRange"),
});

/** The new-training form: the training and its first session (more are added on the training page). */
export const trainingSchema = trainingFields.merge(sessionFields).superRefine(checkSession);
export type TrainingInput = z.infer<typeof trainingSchema>;

export const registerSchema = z.object({ contactId: id });

/** One screen per session: "mark.<registrationId>" = attended | no-show for each registrant. */
export const attendanceSchema = z.preprocess(
  (values) => {
    if (typeof values !== "object" || values === null) return values;
    const marks = Object.entries(values as Record<string, unknown>)
      .filter(([k]) => /^mark\.\d{1,10}$/.test(k))
      .map(([k, v]) => ({ registrationId: k.slice(5), status: v }));
    return { marks };
  },
  z.object({
    marks: z.array(z.object({ registrationId: id, status: z.enum(ATTENDANCE_STATUSES, { errorMap: () => ({ message: "form.invalidChoice" }) }) })).max(1000),
  }),
);
export type AttendanceInput = z.infer<typeof attendanceSchema>;
