import { getLocale, getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { EmailPreferencesForm } from "@/components/notifications/email-preferences-form";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { guardArea } from "@/lib/auth/guard";
import { emailPreferences, listNotifications } from "@/lib/notifications/centre";
import { shownParams } from "@/lib/notifications/content";
import { markAllReadAction, openNotificationAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("notifications");
  return { title: t("title") };
}

export default async function NotificationsPage() {
  // Every signed-in person has notifications (the "applicant" area admits anyone signed in).
  const actor = await guardArea("applicant", "/notifications");
  const t = await getTranslations("notifications");
  const format = await getFormats();
  const locale = await getLocale();
  const [items, prefs] = await Promise.all([listNotifications(actor), emailPreferences(actor)]);
  const unread = items.filter((n) => !n.read).length;
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          unread > 0 ? (
            <form action={markAllReadAction}>
              <input type="hidden" name="scope" value="all" />
              <button type="submit" className={buttonClass("secondary")}>
                {t("markAllRead")}
              </button>
            </form>
          ) : null
        }
      />
      <Card>
        {items.length === 0 ? (
          <p className="text-sm text-slate-700">{t("none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="notification-list">
            {items.map((n) => (
              <li key={n.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-read={n.read ? "yes" : "no"}>
                <div>
                  <p className={n.read ? "text-slate-700" : "font-semibold text-slate-900"}>
                    {!n.read ? <span className="mr-2 rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">{t("unread")}</span> : null}
                    {t(`kind.${n.kind}`, { reference: "", grant: "", tranche: "", date: "", status: "", ...shownParams(n.params, locale) })}
                  </p>
                  <p className="text-xs text-slate-600">{format.dateTime(n.createdAt, { dateStyle: "medium", timeStyle: "short" })}</p>
                </div>
                <form action={openNotificationAction}>
                  <input type="hidden" name="notificationId" value={n.id} />
                  <button type="submit" className={buttonClass("secondary")}>
                    {t("open")}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("emailTitle")}>
        <p className="mb-4 text-sm text-slate-700">{t("emailIntro")}</p>
        <EmailPreferencesForm mode={prefs.mode} emailLocale={prefs.emailLocale} digestAllowed={prefs.digestAllowed} />
      </Card>
    </div>
  );
}
