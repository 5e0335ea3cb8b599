import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/applications/status-badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { listStaffQueue } from "@/lib/applications/queries";
import { guardArea } from "@/lib/auth/guard";
import type { Locale } from "@/lib/i18n/locales";
import { formatMoney } from "@/lib/money";

export async function generateMetadata() {
  const t = await getTranslations("staff");
  return { title: t("queueTitle") };
}

export default async function StaffQueuePage() {
  const actor = await guardArea("staff", "/staff");
  const t = await getTranslations("staff");
  const locale = (await getLocale()) as Locale;
  const format = await getFormatter();
  const rows = await listStaffQueue(actor, locale);
  return (
    <div className="space-y-6">
      <PageHeader title={t("queueTitle")} description={t("queueIntro")} />
      <Card>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-700">{t("queueEmpty")}</p>
        ) : (
          <Table caption={t("queueTitle")}>
            <thead>
              <tr>
                <Th>{t("reference")}</Th>
                <Th>{t("application")}</Th>
                <Th>{t("organisation")}</Th>
                <Th>{t("requested")}</Th>
                <Th>{t("status")}</Th>
                <Th>{t("submitted")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="staff-queue">
              {rows.map((a) => (
                <tr key={a.id}>
                  <Td className="font-mono text-xs">{a.reference}</Td>
                  <Td>
                    <span className="font-medium">{a.title}</span>
                    <span className="block text-xs text-slate-600">{a.callTitle}</span>
                  </Td>
                  <Td>{a.organisationLabel}</Td>
                  <Td className="whitespace-nowrap">
                    {a.requestedAmount ? formatMoney(a.requestedAmount, a.currency, locale) : "—"}
                  </Td>
                  <Td>
                    <StatusBadge status={a.status} audience="staff" />
                  </Td>
                  <Td>{a.submittedAt ? format.dateTime(a.submittedAt, { dateStyle: "medium" }) : "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
