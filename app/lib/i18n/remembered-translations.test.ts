import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { i18nOptions } from "./i18n";
import { rememberPlainTranslations } from "./remembered-translations";

async function instances(lng: string) {
  const plain = createInstance();
  await plain.init({ ...i18nOptions, lng });
  const remembering = createInstance();
  await remembering.init({ ...i18nOptions, lng });
  return { plain, remembering: rememberPlainTranslations(remembering) };
}

describe("rememberPlainTranslations", () => {
  it("gives the same texts as i18next for every catalogue key, in every language, asked twice", async () => {
    for (const lng of ["en", "nl", "fr"]) {
      const { plain, remembering } = await instances(lng);
      const expected = plain.getFixedT(null, "translation");
      const t = remembering.getFixedT(null, "translation");
      const keys = Object.keys(i18nOptions.resources.en.translation);
      expect(keys.length).toBeGreaterThan(100);
      for (let round = 0; round < 2; round++) for (const key of keys) expect(t(key), `${lng} ${key}`).toBe(expected(key));
    }
  });

  it("passes calls with options through: interpolation and counts are not remembered", async () => {
    const { plain, remembering } = await instances("en");
    const t = remembering.getFixedT(null, "translation");
    const expected = plain.getFixedT(null, "translation");
    const key = Object.entries(i18nOptions.resources.en.translation).find(([, text]) => String(text).includes("{{"))![0];
    const first = t(key, { count: 1, n: 1, field: "A", name: "B" });
    const second = t(key, { count: 5, n: 5, field: "C", name: "D" });
    expect(first).toBe(expected(key, { count: 1, n: 1, field: "A", name: "B" }));
    expect(second).toBe(expected(key, { count: 5, n: 5, field: "C", name: "D" }));
    expect(second).not.toBe(first);
    expect(t("no.such.key.anywhere")).toBe("no.such.key.anywhere");
  });

  it("hands out one translate function per language, namespace and key prefix, carrying their names", async () => {
    const { remembering } = await instances("nl");
    expect(remembering.getFixedT(null, "translation")).toBe(remembering.getFixedT(null, "translation"));
    expect(remembering.getFixedT("fr")).not.toBe(remembering.getFixedT(null, "translation"));
    const fr = remembering.getFixedT("fr") as unknown as { lng: string };
    expect(fr.lng).toBe("fr");
    const key = Object.keys(i18nOptions.resources.en.translation)[0];
    expect(remembering.getFixedT("fr")(key)).toBe(i18nOptions.resources.fr.translation[key as keyof typeof i18nOptions.resources.fr.translation]);
  });
});
