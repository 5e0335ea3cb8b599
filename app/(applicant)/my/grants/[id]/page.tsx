import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { guardArea } from "@/lib/auth/guard";
import { getGrantForMember } from "@/lib/grants/queries";
import { formatMoney } from "@/lib/money";
import { findGrantPayee } from "@/lib/bank/accounts-grant";
import { GrantPayeeCard } from "@/components/payees/grant-payee-card";
import { BankStatus } from "@/components/statements/bank-status";
import { trancheBankStatuses } from "@/lib/bank/tranche-status";
import { RequestGrantPayeeForm } from "@/components/payees/grant-payee-forms";

export default async function MyGrantPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await guardArea("applicant", `/my/grants/${id}`);
  const g = /^[0-9a-f-]{36}$/.test(id) ? await getGrantForMember(actor, id) : null;
  if (!g) notFound();
  const [payee, bank] = await Promise.all([findGrantPayee(actor, g.id), trancheBankStatuses(actor, g.id)]);
  const t = await getTranslations("myGrant");
  const ts = await getTranslations("schedule");
  const tr = await getTranslations("reports");
  const locale = await getLocale();
  const format = await getFormats();
  const money = (v: string) => formatMoney(v, g.currency, locale);
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" });
  return (
    <div className="space-y-6">
      <PageHeader title={`${t("title")} ${g.number}`} description={g.application.title} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Card><p className="text-xs text-slate-600">{t("amount")}</p><p className="text-lg font-semibold">{money(g.amount)}</p></Card>
        <Card><p className="text-xs text-slate-600">{t("received")}</p><p className="text-lg font-semibold" data-testid="received">{money(g.received)}</p></Card>
        <Card><p className="text-xs text-slate-600">{t("period")}</p><p className="text-sm">{date(g.startDate)} – {date(g.endDate)}</p></Card>
      </div>
      <GrantPayeeCard payee={payee}>
        {payee.canRequest && payee.choices.length > 0 ? <RequestGrantPayeeForm grantId={g.id} choices={payee.choices} /> : null}
      </GrantPayeeCard>
      <Card title={t("schedule")}>
        <Table caption={t("schedule")}>
          <thead><tr><Th>#</Th><Th>{ts("amount")}</Th><Th>{ts("date")}</Th><Th>{ts("conditionLabel")}</Th><Th>{t("paid")}</Th><Th>{t("bank")}</Th></tr></thead>
          <tbody className="divide-y divide-slate-100" data-testid="my-tranches">
            {g.schedule.map((s) => (
              <tr key={s.sequence}><Td>{s.sequence}</Td><Td>{money(s.plannedAmount)}</Td><Td>{date(s.plannedDate)}</Td><Td>{ts(`condition.${s.condition}`)}</Td><Td>{s.paid ? <Badge tone="success">{t("yes")}</Badge> : "—"}</Td><Td><BankStatus status={bank.get(s.id)} day={(d) => format.day(d)} /></Td></tr>
            ))}
          </tbody>
        </Table>
      </Card>
      <Card title={t("payments")}>
        {g.payments.length === 0 ? <p className="text-sm text-slate-600">{t("noPayments")}</p> : (
          <ul className="space-y-1 text-sm" data-testid="payments">
            {g.payments.map((p, i) => <li key={i} className="flex justify-between"><span>{date(p.valueDate)} · {t(`kind.${p.kind}`)}</span><span>{money(p.amount)}</span></li>)}
          </ul>
        )}
      </Card>
      <Card title={tr("title")}>
        <ul className="space-y-2 text-sm" data-testid="my-reports">
          {g.reports.map((r) => (
            <li key={r.id} className="flex justify-between gap-2">
              <Link href={`/my/reports/${r.id}`} className="text-brand-700 underline">{tr(`kind.${r.kind}`)} · {tr("due", { date: date(r.dueDate) })}</Link>
              <Badge tone={r.status === "ACCEPTED" ? "success" : r.status === "CHANGES_REQUESTED" ? "warning" : "neutral"}>{tr(`status.${r.status}`)}</Badge>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
