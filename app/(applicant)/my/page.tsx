import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { StatusBadge } from "@/components/applications/status-badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { listMyApplications } from "@/lib/applications/queries";
import { guardArea } from "@/lib/auth/guard";
import type { Locale } from "@/lib/i18n/locales";
import { listMyOrganisations } from "@/lib/organisations/queries";
import { listMyGrants } from "@/lib/grants/queries";
import { formatMoney } from "@/lib/money";

export async function generateMetadata() {
  const t = await getTranslations("applicant");
  return { title: t("title") };
}

export default async function ApplicantHome() {
  const actor = await guardArea("applicant", "/my");
  const t = await getTranslations("applicant");
  const locale = (await getLocale()) as Locale;
  const format = await getFormats();
  const [organisations, applications, grants] = await Promise.all([
    listMyOrganisations(actor),
    listMyApplications(actor, locale),
    listMyGrants(actor),
  ]);
  return (
    <div className="space-y-8">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          <Link href="/my/organisations/new" className={buttonClass("primary")}>
            {t("newOrganisation")}
          </Link>
        }
      />
      <Card title={t("organisations")}>
        {organisations.length === 0 ? (
          <p className="text-sm text-slate-700">{t("noOrganisations")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="my-organisations">
            {organisations.map((o) => (
              <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <Link href={`/my/organisations/${o.id}`} className="font-medium text-brand-700 underline">
                    {o.name}
                  </Link>
                  <p className="text-xs text-slate-600">
                    {t(`operatingStatus.${o.operatingStatus}`)} · {format.country(o.operatingCountry)}
                    {o.isProtected ? ` · ${t("protectedAs", { codename: o.codename })}` : ""}
                  </p>
                </div>
                <span className="text-sm text-slate-700">{t("applicationCount", { count: o.applications })}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {grants.length > 0 ? (
        <Card title={t("grants")}>
          <ul className="divide-y divide-slate-100" data-testid="my-grants">
            {grants.map((g) => (
              <li key={g.id} className="flex flex-wrap justify-between gap-2 py-2 text-sm">
                <Link href={`/my/grants/${g.id}`} className="font-medium text-brand-700 underline">{g.number} · {g.application.title}</Link>
                <span>{formatMoney(g.amount, g.currency, locale)}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title={t("applications")}>
        {applications.length === 0 ? (
          <p className="text-sm text-slate-700">
            {t("noApplications")}{" "}
            <Link href="/calls" className="font-medium text-brand-700 underline">
              {t("browseCalls")}
            </Link>
          </p>
        ) : (
          <Table caption={t("applications")}>
            <thead>
              <tr>
                <Th>{t("reference")}</Th>
                <Th>{t("applicationTitle")}</Th>
                <Th>{t("organisation")}</Th>
                <Th>{t("status")}</Th>
                <Th>{t("updated")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {applications.map((a) => (
                <tr key={a.id}>
                  <Td className="font-mono text-xs">{a.reference}</Td>
                  <Td>
                    <Link href={`/my/applications/${a.id}`} className="font-medium text-brand-700 underline">
                      {a.title || t("untitled")}
                    </Link>
                    <span className="block text-xs text-slate-600">{a.callTitle}</span>
                  </Td>
                  <Td>{a.organisationLabel}</Td>
                  <Td>
                    <StatusBadge status={a.status} audience="applicant" />
                  </Td>
                  <Td>{format.dateTime(a.updatedAt, { dateStyle: "medium" })}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
