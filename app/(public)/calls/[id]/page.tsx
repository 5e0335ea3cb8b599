import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { StartApplicationForm } from "@/components/applications/start-application-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { currentActor } from "@/lib/auth/actor";
import { getPublicCall } from "@/lib/calls/queries";
import type { Locale } from "@/lib/i18n/locales";
import { formatMoney } from "@/lib/money";
import { DEADLINE_FORMAT_LONG } from "@/lib/i18n/formats";
import { listMyOrganisations } from "@/lib/organisations/queries";

export default async function CallPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const locale = (await getLocale()) as Locale;
  const call = /^[0-9a-f-]{36}$/.test(id) ? await getPublicCall(id, locale) : null;
  if (!call) notFound();
  const t = await getTranslations("callDetail");
  const tc = await getTranslations("calls");
  const format = await getFormats();
  const actor = await currentActor();
  const organisations = actor ? await listMyOrganisations(actor) : [];
  const money = (v: string) => formatMoney(v, call.currency, locale);
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        <PageHeader title={call.title} description={`${call.programme} · ${call.funder}`} />
        <div className="flex flex-wrap gap-2">
          {call.isOpen ? <Badge tone="success">{tc("open")}</Badge> : <Badge>{tc("closed")}</Badge>}
          {call.kind === "EMERGENCY" ? <Badge tone="warning">{tc("emergency")}</Badge> : null}
          <Badge>{call.reference}</Badge>
        </div>
        <Card title={t("about")}>
          <p className="whitespace-pre-line text-sm text-slate-800">{call.summary}</p>
        </Card>
        <Card title={t("eligibility")}>
          <p className="mb-3 text-sm text-slate-800">{call.eligibilitySummary}</p>
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {call.eligibilityCriteria.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </Card>
        <Card title={t("scoring")}>
          <ul className="space-y-1 text-sm">
            {call.scoringCriteria.map((c) => (
              <li key={c.label} className="flex justify-between">
                <span>{c.label}</span>
                <span className="text-slate-600">{t("weight", { weight: c.weight })}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <aside className="space-y-6">
        <Card title={t("keyFacts")}>
          <dl className="space-y-2 text-sm">
            <div><dt className="text-slate-600">{tc("deadline")}</dt><dd className="font-medium" data-testid="deadline">{format.dateTime(call.closesAt, DEADLINE_FORMAT_LONG)}</dd></div>
            <div><dt className="text-slate-600">{tc("envelope")}</dt><dd>{money(call.envelope)}</dd></div>
            <div><dt className="text-slate-600">{tc("grantRange")}</dt><dd>{money(call.minGrant)} – {money(call.maxGrant)}</dd></div>
            <div><dt className="text-slate-600">{t("cofinancing")}</dt><dd>{Number(call.cofinancingPct) > 0 ? t("cofinancingValue", { pct: call.cofinancingPct.replace(/\.00$/, "") }) : t("none")}</dd></div>
            <div><dt className="text-slate-600">{t("overheads")}</dt><dd>{t("overheadsValue", { pct: call.overheadLimitPct.replace(/\.00$/, "") })}</dd></div>
            <div><dt className="text-slate-600">{t("languages")}</dt><dd>{call.languages.map((l) => t(`language.${l}`)).join(", ")}</dd></div>
          </dl>
        </Card>
        <Card title={t("apply")}>
          {!call.isOpen ? (
            <Alert tone="warning">{t("closedNotice")}</Alert>
          ) : !actor ? (
            <div className="space-y-3 text-sm">
              <p>{t("signInToApply")}</p>
              <div className="flex gap-2">
                <Link href={`/sign-in?next=/calls/${call.id}`} className={buttonClass("primary")}>{t("signIn")}</Link>
                <Link href="/sign-up" className={buttonClass("secondary")}>{t("register")}</Link>
              </div>
            </div>
          ) : organisations.length === 0 ? (
            <div className="space-y-3 text-sm">
              <p>{t("needOrganisation")}</p>
              <Link href="/my/organisations/new" className={buttonClass("primary")}>{t("createOrganisation")}</Link>
            </div>
          ) : (
            <StartApplicationForm callId={call.id} organisations={organisations.map((o) => ({ id: o.id, name: o.name }))} />
          )}
        </Card>
      </aside>
    </div>
  );
}
