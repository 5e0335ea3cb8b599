// next-intl request configuration: the signed-in user's language, else the language
// chosen with the switcher (cookie), else the browser's. Until the second factor is
// passed, the language chosen on the sign-in page (cookie) comes before the profile's.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentActor } from "../auth/actor";
import { LOCALE_COOKIE, isLocale, negotiateLocale, type Locale } from "./locales";
import { loadMessages } from "./messages";

export async function resolveLocale(): Promise<Locale> {
  const actor = await currentActor().catch(() => null);
  if (actor && !actor.pendingSecondFactor && isLocale(actor.locale)) return actor.locale;
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  if (actor && isLocale(actor.locale)) return actor.locale;
  return negotiateLocale((await headers()).get("accept-language"));
}

const TZ_COOKIE = "most-tz"; // written by components/shell/time-zone-cookie.tsx

function isTimeZone(zone: string | undefined): zone is string {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export async function browserTimeZone(): Promise<string | null> {
  const fromCookie = (await cookies()).get(TZ_COOKIE)?.value;
  return isTimeZone(fromCookie) ? fromCookie : null;
}

/** The zone of the device in use (reported by the browser), else the profile's. */
export async function resolveTimeZone(): Promise<string> {
  const fromBrowser = await browserTimeZone();
  if (fromBrowser) return fromBrowser;
  const actor = await currentActor().catch(() => null);
  return actor?.timeZone ?? "Europe/Prague";
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return {
    locale,
    messages: loadMessages(locale),
    timeZone: await resolveTimeZone(),
  };
});
