import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { guardArea } from "@/lib/auth/guard";
import { funderIdsWith } from "@/lib/auth/permissions";
import { listStaffCalls } from "@/lib/calls/staff-queries";
import type { Locale } from "@/lib/i18n/locales";
import { formatMoney } from "@/lib/money";
import { forbidden } from "next/navigation";

export default async function StaffCallsPage() {
  const actor = await guardArea("staff", "/staff/calls");
  if (funderIdsWith(actor, "calls.manage").length === 0) forbidden();
  const t = await getTranslations("staffCalls");
  const locale = (await getLocale()) as Locale;
  const format = await getFormats();
  const calls = await listStaffCalls(actor, locale);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} actions={<Link href="/staff/calls/new" className={buttonClass("primary")}>{t("new")}</Link>} />
      <Card>
        <Table caption={t("title")}>
          <thead><tr><Th>{t("call")}</Th><Th>{t("status")}</Th><Th>{t("envelope")}</Th><Th>{t("committed")}</Th><Th>{t("applications")}</Th><Th>{t("deadline")}</Th></tr></thead>
          <tbody className="divide-y divide-slate-100" data-testid="staff-calls">
            {calls.map((c) => (
              <tr key={c.id}>
                <Td>
                  <Link href={`/staff/calls/${c.id}`} className="font-medium text-brand-700 underline">{c.title}</Link>
                  <span className="block text-xs text-slate-600">{c.reference} · {c.programme}</span>
                </Td>
                <Td><Badge tone={c.status === "OPEN" ? "success" : "neutral"}>{t(`statuses.${c.status}`)}</Badge>{c.kind === "EMERGENCY" ? <> <Badge tone="warning">{t("emergency")}</Badge></> : null}</Td>
                <Td className="whitespace-nowrap">{formatMoney(c.envelope, c.currency, locale)}</Td>
                <Td className="whitespace-nowrap">{formatMoney(c.committed, c.currency, locale)}</Td>
                <Td>{c.applications}</Td>
                <Td className="whitespace-nowrap">{format.dateTime(c.closesAt, { dateStyle: "medium", timeStyle: "short" })}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
    </div>
  );
}
