import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/card";
import { listPublicCalls } from "@/lib/calls/queries";
import type { Locale } from "@/lib/i18n/locales";
import { formatMoney } from "@/lib/money";
import { DEADLINE_FORMAT } from "@/lib/i18n/formats";

export async function generateMetadata() {
  const t = await getTranslations("calls");
  return { title: t("title") };
}

export default async function CallsPage() {
  const t = await getTranslations("calls");
  const locale = (await getLocale()) as Locale;
  const format = await getFormats();
  const calls = await listPublicCalls(locale);
  return (
    <div>
      <PageHeader title={t("title")} description={t("intro")} />
      {calls.length === 0 ? <p className="text-slate-700">{t("none")}</p> : null}
      <ul className="grid gap-4 md:grid-cols-2" data-testid="calls-list">
        {calls.map((c) => (
          <li key={c.id} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <div className="flex flex-wrap items-center gap-2">
              {c.isOpen ? <Badge tone="success">{t("open")}</Badge> : <Badge>{t("closed")}</Badge>}
              {c.kind === "EMERGENCY" ? <Badge tone="warning">{t("emergency")}</Badge> : null}
            </div>
            <h2 className="mt-2 text-lg font-semibold text-slate-900">
              <Link href={`/calls/${c.id}`} className="hover:underline">
                {c.title}
              </Link>
            </h2>
            <p className="text-sm text-slate-600">
              {c.programme} · {c.funder}
            </p>
            <p className="mt-2 text-sm text-slate-800">{c.summary}</p>
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-600">{t("envelope")}</dt>
              <dd>{formatMoney(c.envelope, c.currency, locale)}</dd>
              <dt className="text-slate-600">{t("grantRange")}</dt>
              <dd>
                {formatMoney(c.minGrant, c.currency, locale)} – {formatMoney(c.maxGrant, c.currency, locale)}
              </dd>
              <dt className="text-slate-600">{t("deadline")}</dt>
              <dd>{format.dateTime(c.closesAt, DEADLINE_FORMAT)}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}
