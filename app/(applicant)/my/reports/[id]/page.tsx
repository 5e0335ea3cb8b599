import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { ReportForm } from "@/components/grants/report-form";
import { ReportView } from "@/components/grants/report-view";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { guardArea } from "@/lib/auth/guard";
import { getReportForMember } from "@/lib/reports/commands";

export default async function MyReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await guardArea("applicant", `/my/reports/${id}`);
  const r = /^[0-9a-f-]{36}$/.test(id) ? await getReportForMember(actor, id) : null;
  if (!r) notFound();
  const t = await getTranslations("reports");
  const format = await getFormats();
  const editable = r.status === "DUE" || r.status === "CHANGES_REQUESTED";
  return (
    <div className="space-y-6">
      <PageHeader title={`${t(`kind.${r.kind}`)} · ${r.grant.number}`} description={t("due", { date: format.dateTime(r.dueDate, { dateStyle: "medium", timeZone: "UTC" }) })} actions={<Badge>{t(`status.${r.status}`)}</Badge>} />
      <Link href={`/my/grants/${r.grant.id}`} className="text-sm text-brand-700 underline">{t("backToGrant")}</Link>
      {r.reviewNote ? <Alert tone="warning">{t("changesRequested", { note: r.reviewNote })}</Alert> : null}
      <Card>
        {editable ? (
          <ReportForm reportId={r.id} lines={r.budget} currency={r.grant.currency} initial={{ narrative: r.narrative, spent: r.financial?.map((l) => l.spent) ?? [] }} />
        ) : (
          <ReportView narrative={r.narrative} financial={r.financial} currency={r.grant.currency} attachments={r.attachments} />
        )}
      </Card>
    </div>
  );
}
