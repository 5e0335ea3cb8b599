import Link from "next/link";
import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { guardArea } from "@/lib/auth/guard";
import { funderIdsWith } from "@/lib/auth/permissions";
import { listSanctionsQueue } from "@/lib/sanctions/review";
import { statusTone } from "@/components/staff/sanctions-status";
import { getFormats } from "@/lib/i18n/server-formats";

export default async function SanctionsQueuePage() {
  const actor = await guardArea("staff", "/staff/sanctions");
  if (funderIdsWith(actor, "sanctions.view").length === 0) forbidden();
  const t = await getTranslations("sanctions");
  const rows = await listSanctionsQueue(actor);
  const f = await getFormats();
  return (
    <div className="space-y-6">
      <PageHeader title={t("queueTitle")} description={t("queueIntro")} />
      <Card>
        {rows.length === 0 ? <p className="text-sm text-slate-700">{t("queueEmpty")}</p> : (
          <Table caption={t("queueTitle")}>
            <thead><tr><Th>{t("organisation")}</Th><Th>{t("subject")}</Th><Th>{t("listedName")}</Th><Th>{t("list")}</Th><Th>{t("score")}</Th><Th>{t("statusLabel")}</Th></tr></thead>
            <tbody className="divide-y divide-slate-100" data-testid="sanctions-queue">
              {rows.map((m) => (
                <tr key={m.id}>
                  <Td><Link href={`/staff/sanctions/${m.id}`} className="text-brand-700 underline">{m.organisation}</Link></Td>
                  <Td>{t(`subjectKind.${m.subject}`)}</Td>
                  <Td>{m.listedName ?? <span className="text-slate-600">{t("listedHidden")}</span>}</Td>
                  <Td>{t(`lists.${m.list}`)}{m.risk ? <span className="ml-1"><Badge tone="warning">{t("riskOnly")}</Badge></span> : null}</Td>
                  <Td className="font-mono">{f.decimal(m.score, { min: 2, max: 2 })}</Td>
                  <Td><Badge tone={statusTone(m.status)}>{t(`status.${m.status}`)}</Badge></Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
