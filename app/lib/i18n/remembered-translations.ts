import type { i18n as I18n, TFunction } from "i18next";

/** How many plain texts one translate function keeps (the catalogue has fewer keys than this). */
const MAX_REMEMBERED = 5_000;

/**
 * Makes a server-side i18next instance hand out one translate function per language, namespace
 * and key prefix, which remembers the text of every key asked without options. A page asks for a
 * few hundred texts (column headings, stage names on every row); each went through i18next's
 * resolution again, about 8 % of a page's server time. Calls with options (counts,
 * interpolation, defaults) are passed through unchanged. Only for instances whose language and
 * resources never change after start (the per-language render instances in entry.server.tsx).
 */
export function rememberPlainTranslations(instance: I18n): I18n {
  const getFixedT = instance.getFixedT.bind(instance);
  const made = new Map<string, TFunction>();
  instance.getFixedT = ((lng: string | readonly string[] | null, ns?: string | readonly string[] | null, keyPrefix?: string) => {
    const id = JSON.stringify([lng ?? null, ns ?? null, keyPrefix ?? null]);
    let t = made.get(id);
    if (!t) {
      const fixed = getFixedT(lng as string, ns as string, keyPrefix);
      const inner = fixed as unknown as ((...args: unknown[]) => unknown) & Record<string, unknown>;
      const plain = new Map<string, string>();
      const remembering = (key: unknown, ...rest: unknown[]) => {
        if (rest.length > 0 || typeof key !== "string") return inner(key, ...rest);
        let text = plain.get(key);
        if (text === undefined) {
          const value = inner(key);
          if (typeof value !== "string") return value;
          text = value;
          if (plain.size < MAX_REMEMBERED) plain.set(key, text);
        }
        return text;
      };
      // react-i18next and i18next read these off a translate function.
      t = Object.assign(remembering, { lng: inner.lng, lngs: inner.lngs, ns: inner.ns, keyPrefix: inner.keyPrefix }) as unknown as TFunction;
      made.set(id, t);
    }
    return t;
  }) as I18n["getFixedT"];
  return instance;
}
