import { LOCALES, LOCALE_NAMES, type Locale } from "@/lib/i18n/locales";

/** The portal's languages as <option>s of a language choice, each named in its own language. */
export function LocaleOptions({ order = LOCALES }: { order?: readonly Locale[] }) {
  return order.map((code) => (
    <option key={code} value={code} lang={code}>
      {LOCALE_NAMES[code]}
    </option>
  ));
}
