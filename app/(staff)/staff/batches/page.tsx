import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BatchButtons, PrepareBatchForm } from "@/components/batches/batch-forms";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { guardArea } from "@/lib/auth/guard";
import { canAtFunder, funderIdsWith } from "@/lib/auth/permissions";
import { maskAccount } from "@/lib/bank/account";
import { listBatches, payableTranches } from "@/lib/bank/batches";
import { funderBankAccounts } from "@/lib/bank/funder-accounts";
import { getFormats } from "@/lib/i18n/server-formats";
import { isoDayFromNow } from "@/lib/time";

export async function generateMetadata() {
  const t = await getTranslations("batches");
  return { title: t("title") };
}

export default async function BatchesPage() {
  const actor = await guardArea("staff", "/staff/batches");
  const funders = [...new Set([...funderIdsWith(actor, "payments.record"), ...funderIdsWith(actor, "payments.approve")])];
  if (funders.length === 0) forbidden();
  const t = await getTranslations("batches");
  const f = await getFormats();
  const sections = await Promise.all(funders.map(async (funderId) => {
    const finance = canAtFunder(actor, "payments.record", funderId);
    return {
      funderId, finance,
      batches: await listBatches(actor, funderId),
      payable: finance ? await payableTranches(actor, funderId) : [],
      debtors: finance ? await funderBankAccounts(actor, funderId) : [],
    };
  }));
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      {sections.map((s) => (
        <div key={s.funderId} className="space-y-6">
          {s.finance ? (
            <Card title={t("payableTitle")}>
              {s.payable.length === 0 ? <p className="text-sm text-slate-700">{t("noPayable")}</p>
                : s.debtors.length === 0 ? <p className="text-sm text-slate-700">{t("noDebtor")}</p>
                : (
                  <PrepareBatchForm
                    funderId={s.funderId}
                    today={isoDayFromNow(1)}
                    debtors={s.debtors.map((d) => ({ id: d.id, label: `${d.holderName} · ${maskAccount({ kind: "sepa", iban: d.iban })} · ${d.currency}` }))}
                    tranches={s.payable.map((p) => ({
                      trancheId: p.trancheId, label: t("trancheLabel", { grant: p.grantNumber, sequence: p.sequence }), organisation: p.organisation,
                      amount: f.money(p.amount, p.currency), account: p.payeeMasked, kind: p.payeeKind, blocked: p.blocked,
                    }))}
                  />
                )}
            </Card>
          ) : null}
          <Card title={t("listTitle")}>
            {s.batches.length === 0 ? <p className="text-sm text-slate-700">{t("none")}</p> : (
              <Table caption={t("listTitle")}>
                <thead><tr><Th>{t("reference")}</Th><Th>{t("kindLabel")}</Th><Th className="text-right">{t("total")}</Th><Th>{t("executionDate")}</Th><Th>{t("statusLabel")}</Th><Th>{t("actions")}</Th></tr></thead>
                <tbody className="divide-y divide-slate-100" data-testid="batches">
                  {s.batches.map((b) => (
                    <tr key={b.id}>
                      <Td className="font-mono">{b.reference}</Td>
                      <Td>{t(`kind.${b.kind}`)}</Td>
                      <Td className="text-right whitespace-nowrap">{f.money(b.total, b.currency)}<span className="block text-xs text-slate-600">{t("count", { count: b.count })}</span></Td>
                      <Td>{f.day(b.requestedExecutionDate)}</Td>
                      <Td><Badge tone={b.status === "RELEASED" ? "success" : b.status === "PREPARED" ? "warning" : "neutral"}>{t(`status.${b.status}`)}</Badge></Td>
                      <Td>
                        {b.status === "PREPARED" ? (
                          b.preparedById === actor.userId
                            ? <div className="space-y-2"><p className="text-xs text-slate-700">{t("waitingForRelease")}</p><BatchButtons batchId={b.id} canRelease={false} canCancel={s.finance} /></div>
                            : <BatchButtons batchId={b.id} canRelease canCancel={s.finance} />
                        ) : b.status === "RELEASED" ? (
                          <div className="flex flex-wrap gap-3 text-sm">
                            {b.kind === "SEPA" ? (
                              <>
                                <a className="text-brand-700 underline" href={`/api/bank/batches/${b.id}/file`}>{t("downloadPain09")}</a>
                                <a className="text-brand-700 underline" href={`/api/bank/batches/${b.id}/file?version=pain.001.001.03`}>{t("downloadPain03")}</a>
                              </>
                            ) : <a className="text-brand-700 underline" href={`/api/bank/batches/${b.id}/file`}>{t("downloadCsv")}</a>}
                          </div>
                        ) : null}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Card>
        </div>
      ))}
    </div>
  );
}
