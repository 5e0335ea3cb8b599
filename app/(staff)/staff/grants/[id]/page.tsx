import { randomUUID } from "node:crypto";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { BudgetAmendmentForm } from "@/components/grants/budget-amendment-form";
import { DecideBudgetButtons, GrantStatusForm, RecordPaymentForm, ReverseForm, TrancheStepButton } from "@/components/grants/payment-forms";
import { ScheduleEditor } from "@/components/grants/schedule-editor";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { guardArea } from "@/lib/auth/guard";
import { getGrantForStaff } from "@/lib/grants/queries";
import type { Locale } from "@/lib/i18n/locales";
import { formatMoney } from "@/lib/money";
import { findGrantPayee } from "@/lib/bank/accounts-grant";
import { GrantPayeeCard } from "@/components/payees/grant-payee-card";
import { BankStatus } from "@/components/statements/bank-status";
import { trancheBankStatuses } from "@/lib/bank/tranche-status";
import { PayeeDecisionForm } from "@/components/payees/decision-form";
import { decideGrantPayeeAction } from "../actions";

const NEXT_STATUS: Record<string, string[]> = { ACTIVE: ["SUSPENDED", "CLOSED", "TERMINATED"], SUSPENDED: ["ACTIVE", "TERMINATED"], CLOSED: [], TERMINATED: [] };
const newKey = () => randomUUID().replaceAll("-", "");

