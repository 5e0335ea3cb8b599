import Link from "next/link";
import { Suspense } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/actions";
import type { Actor } from "@/lib/auth/actor";
import { canEnterArea } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { LanguageSwitcher } from "./language-switcher";

export async function SiteHeader({ actor, unread = 0 }: { actor: Actor | null; unread?: number }) {
  const t = await getTranslations("shell");
  const tn = await getTranslations("notifications");
  const locale = (await getLocale()) as Locale;
  const links: { href: string; label: string }[] = [{ href: "/calls", label: t("nav.calls") }];
  if (actor) {
    if (actor.memberships.length > 0 || (actor.staffRoles.length === 0 && !actor.isPlatformAdmin)) {
      links.push({ href: "/my", label: t("nav.applicant") });
    }
    if (canEnterArea(actor, "staff")) links.push({ href: "/staff", label: t("nav.staff") });
    if (canEnterArea(actor, "audit")) links.push({ href: "/audit", label: t("nav.audit") });
    if (canEnterArea(actor, "admin")) links.push({ href: "/admin", label: t("nav.admin") });
  }
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-brand-800">
          {t("brand")}
        </Link>
        <nav aria-label={t("nav.label")} className="flex flex-1 flex-wrap gap-1">
          {links.map((l) => (
            <Link
              key={l.href}
              href={l.href}
              className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900"
            >
              {l.label}
            </Link>
          ))}
        </nav>
        <div className="flex items-center gap-3">
          <Suspense>
            <LanguageSwitcher current={locale} label={t("language")} submitLabel={t("changeLanguage")} />
          </Suspense>
          {actor ? (
            <>
              <Link
                href="/notifications"
                className="relative rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
                data-testid="notifications-link"
              >
                {tn("link")}
                {unread > 0 ? (
                  <span aria-hidden="true" className="ml-1 inline-flex min-w-5 items-center justify-center rounded-full bg-red-700 px-1.5 text-xs font-semibold text-white" data-testid="notifications-badge">
                    {unread > 99 ? "99+" : unread}
                  </span>
                ) : null}
                <span className="sr-only">{` (${tn("badge", { count: unread })})`}</span>
              </Link>
              <Link href="/account/security" className="hidden text-sm text-slate-700 underline-offset-2 hover:underline sm:inline" data-testid="signed-in-as">
                {actor.name}
              </Link>
              <form action={signOutAction}>
                <button type="submit" className="rounded-md px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50">
                  {t("signOut")}
                </button>
              </form>
            </>
          ) : (
            <Link href="/sign-in" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800">
              {t("signIn")}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
