import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/shell/site-header";
import { TimeZoneCookie } from "@/components/shell/time-zone-cookie";
import { browserTimeZone } from "@/lib/i18n/request";
import { currentRequestId } from "@/lib/request";
import { currentActor } from "@/lib/auth/actor";
import { unreadCount } from "@/lib/notifications/centre";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shell");
  return {
    title: { default: t("brand"), template: `%s · ${t("brand")}` },
    description: t("tagline"),
    referrer: "no-referrer",
    robots: { index: false, follow: false },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("shell");
  const actor = await currentActor();
  const zone = await browserTimeZone();
  // Someone still owing a second factor sees no counts yet.
  const unread = actor && !actor.pendingSecondFactor ? await unreadCount(actor) : 0;
  const requestId = await currentRequestId();
  return (
    <html lang={locale}>
      <head>{requestId ? <meta name="request-id" content={requestId} /> : null}</head>
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          {t("skipToContent")}
        </a>
        <NextIntlClientProvider>
          <TimeZoneCookie current={zone} />
          <SiteHeader actor={actor} unread={unread} />
          <main id="main" className="mx-auto max-w-6xl px-4 py-8">
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
