import Link from "next/link";
import { forbidden } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { guardArea } from "@/lib/auth/guard";
import { funderIdsWith } from "@/lib/auth/permissions";
import { listGrants } from "@/lib/grants/queries";
import type { Locale } from "@/lib/i18n/locales";
import { formatMoney } from "@/lib/money";

export default async function GrantsPage() {
  const actor = await guardArea("staff", "/staff/grants");
  if (funderIdsWith(actor, "grants.view").length === 0) forbidden();
  const t = await getTranslations("grant");
  const locale = (await getLocale()) as Locale;
  const grants = await listGrants(actor, locale);
  return (
    <div className="space-y-6">
      <PageHeader title={t("listTitle")} />
      <Card>
        {grants.length === 0 ? <p className="text-sm text-slate-700">{t("none")}</p> : (
          <Table caption={t("listTitle")}>
            <thead><tr><Th>{t("number")}</Th><Th>{t("grantee")}</Th><Th>{t("amount")}</Th><Th>{t("balance.disbursed")}</Th><Th>{t("statusLabel")}</Th></tr></thead>
            <tbody className="divide-y divide-slate-100" data-testid="grants">
              {grants.map((g) => (
                <tr key={g.id}>
                  <Td><Link href={`/staff/grants/${g.id}`} className="font-mono text-xs text-brand-700 underline">{g.number}</Link><span className="block text-xs text-slate-600">{g.call}</span></Td>
                  <Td>{g.organisation}</Td>
                  <Td className="whitespace-nowrap">{formatMoney(g.amount, g.currency, locale)}</Td>
                  <Td className="whitespace-nowrap">{formatMoney(g.disbursed, g.currency, locale)}</Td>
                  <Td><Badge tone={g.status === "ACTIVE" ? "success" : "neutral"}>{t(`status.${g.status}`)}</Badge></Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
