// next-intl request configuration: the signed-in user's language, else the language
// chosen with the switcher (cookie), else the browser's.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentActor } from "../auth/actor";
import { LOCALE_COOKIE, isLocale, negotiateLocale, type Locale } from "./locales";
import { loadMessages } from "./messages";

export async function resolveLocale(): Promise<Locale> {
  const actor = await currentActor().catch(() => null);
  if (actor && isLocale(actor.locale)) return actor.locale;
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  const actor = await currentActor().catch(() => null);
  return {
    locale,
    messages: loadMessages(locale),
    timeZone: actor?.timeZone ?? "Europe/Prague",
  };
});
