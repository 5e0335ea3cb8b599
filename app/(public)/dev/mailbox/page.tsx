// The development mailbox, readable: links decoded and clickable (the .eml files are
// quoted-printable, so a link copied from them breaks). Off in production unless the run
// command enables it for the local demo; only for this computer or a platform admin.
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { Card } from "@/components/ui/card";
import { currentActor } from "@/lib/auth/actor";
import { findDevMailbox } from "@/lib/notifications/mailbox";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("notifications.devMailbox");
  return { title: t("title") };
}

export default async function DevMailboxPage() {
  const messages = await findDevMailbox(await currentActor());
  if (!messages) notFound();
  const t = await getTranslations("notifications.devMailbox");
  const format = await getFormats();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <p className="text-sm text-slate-700">{t("count", { count: messages.length })}</p>
      {messages.length === 0 ? <p>{t("empty")}</p> : null}
      {messages.map((m) => (
        <Card key={m.file} title={m.subject}>
          <article data-testid="mailbox-message" className="space-y-3 text-sm">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              <dt className="text-slate-600">{t("to")}</dt>
              <dd data-testid="mailbox-to">{m.to}</dd>
              <dt className="text-slate-600">{t("date")}</dt>
              <dd>{Number.isNaN(Date.parse(m.date)) ? m.date : format.dateTime(new Date(m.date), { dateStyle: "medium", timeStyle: "short" })}</dd>
            </dl>
            <div>
              <h3 className="font-medium">{t("links")}</h3>
              {m.links.length === 0 ? (
                <p className="text-slate-600">{t("noLinks")}</p>
              ) : (
                <ul className="list-disc pl-5">
                  {m.links.map((l) => (
                    <li key={l}>
                      <a className="break-all text-blue-800 underline" href={l}>
                        {l}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <details>
              <summary className="cursor-pointer">{t("text")}</summary>
              <pre className="mt-2 whitespace-pre-wrap break-words rounded bg-slate-50 p-3">{m.text}</pre>
            </details>
          </article>
        </Card>
      ))}
    </div>
  );
}
