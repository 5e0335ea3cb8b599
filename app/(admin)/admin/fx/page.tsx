import { getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { FxImportForm } from "@/components/forms/fx-import-form";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { guardArea } from "@/lib/auth/guard";
import { latestRates } from "@/lib/ledger/fx-import";

export default async function FxPage() {
  const actor = await guardArea("admin", "/admin/fx");
  const t = await getTranslations("fx");
  const format = await getFormats();
  const rates = await latestRates(actor);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <Card title={t("importTitle")}><FxImportForm /></Card>
      <Card title={t("latest")}>
        <Table caption={t("latest")}>
          <thead><tr><Th>{t("currency")}</Th><Th>{t("date")}</Th><Th className="text-right">{t("perEur")}</Th></tr></thead>
          <tbody className="divide-y divide-slate-100" data-testid="fx-rates">
            {rates.map((r) => <tr key={r.currency}><Td>{r.currency}</Td><Td>{format.dateTime(r.date, { dateStyle: "medium", timeZone: "UTC" })}</Td><Td className="text-right font-mono">{format.decimal(r.perEur)}</Td></tr>)}
          </tbody>
        </Table>
      </Card>
    </div>
  );
}
