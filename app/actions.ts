"use server";
// Actions of the shell, available on every page: language and sign-out.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentActor } from "@/lib/auth/actor";
import { signOutCurrent } from "@/lib/auth/sign-out";
import { LOCALES, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { safeLocalPath } from "@/lib/paths";
import { setOwnLocale } from "@/lib/users/preferences";

const ZLocaleForm = z.object({ locale: z.enum(LOCALES), back: z.string().max(500).optional() });

export async function setLocaleAction(fd: FormData) {
  const parsed = ZLocaleForm.safeParse(fd instanceof FormData ? Object.fromEntries(fd) : null);
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 365 * 24 * 3600,
  });
  const actor = await currentActor();
  if (actor) await setOwnLocale(actor, parsed.data.locale);
  redirect(safeLocalPath(parsed.data.back) ?? "/");
}

export async function signOutAction() {
  await signOutCurrent();
  redirect("/sign-in");
}

