import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { guardArea } from "@/lib/auth/guard";
import type { Locale } from "@/lib/i18n/locales";
import { listMyAssignments } from "@/lib/reviews/queries";

export default async function MyReviewsPage() {
  const actor = await guardArea("staff", "/staff/reviews");
  const t = await getTranslations("reviewPage");
  const tr = await getTranslations("reviewers.status");
  const format = await getFormats();
  const rows = await listMyAssignments(actor, (await getLocale()) as Locale);
  return (
    <div className="space-y-6">
      <PageHeader title={t("listTitle")} description={t("listIntro")} />
      <Card>
        {rows.length === 0 ? <p className="text-sm text-slate-700">{t("none")}</p> : (
          <Table caption={t("listTitle")}>
            <thead><tr><Th>{t("reference")}</Th><Th>{t("call")}</Th><Th>{t("applicant")}</Th><Th>{t("status")}</Th><Th>{t("assigned")}</Th></tr></thead>
            <tbody className="divide-y divide-slate-100" data-testid="my-reviews">
              {rows.map((r) => (
                <tr key={r.id}>
                  <Td><Link href={`/staff/reviews/${r.id}`} className="font-mono text-xs text-brand-700 underline">{r.reference}</Link></Td>
                  <Td>{r.callTitle}</Td>
                  <Td>{r.applicant}</Td>
                  <Td><Badge tone={r.status === "SUBMITTED" ? "success" : r.status === "CONFLICT" ? "danger" : "info"}>{tr(r.status)}</Badge></Td>
                  <Td>{format.dateTime(r.assignedAt, { dateStyle: "medium" })}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
