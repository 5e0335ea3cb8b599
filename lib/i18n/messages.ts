import { createTranslator } from "use-intl/core";
import cs from "../../messages/cs.json";
import en from "../../messages/en.json";
import ru from "../../messages/ru.json";
import uk from "../../messages/uk.json";
import type { Locale } from "./locales";

export const CATALOGUES = { en, ru, cs, uk } as const;

export function loadMessages(locale: Locale) {
  return CATALOGUES[locale];
}

/** A translator outside a request (e-mail, files, the worker), for a given language. */
export function translatorFor(locale: Locale) {
  return createTranslator({ locale, messages: CATALOGUES[locale] });
}
