import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { ReportView } from "@/components/grants/report-view";
import { ReviewReportForm } from "@/components/grants/review-report-form";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { guardArea } from "@/lib/auth/guard";
import { getReportForStaff } from "@/lib/reports/commands";

export default async function StaffReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await guardArea("staff", `/staff/reports/${id}`);
  const report = /^[0-9a-f-]{36}$/.test(id) ? await getReportForStaff(actor, id) : null;
  if (!report) notFound();
  const t = await getTranslations("reports");
  const format = await getFormats();
  return (
    <div className="space-y-6">
      <PageHeader title={`${t(`kind.${report.kind}`)} · ${report.grant.number}`} description={t("due", { date: format.dateTime(report.dueDate, { dateStyle: "medium", timeZone: "UTC" }) })} actions={<Badge>{t(`status.${report.status}`)}</Badge>} />
      <Link href={`/staff/grants/${report.grant.id}`} className="text-sm text-brand-700 underline">{t("backToGrant")}</Link>
      <Card>
        {report.narrative ? <ReportView narrative={report.narrative} financial={report.financial} currency={report.grant.currency} attachments={report.attachments} /> : <p className="text-sm text-slate-600">{t("notSubmitted")}</p>}
      </Card>
      {report.canReview ? <Card title={t("review")}><ReviewReportForm reportId={report.id} /></Card> : null}
    </div>
  );
}
