import type { Locale } from "./locales";

export type LocalizedText = Partial<Record<Locale, string>>;

/** The text in the reader's language, else English, else any language present. */
export function pickText(value: unknown, locale: Locale): string {
  if (!value || typeof value !== "object") return "";
  const v = value as LocalizedText;
  return v[locale] || v.en || Object.values(v).find(Boolean) || "";
}
