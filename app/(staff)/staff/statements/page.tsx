import Link from "next/link";
import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LineButtons, StatementUploadForm } from "@/components/statements/statement-forms";
import { LinesTable } from "@/components/statements/lines-table";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { guardArea } from "@/lib/auth/guard";
import { canAtFunder, funderIdsWith } from "@/lib/auth/permissions";
import { maskAccount } from "@/lib/bank/account";
import { listStatements, statementTotals, unmatchedLines } from "@/lib/bank/statements";
import { getFormats } from "@/lib/i18n/server-formats";

export async function generateMetadata() {
  const t = await getTranslations("statements");
  return { title: t("title") };
}

const OUTCOMES = ["BOOKED", "RETURNED", "UNMATCHED", "REPEATED", "IGNORED"] as const;

export default async function StatementsPage() {
  const actor = await guardArea("staff", "/staff/statements");
  const funders = [...new Set([...funderIdsWith(actor, "payments.record"), ...funderIdsWith(actor, "payments.approve")])];
  if (funders.length === 0) forbidden();
  const t = await getTranslations("statements");
  const f = await getFormats();
  const sections = await Promise.all(funders.map(async (funderId) => ({
    funderId,
    finance: canAtFunder(actor, "payments.record", funderId),
    statements: await listStatements(actor, funderId),
    unmatched: await unmatchedLines(actor, funderId),
    totals: await statementTotals(actor, funderId),
  })));
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      {sections.map((s) => (
        <div key={s.funderId} className="space-y-6">
          {s.finance ? <Card title={t("uploadTitle")}><StatementUploadForm funderId={s.funderId} /></Card> : null}
          <Card title={t("unmatchedTitle")}>
            {s.unmatched.length === 0 ? <p className="text-sm text-slate-700">{t("noUnmatched")}</p> : (
              <LinesTable lines={s.unmatched} caption={t("unmatchedTitle")} testId="unmatched-lines" money={f.money} day={(d) => f.day(d)}
                actions={s.finance ? (l) => <LineButtons lineId={l.id} canConfirm={l.suggestion !== null} /> : undefined} />
            )}
            {s.totals.unmatched > s.unmatched.length ? <p className="mt-3 text-sm text-slate-700">{t("shownOf", { shown: s.unmatched.length, total: s.totals.unmatched })}</p> : null}
          </Card>
          <Card title={t("listTitle")}>
            {s.statements.length === 0 ? <p className="text-sm text-slate-700">{t("none")}</p> : (
              <Table caption={t("listTitle")}>
                <thead><tr><Th>{t("statementRef")}</Th><Th>{t("account")}</Th><Th>{t("importedAt")}</Th><Th>{t("lines")}</Th></tr></thead>
                <tbody className="divide-y divide-slate-100" data-testid="statements">
                  {s.statements.map((st) => (
                    <tr key={st.id}>
                      <Td><Link className="font-mono text-brand-700 underline" href={`/staff/statements/${st.id}`}>{st.statementRef}</Link><span className="block text-xs text-slate-600">{st.format}</span></Td>
                      <Td className="font-mono">{maskAccount({ kind: "sepa", iban: st.accountIban })}</Td>
                      <Td>{f.dateTime(st.importedAt, { dateStyle: "medium", timeStyle: "short" })}</Td>
                      <Td className="text-xs">
                        {OUTCOMES.filter((o) => st.counts[o]).map((o) => <span key={o} className="block">{t("outcomeCount", { outcome: t(`outcome.${o}`), count: st.counts[o]! })}</span>)}
                        {st.lineCount === 0 ? t("noNewLines") : null}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
            {s.totals.statements > s.statements.length ? <p className="mt-3 text-sm text-slate-700">{t("shownOf", { shown: s.statements.length, total: s.totals.statements })}</p> : null}
          </Card>
        </div>
      ))}
    </div>
  );
}
