// The reader's formatter in server components: their language and time zone (lib/i18n/formats.ts).
import { getLocale, getTimeZone } from "next-intl/server";
import { formatterFor, type Formats } from "./formats";

export async function getFormats(): Promise<Formats> {
  const [locale, timeZone] = await Promise.all([getLocale(), getTimeZone()]);
  return formatterFor(locale, timeZone);
}
