export const LOCALES = ["en", "ru", "cs", "uk"] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's name in that language, as the switcher and the language choices show it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", ru: "Русский", cs: "Čeština", uk: "Українська" };
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "most-locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Picks the best supported language from an Accept-Language header. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: (tag ?? "").toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}
