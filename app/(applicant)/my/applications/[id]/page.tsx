import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { AnswerForm } from "@/components/applications/answer-form";
import { ApplicationEditor } from "@/components/applications/application-editor";
import { ApplicationSummary } from "@/components/applications/application-summary";
import { AttachmentsPanel } from "@/components/applications/attachments-panel";
import { StatusBadge } from "@/components/applications/status-badge";
import { ButtonForm } from "@/components/forms/confirm-button-form";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { getApplicationForMember } from "@/lib/applications/member-view";
import { guardArea } from "@/lib/auth/guard";
import type { Locale } from "@/lib/i18n/locales";
import { formatMoney } from "@/lib/money";
import { withdrawApplicationAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("application");
  return { title: t("title") };
}

export default async function ApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await guardArea("applicant", `/my/applications/${id}`);
  const locale = (await getLocale()) as Locale;
  const app = /^[0-9a-f-]{36}$/.test(id) ? await getApplicationForMember(actor, id, locale) : null;
  if (!app) notFound();
  const t = await getTranslations("application");
  const tt = await getTranslations("timeline");
  const tc = await getTranslations("clarification");
  const format = await getFormats();
  const c = app.content;
  return (
    <div className="space-y-6">
      <PageHeader
        title={c.title || t("untitled")}
        description={
          <>
            <span className="font-mono text-xs">{app.reference}</span> ·{" "}
            <Link href={`/calls/${app.call.id}`} className="underline">{app.call.title}</Link> · {app.organisation.name}
          </>
        }
        actions={<StatusBadge status={app.status} audience="applicant" />}
      />

      {app.status === "CLARIFICATION_REQUESTED" ? <Alert tone="warning">{t("clarificationBanner")}</Alert> : null}
      {app.ineligibleReasons ? (
        <Alert tone="error">
          <p className="font-medium">{t("ineligible")}</p>
          <p className="mt-1 whitespace-pre-line">{app.ineligibleReasons}</p>
        </Alert>
      ) : null}
      {app.decision ? (
        <Card title={t("decisionTitle")}>
          <div data-testid="decision">
            <p className="font-medium">
              {app.decision.kind === "APPROVE"
                ? t("decisionApproved", { amount: app.decision.amount ? formatMoney(app.decision.amount, app.decision.currency, locale) : "" })
                : t("decisionRejected")}
            </p>
            <p className="mt-2 whitespace-pre-line text-sm text-slate-800">{app.decision.reasons}</p>
            {app.grant ? (
              <p className="mt-3 text-sm">
                <Link href={`/my/grants/${app.grant.id}`} className="font-medium text-brand-700 underline" data-testid="grant-link">{t("grantLink", { number: app.grant.number })}</Link>
              </p>
            ) : null}
          </div>
        </Card>
      ) : null}

      {app.thread.length > 0 ? (
        <Card title={tc("title")}>
          <ol className="space-y-4" data-testid="clarification-thread">
            {app.thread.map((q) => (
              <li key={q.id} className="rounded-md bg-slate-50 p-4">
                <p className="text-xs text-slate-600">{tc("askedOn", { date: format.dateTime(q.askedAt, { dateStyle: "medium", timeStyle: "short" }) })}</p>
                <p className="mt-1 whitespace-pre-line text-sm font-medium">{q.question}</p>
                {q.answer ? (
                  <div className="mt-3 border-l-2 border-brand-600 pl-3">
                    <p className="text-xs text-slate-600">{tc("answeredOn", { date: format.dateTime(q.answer.at, { dateStyle: "medium", timeStyle: "short" }) })}</p>
                    <p className="mt-1 whitespace-pre-line text-sm">{q.answer.body}</p>
                    {q.answer.attachments.map((a) => (
                      <a key={a.id} href={`/api/files/${a.id}`} className="mt-1 block text-sm text-brand-700 underline">{a.fileName}</a>
                    ))}
                  </div>
                ) : app.status === "CLARIFICATION_REQUESTED" ? (
                  <div className="mt-3">
                    <AnswerForm applicationId={app.id} questionId={q.id} />
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        </Card>
      ) : null}

      {app.editable ? (
        <ApplicationEditor
          applicationId={app.id}
          version={app.version}
          initial={{
            title: c.title,
            sections: c.sections,
            requestedAmount: c.requestedAmount ?? "",
            cofinancingAmount: c.cofinancingAmount ?? "",
            startDate: c.startDate ?? "",
            durationMonths: c.durationMonths?.toString() ?? "",
            lines: c.lines.length > 0 ? c.lines.map((l) => ({ ...l, amount: l.amount ?? "" })) : [{ category: "STAFF", description: "", amount: "" }],
          }}
          rules={app.rules}
          currency={app.currency}
          lastEdited={app.lastEdited ? { at: app.lastEdited.at.toISOString(), by: app.lastEdited.by } : null}
          acceptsSubmissions={app.call.acceptsSubmissions}
        />
      ) : (
        <Card title={t("contentTitle")}>
          <ApplicationSummary content={c} currency={app.currency} overheadsAboveLimit={app.budget.overheadsAboveLimit} />
        </Card>
      )}

      <Card title={t("attachmentsTitle")}>
        <AttachmentsPanel applicationId={app.id} attachments={app.attachments} editable={app.editable} />
      </Card>

      <div className="grid gap-6 md:grid-cols-2">
        <Card title={tt("title")}>
          <ol className="space-y-2 text-sm" data-testid="timeline">
            {app.timeline.map((e, i) => (
              <li key={i} className="flex justify-between gap-3">
                <span>{tt(e.action.replace("application.", ""))}</span>
                <span className="whitespace-nowrap text-slate-600">{format.dateTime(e.at, { dateStyle: "medium", timeStyle: "short" })}</span>
              </li>
            ))}
          </ol>
        </Card>
        {app.canWithdraw ? (
          <Card title={t("withdrawTitle")}>
            <p className="mb-3 text-sm text-slate-700">{t("withdrawHelp")}</p>
            <ButtonForm action={withdrawApplicationAction} fields={{ applicationId: app.id, version: String(app.version) }} confirm={t("withdrawConfirm")}>
              {t("withdraw")}
            </ButtonForm>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