export default async function GrantPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await guardArea("staff", `/staff/grants/${id}`);
  const locale = (await getLocale()) as Locale;
  const g = /^[0-9a-f-]{36}$/.test(id) ? await getGrantForStaff(actor, id, locale) : null;
  if (!g) notFound();
  const [payee, bank] = await Promise.all([findGrantPayee(actor, g.id), trancheBankStatuses(actor, g.id)]);
  const t = await getTranslations("grant");
  const tp = await getTranslations("payments");
  const ts = await getTranslations("schedule");
  const tb = await getTranslations("grantBudget");
  const tr = await getTranslations("reports");
  const tc = await getTranslations("editor.categories");
  const format = await getFormats();
  const money = (v: string) => formatMoney(v, g.currency, locale);
  const today = new Date().toISOString().slice(0, 10);
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" });
  const current = g.budgets.find((b) => b.status === "CONFIRMED");
  const proposal = g.budgets.find((b) => b.status === "PROPOSED");
  return (
    <div className="space-y-6">
      <PageHeader title={`${t("title")} ${g.number}`} description={`${g.organisation} · ${g.call}`} actions={<Badge tone={g.status === "ACTIVE" ? "success" : "neutral"}>{t(`status.${g.status}`)}</Badge>} />
      {!g.reconciliation.ok ? <Alert tone="error">{t("reconcileProblems", { problems: format.list(g.reconciliation.problems.map((p) => t(`reconcileProblem.${p}`))) })}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-4" data-testid="balances">
        {(["committed", "disbursed", "remaining"] as const).map((k) => (
          <Card key={k}><p className="text-xs text-slate-600">{t(`balance.${k}`)}</p><p className="text-lg font-semibold" data-testid={`balance-${k}`}>{money(g.balances[k])}</p></Card>
        ))}
        <Card><p className="text-xs text-slate-600">{t("period")}</p><p className="text-sm">{date(g.startDate)} – {date(g.endDate)}</p><Link href={`/staff/applications/${g.application.id}`} className="text-xs text-brand-700 underline">{g.application.reference}</Link></Card>
      </div>

      <GrantPayeeCard payee={payee}>
        {payee.canDecide && payee.pending ? <PayeeDecisionForm action={decideGrantPayeeAction} fields={{ grantId: g.id, changeId: payee.pending.id }} testId="decide-grant-payee" /> : null}
      </GrantPayeeCard>

      <Card title={ts("title")}>
        <Table caption={ts("title")}>
          <thead><tr><Th>#</Th><Th>{ts("amount")}</Th><Th>{ts("date")}</Th><Th>{ts("conditionLabel")}</Th><Th>{ts("status")}</Th><Th>{ts("steps")}</Th></tr></thead>
          <tbody className="divide-y divide-slate-100" data-testid="tranches">
            {g.tranches.map((x) => (
              <tr key={x.id}>
                <Td>{x.sequence}</Td>
                <Td className="whitespace-nowrap">{money(x.plannedAmount)}</Td>
                <Td>{date(x.plannedDate)}</Td>
                <Td>{ts(`condition.${x.condition}`)}</Td>
                <Td><Badge tone={x.status === "PAID" ? "success" : x.status === "CANCELLED" ? "neutral" : "info"}>{tp(`status.${x.status}`)}</Badge><BankStatus status={bank.get(x.id)} day={(d) => format.day(d)} /></Td>
                <Td className="space-y-2 text-xs">
                  {x.requestedBy ? <p>{tp("requestedBy", { name: x.requestedBy })}</p> : null}
                  {x.approvedBy ? <p>{tp("approvedBy", { name: x.approvedBy })}</p> : null}
                  {x.paidBy ? <p>{tp("paidBy", { name: x.paidBy })}</p> : null}
                  {g.status === "ACTIVE" && x.status === "PLANNED" && g.can.request ? <TrancheStepButton step="request" grantId={g.id} trancheId={x.id} /> : null}
                  {g.status === "ACTIVE" && x.status === "REQUESTED" && g.can.approve ? (x.requestedById === g.me ? <p className="text-slate-600">{tp("notOwn")}</p> : <TrancheStepButton step="approve" grantId={g.id} trancheId={x.id} />) : null}
                  {g.status === "ACTIVE" && x.status === "APPROVED" && g.can.record ? (x.requestedById === g.me || x.approvedById === g.me ? <p className="text-slate-600">{tp("notOwn")}</p> : <RecordPaymentForm grantId={g.id} trancheId={x.id} currency={g.currency} idempotencyKey={newKey()} today={today} startDate={g.startDate.toISOString().slice(0, 10)} startLabel={date(g.startDate)} />) : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
        {g.can.manage && g.status === "ACTIVE" ? (
          <div className="mt-4">
            <h3 className="mb-2 text-sm font-semibold">{ts("edit")}</h3>
            <ScheduleEditor
              grantId={g.id}
              version={g.version}
              amount={g.amount}
              currency={g.currency}
              lockedTotal={g.lockedTotal}
              firstNumber={g.firstPlannedNumber}
              initial={g.tranches.filter((x) => x.status === "PLANNED").map((x) => ({ amount: x.plannedAmount, date: x.plannedDate.toISOString().slice(0, 10), condition: x.condition }))}
            />
          </div>
        ) : null}
      </Card>

      <Card title={t("ledger")}>
        <Table caption={t("ledger")}>
          <thead><tr><Th>#</Th><Th>{t("kind")}</Th><Th>{t("valueDate")}</Th><Th className="text-right">{t("amount")}</Th><Th className="text-right">EUR</Th><Th>{t("reference")}</Th><Th><span className="sr-only">{t("ledgerActions")}</span></Th></tr></thead>
          <tbody className="divide-y divide-slate-100" data-testid="ledger">
            {g.ledger.map((e) => (
              <tr key={e.id}>
                <Td className="font-mono text-xs">{e.id}</Td>
                <Td>{t(`kinds.${e.kind}`)}{e.reversesId ? ` #${e.reversesId}` : ""}</Td>
                <Td>{date(e.valueDate)}</Td>
                <Td className="text-right whitespace-nowrap">{money(e.amount)}</Td>
                <Td className="text-right whitespace-nowrap">{formatMoney(e.eurAmount, "EUR", locale)}<span className="block text-xs text-slate-600">{t("rate", { rate: format.decimal(e.eurRate) })}</span></Td>
                <Td className="text-xs">{e.bankReference ?? (e.noteCode ? t(`ledgerNote.${e.noteCode}`, { reason: e.note ?? "" }) : e.note) ?? ""}{e.paid ? <span className="block">{t("paidIn", { amount: formatMoney(e.paid.amount, e.paid.currency, locale) })}</span> : null}<span className="block text-slate-600">{e.by}</span></Td>
                <Td>{e.kind === "DISBURSEMENT" && !e.reversed && g.can.record ? <ReverseForm grantId={g.id} ledgerEntryId={e.id} idempotencyKey={newKey()} today={today} /> : null}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={tb("title")}>
          {current ? (
            <>
              <p className="mb-2 text-xs text-slate-600">{tb("version", { version: current.version, total: money(current.total) })}</p>
              {current.total !== g.amount ? <Alert tone="warning" className="mb-2">{tb("totalDiffers")}</Alert> : null}
              <ul className="mb-4 space-y-1 text-sm">{current.lines.map((l, i) => <li key={i} className="flex justify-between gap-2"><span>{tc(l.category)} · {l.description}</span><span>{money(l.amount)}</span></li>)}</ul>
            </>
          ) : null}
          {proposal ? (
            <div className="rounded-md bg-amber-50 p-3 ring-1 ring-amber-200">
              <p className="text-sm font-medium">{tb("proposal", { version: proposal.version, by: proposal.proposedBy ?? "—" })}</p>
              <p className="text-xs">{proposal.reason}</p>
              <ul className="my-2 space-y-1 text-sm">{proposal.lines.map((l, i) => <li key={i} className="flex justify-between"><span>{tc(l.category)} · {l.description}</span><span>{money(l.amount)}</span></li>)}</ul>
              {g.can.confirmBudget && proposal.proposedById !== g.me ? <DecideBudgetButtons grantId={g.id} budgetId={proposal.id} /> : null}
            </div>
          ) : g.can.manage && g.status === "ACTIVE" ? (
            <details>
              <summary className="cursor-pointer text-sm font-medium text-brand-700">{tb("amend")}</summary>
              <div className="mt-3"><BudgetAmendmentForm grantId={g.id} current={current?.lines ?? []} /></div>
            </details>
          ) : null}
        </Card>
        <Card title={tr("title")}>
          <ul className="space-y-1 text-sm">
            {g.reports.map((r) => (
              <li key={r.id} className="flex justify-between gap-2">
                <Link href={`/staff/reports/${r.id}`} className="text-brand-700 underline">{tr(`kind.${r.kind}`)} · {date(r.dueDate)}</Link>
                <Badge tone={r.status === "ACCEPTED" ? "success" : r.status === "SUBMITTED" ? "info" : "neutral"}>{tr(`status.${r.status}`)}</Badge>
              </li>
            ))}
          </ul>
          {g.can.manage ? <div className="mt-4"><GrantStatusForm grantId={g.id} options={NEXT_STATUS[g.status] ?? []} /></div> : null}
        </Card>
      </div>
    </div>
  );
}
