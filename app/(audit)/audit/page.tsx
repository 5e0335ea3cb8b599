import { getFormatter, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { checkAuditChain, listRecentAuditEvents } from "@/lib/audit/queries";
import { guardArea } from "@/lib/auth/guard";

export async function generateMetadata() {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

export default async function AuditLanding() {
  const actor = await guardArea("audit", "/audit");
  const t = await getTranslations("audit");
  const format = await getFormatter();
  const [chain, events] = await Promise.all([checkAuditChain(actor), listRecentAuditEvents(actor)]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <Card title={t("chainTitle")}>
        {chain.ok ? (
          <Alert tone="success">
            <span data-testid="chain-status">{t("chainOk", { events: chain.events })}</span>
            <span className="mt-1 block break-all font-mono text-xs">{chain.headHash}</span>
          </Alert>
        ) : (
          <Alert tone="error">
            <span data-testid="chain-status">{t("chainBroken", { id: chain.brokenAt, reason: t(`chainReason.${chain.reason}`) })}</span>
          </Alert>
        )}
      </Card>
      <Card title={t("recentTitle")}>
        {events.length === 0 ? (
          <p className="text-sm text-slate-700">{t("noEvents")}</p>
        ) : (
          <Table caption={t("recentTitle")}>
            <thead>
              <tr>
                <Th>{t("time")}</Th>
                <Th>{t("action")}</Th>
                <Th>{t("entity")}</Th>
                <Th>{t("role")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.map((e) => (
                <tr key={e.id}>
                  <Td className="whitespace-nowrap">{format.dateTime(e.at, { dateStyle: "short", timeStyle: "medium" })}</Td>
                  <Td className="font-mono text-xs">{e.action}</Td>
                  <Td className="font-mono text-xs">{e.entityType}</Td>
                  <Td>{e.actorRole ?? "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
