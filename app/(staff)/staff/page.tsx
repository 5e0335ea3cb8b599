import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { StatusBadge } from "@/components/applications/status-badge";
import { QueueFilters } from "@/components/staff/queue-filters";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { ZQueueFilters, listQueue, listQueueCalls } from "@/lib/applications/queue";
import { EMERGENCY_TARGET_HOURS } from "@/lib/applications/staff-view";
import { guardArea } from "@/lib/auth/guard";
import { funderIdsWith } from "@/lib/auth/permissions";
import { countryName, countryOptions } from "@/lib/countries";
import { listPendingDecisions } from "@/lib/decisions/commands";
import { listPaymentWork } from "@/lib/grants/queries";
import type { Locale } from "@/lib/i18n/locales";
import { formatMoney } from "@/lib/money";
import { listMyAssignments } from "@/lib/reviews/queries";

export async function generateMetadata() {
  const t = await getTranslations("staff");
  return { title: t("queueTitle") };
}

export default async function StaffHome({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await guardArea("staff", "/staff");
  const t = await getTranslations("staff");
  const tq = await getTranslations("queue");
  const locale = (await getLocale()) as Locale;
  const format = await getFormats();
  const filters = ZQueueFilters.parse(await searchParams);
  const canView = funderIdsWith(actor, "applications.view").length > 0;
  const [queue, calls, pending, assignments, payments] = await Promise.all([
    canView ? listQueue(actor, filters, locale) : null,
    canView ? listQueueCalls(actor, locale) : [],
    listPendingDecisions(actor),
    funderIdsWith(actor, "reviews.perform").length ? listMyAssignments(actor, locale) : [],
    listPaymentWork(actor),
  ]);
  const paymentList = (title: string, rows: typeof payments.awaitingPayment, testId: string) =>
    rows.length === 0 ? null : (
      <Card title={title}>
        <ul className="divide-y divide-slate-100" data-testid={testId}>
          {rows.map((p) => (
            <li key={p.id} className="flex flex-wrap justify-between gap-2 py-2 text-sm">
              <Link href={`/staff/grants/${p.grantId}`} className="font-medium text-brand-700 underline">{p.grantNumber} · {t("tranche", { n: p.sequence })}</Link>
              <span>{p.organisation} · {formatMoney(p.plannedAmount, p.currency, locale)} · {format.dateTime(p.plannedDate, { dateStyle: "medium", timeZone: "UTC" })}</span>
            </li>
          ))}
        </ul>
      </Card>
    );
  const openReviews = assignments.filter((a) => a.status === "PENDING" || a.status === "ACCEPTED");
  const nextParams = queue?.next ? new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])), after: queue.next }) : null;
  return (
    <div className="space-y-6">
      <PageHeader title={t("queueTitle")} description={t("queueIntro")} />
      {pending.filter((d) => !d.own).length > 0 ? (
        <Card title={t("awaitingApproval")}>
          <ul className="divide-y divide-slate-100" data-testid="pending-decisions">
            {pending.filter((d) => !d.own).map((d) => (
              <li key={d.id} className="flex flex-wrap justify-between gap-2 py-2 text-sm">
                <Link href={`/staff/applications/${d.application.id}`} className="font-medium text-brand-700 underline">
                  {d.application.reference} · {d.application.title}
                </Link>
                <span>
                  {d.kind === "APPROVE" && d.amount ? t("recommendedApprove", { amount: formatMoney(d.amount, d.application.currency, locale) }) : t("recommendedReject")}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {paymentList(t("paymentsToApprove"), payments.awaitingApproval.filter((p) => p.requestedById !== actor.userId), "payments-to-approve")}
      {paymentList(t("paymentsToRecord"), payments.awaitingPayment.filter((p) => p.requestedById !== actor.userId && p.approvedById !== actor.userId), "payments-to-record")}
      {openReviews.length > 0 ? (
        <Card title={t("myReviews")}>
          <p className="text-sm">
            <Link href="/staff/reviews" className="font-medium text-brand-700 underline">{t("openReviews", { count: openReviews.length })}</Link>
          </p>
        </Card>
      ) : null}
      {!queue && payments.awaitingApproval.length + payments.awaitingPayment.length === 0 ? <Card><p className="text-sm text-slate-700">{t("queueEmpty")}</p></Card> : null}
      {queue ? (
        <>
          <QueueFilters filters={filters} calls={calls} countries={countryOptions(locale)} />
          <Card>
            {queue.rows.length === 0 ? (
              <p className="text-sm text-slate-700">{t("queueEmpty")}</p>
            ) : (
              <Table caption={t("queueTitle")}>
                <thead>
                  <tr>
                    <Th>{t("reference")}</Th>
                    <Th>{t("application")}</Th>
                    <Th>{t("organisation")}</Th>
                    <Th>{t("requested")}</Th>
                    <Th>{tq("score")}</Th>
                    <Th>{t("status")}</Th>
                    <Th>{tq("age")}</Th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100" data-testid="staff-queue">
                  {queue.rows.map((a) => (
                    <tr key={a.id}>
                      <Td className="font-mono text-xs">{a.reference}</Td>
                      <Td>
                        <Link href={`/staff/applications/${a.id}`} className="font-medium text-brand-700 underline">{a.title || a.reference}</Link>
                        <span className="block text-xs text-slate-600">{a.callTitle}</span>
                      </Td>
                      <Td>
                        {a.organisationLabel}
                        <span className="block text-xs text-slate-600">{countryName(a.country, locale)}</span>
                      </Td>
                      <Td className="whitespace-nowrap">{a.requestedAmount ? formatMoney(a.requestedAmount, a.currency, locale) : "—"}</Td>
                      <Td>{a.scoreAvg ? `${format.decimal(a.scoreAvg, { min: 2, max: 2 })} ± ${format.decimal(a.scoreSpread ?? "0", { min: 2, max: 2 })}` : "—"}</Td>
                      <Td><StatusBadge status={a.status} audience="staff" /></Td>
                      <Td className="whitespace-nowrap">
                        {a.emergency && a.ageHours !== null ? (
                          <span className="flex flex-col gap-1">
                            <Badge tone={a.ageHours >= EMERGENCY_TARGET_HOURS ? "danger" : a.ageHours >= 48 ? "warning" : "info"}>
                              {tq("hours", { hours: a.ageHours, target: EMERGENCY_TARGET_HOURS })}
                            </Badge>
                          </span>
                        ) : a.submittedAt ? (
                          format.relativeTime(a.submittedAt)
                        ) : "—"}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
            {nextParams ? (
              <div className="mt-4 text-right">
                <Link href={`/staff?${nextParams}`} className="text-sm font-medium text-brand-700 underline">{tq("next")}</Link>
              </div>
            ) : null}
          </Card>
        </>
      ) : null}
    </div>
  );
}
