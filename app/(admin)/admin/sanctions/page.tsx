import { getTranslations } from "next-intl/server";
import { SanctionsImportForm } from "@/components/forms/sanctions-import-form";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { guardArea } from "@/lib/auth/guard";
import { getFormats } from "@/lib/i18n/server-formats";
import { listVersions } from "@/lib/sanctions/queries";

export default async function SanctionsListsPage() {
  const actor = await guardArea("admin", "/admin/sanctions");
  const t = await getTranslations("sanctionsAdmin");
  const ts = await getTranslations("sanctions");
  const f = await getFormats();
  const versions = await listVersions(actor);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <Card title={t("importTitle")}>
        <SanctionsImportForm />
        <p className="mt-4 text-xs text-slate-600">{t("cliHint")}</p>
      </Card>
      <Card title={t("versionsTitle")}>
        {versions.length === 0 ? <p className="text-sm text-slate-700">{t("noVersions")}</p> : (
          <Table caption={t("versionsTitle")}>
            <thead><tr><Th>{ts("list")}</Th><Th>{t("published")}</Th><Th>{t("importedAt")}</Th><Th className="text-right">{t("entries")}</Th><Th className="text-right">{t("added")}</Th><Th className="text-right">{t("removed")}</Th><Th className="text-right">{t("changed")}</Th><Th>{t("sha256")}</Th></tr></thead>
            <tbody className="divide-y divide-slate-100" data-testid="sanctions-versions">
              {versions.map((v) => (
                <tr key={v.id}>
                  <Td>{ts(`lists.${v.list}`)} {v.inForce ? <Badge tone="success">{t("inForce")}</Badge> : null}<span className="block text-xs text-slate-600">{t(`sources.${v.source}`)}</span></Td>
                  <Td>{v.publicationDate ? f.day(v.publicationDate) : "—"}</Td>
                  <Td>{f.dateTime(v.importedAt, { dateStyle: "medium", timeStyle: "short" })}</Td>
                  <Td className="text-right font-mono">{f.decimal(v.entries, { max: 0 })}</Td>
                  <Td className="text-right font-mono">{f.decimal(v.added, { max: 0 })}</Td>
                  <Td className="text-right font-mono">{f.decimal(v.removed, { max: 0 })}</Td>
                  <Td className="text-right font-mono">{f.decimal(v.changed, { max: 0 })}</Td>
                  <Td className="font-mono text-xs">{v.sha256.slice(0, 12)}…</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
