import { useTranslation } from "react-i18next";
import { TextField, type Registration } from "./form";

/** Date, times, place and the online switch of a training session (new-training and add-session forms). */
export function SessionFields({ register, errorFor, onlineRegistration }: { register: (n: string) => Registration; errorFor: (n: string) => string | undefined; onlineRegistration: Registration }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField label={t("training.date")} type="date" registration={register("date")} error={errorFor("date")} />
      <TextField label={t("training.startTime")} type="time" registration={register("startTime")} error={errorFor("startTime")} />
      <TextField label={t("training.endTime")} type="time" registration={register("endTime")} error={errorFor("endTime")} />
      <TextField label={t("training.place")} registration={register("place")} error={errorFor("place")} maxLength={200} />
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" value="1" {...onlineRegistration} /> {t("training.online")}
      </label>
    </>
  );
}
