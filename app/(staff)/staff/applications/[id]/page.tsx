import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { ApplicationSummary } from "@/components/applications/application-summary";
import { StatusBadge } from "@/components/applications/status-badge";
import {
  AssignReviewerForm,
  ConfirmDecisionForms,
  IdentityReveal,
  MessageForm,
  RecommendForm,
  ScreeningForm,
  TakeLeadButton,
} from "@/components/staff/application-forms";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { getApplicationForStaff } from "@/lib/applications/staff-view";
import { guardArea } from "@/lib/auth/guard";
import { countryName } from "@/lib/countries";
import type { Locale } from "@/lib/i18n/locales";
import { formatMoney } from "@/lib/money";
import { listReviewerCandidates } from "@/lib/reviews/commands";
import { sanctionsSummary } from "@/lib/sanctions/review";
import Link from "next/link";

export default async function StaffApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await guardArea("staff", `/staff/applications/${id}`);
  const locale = (await getLocale()) as Locale;
  const app = /^[0-9a-f-]{36}$/.test(id) ? await getApplicationForStaff(actor, id, locale) : null;
  if (!app) notFound();
  const t = await getTranslations("staffApp");
  const tr = await getTranslations("reviewers");
  const td = await getTranslations("decision");
  const tt = await getTranslations("thread");
  const ts = await getTranslations("organisation.sector");
  const th = await getTranslations("staffTimeline");
  const ta = await getTranslations("audit.event");
  const format = await getFormats();
  const money = (v: string) => formatMoney(v, app.currency, locale);
  const screening = await sanctionsSummary(actor, app.id);
  const tsan = await getTranslations("sanctions");
  const candidates = app.can.assignReviewers ? await listReviewerCandidates(actor, app.id) : [];
  const activeReviews = app.reviews.filter((r) => r.status !== "CONFLICT");
  const allIn = activeReviews.length > 0 && activeReviews.every((r) => r.review);
  return (
    <div className="space-y-6">
      <PageHeader
        title={app.title || app.reference}
        description={`${app.reference} · ${app.call.reference} · ${app.call.title}`}
        actions={<StatusBadge status={app.status} audience="staff" />}
      />
      {app.emergency ? (
        <Alert tone={app.emergency.ageHours >= app.emergency.targetHours ? "error" : "warning"}>
          {t("emergency", { hours: app.emergency.ageHours, target: app.emergency.targetHours })}
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title={t("applicant")}>
            <dl className="grid gap-2 text-sm sm:grid-cols-2">
              <div><dt className="text-slate-600">{t("shownAs")}</dt><dd className="font-medium" data-testid="applicant-label">{app.organisation.label}</dd></div>
              <div><dt className="text-slate-600">{t("where")}</dt><dd>{countryName(app.organisation.country, locale)}</dd></div>
              <div className="sm:col-span-2"><dt className="text-slate-600">{t("sectors")}</dt><dd className="flex flex-wrap gap-1">{app.organisation.sectors.map((s) => <Badge key={s}>{ts(s)}</Badge>)}</dd></div>
              <div><dt className="text-slate-600">{t("leadOfficer")}</dt><dd>{app.leadOfficer?.name ?? "—"}</dd></div>
            </dl>
            <div className="mt-4 space-y-3 border-t border-slate-100 pt-4">
              {app.organisation.isProtected ? (
                app.isLead ? <IdentityReveal applicationId={app.id} /> : <p className="text-sm text-slate-700">{t("protected")}</p>
              ) : null}
              {app.can.takeLead ? <TakeLeadButton applicationId={app.id} /> : null}
            </div>
            {screening ? (
              <div className="mt-4 space-y-2 border-t border-slate-100 pt-4 text-sm" data-testid="sanctions-summary">
                <p>{screening.lastScreenedAt ? tsan("lastScreened", { at: format.dateTime(screening.lastScreenedAt, { dateStyle: "medium", timeStyle: "short" }) }) : tsan("notScreened")}</p>
                {screening.blocking.length > 0 ? (
                  <Alert tone="error">
                    {tsan("blockingMatches", { count: screening.blocking.length })}{" "}
                    <Link href={`/staff/sanctions/${screening.blocking[0]!.id}`} className="font-semibold underline">{tsan("openMatch")}</Link>
                  </Alert>
                ) : null}
                {screening.risk.map((r) => (
                  <Alert key={r.id} tone="warning">{tsan("riskContext", { list: tsan(`lists.${r.list}`), name: r.listedName })}</Alert>
                ))}
              </div>
            ) : null}
          </Card>

          <Card title={t("content")}>
            <ApplicationSummary content={app.content} currency={app.currency} overheadsAboveLimit={app.budget.overheadsAboveLimit} />
            {app.budget.errors.lines ? <p className="mt-2 text-sm text-amber-800">{t("budgetMismatch")}</p> : null}
          </Card>

          <Card title={t("attachments")}>
            {app.attachments === null ? (
              <p className="text-sm text-slate-700">{t("attachmentsProtected")}</p>
            ) : app.attachments.length === 0 ? (
              <p className="text-sm text-slate-600">—</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {app.attachments.map((a) => <li key={a.id}><a href={`/api/files/${a.id}`} className="text-brand-700 underline">{a.fileName}</a></li>)}
              </ul>
            )}
          </Card>

          <Card title={tt("title")}>
            <ol className="space-y-3" data-testid="staff-thread">
              {app.messages.map((m) => (
                <li key={m.id} className={m.kind === "INTERNAL_NOTE" ? "rounded-md bg-amber-50 p-3 ring-1 ring-amber-200" : "rounded-md bg-slate-50 p-3"}>
                  <p className="text-xs text-slate-600">
                    {tt(`kind.${m.kind}`)} · {m.author ?? "—"} · {format.dateTime(m.at, { dateStyle: "medium", timeStyle: "short" })}
                  </p>
                  <p className="mt-1 whitespace-pre-line text-sm">{m.body}</p>
                  {m.attachments.map((a) => <a key={a.id} href={`/api/files/${a.id}`} className="block text-sm text-brand-700 underline">{a.fileName}</a>)}
                </li>
              ))}
            </ol>
            <div className="mt-4 grid gap-4 md:grid-cols-2">
              {app.can.ask ? <MessageForm applicationId={app.id} kind="question" /> : null}
              <MessageForm applicationId={app.id} kind="note" />
            </div>
          </Card>
        </div>

        <div className="space-y-6">
          <Card title={t("facts")}>
            <dl className="space-y-1 text-sm">
              <div className="flex justify-between"><dt className="text-slate-600">{t("requested")}</dt><dd>{app.requestedAmount ? money(app.requestedAmount) : "—"}</dd></div>
              <div className="flex justify-between"><dt className="text-slate-600">{t("submitted")}</dt><dd>{app.submittedAt ? format.dateTime(app.submittedAt, { dateStyle: "medium" }) : "—"}</dd></div>
              <div className="flex justify-between"><dt className="text-slate-600">{t("score")}</dt><dd data-testid="score">{app.scoreAvg ? t("scoreValue", { avg: format.decimal(app.scoreAvg, { min: 2, max: 2 }), spread: format.decimal(app.scoreSpread ?? "0", { min: 2, max: 2 }) }) : "—"}</dd></div>
            </dl>
          </Card>

          {app.screening ? (
            <Card title={t("screening")}>
              <p className="text-sm">{app.screening.eligible ? t("eligible") : t("ineligible")}</p>
              {app.screening.reasons ? <p className="mt-1 text-sm text-slate-700">{app.screening.reasons}</p> : null}
            </Card>
          ) : app.can.screen ? (
            <Card title={t("screening")}>
              <ScreeningForm applicationId={app.id} criteria={app.eligibilityCriteria} />
            </Card>
          ) : null}

          {app.call.kind === "REGULAR" && (app.reviews.length > 0 || app.can.assignReviewers) ? (
            <Card title={tr("title")}>
              <ul className="mb-3 space-y-2 text-sm" data-testid="reviews">
                {app.reviews.map((r) => (
                  <li key={r.id} className="rounded-md bg-slate-50 p-2">
                    <div className="flex justify-between gap-2">
                      <span>{r.reviewer}</span>
                      <Badge tone={r.status === "CONFLICT" ? "danger" : r.status === "SUBMITTED" ? "success" : "neutral"}>{tr(`status.${r.status}`)}</Badge>
                    </div>
                    {r.status === "CONFLICT" && r.conflictNote ? <p className="mt-1 text-xs text-slate-600">{r.conflictNote}</p> : null}
                    {allIn && r.review ? (
                      <p className="mt-1 text-xs">
                        {tr("scored", { score: format.decimal(r.review.weightedScore, { min: 2, max: 2 }) })} · {tr(`recommendation.${r.review.recommendation}`)}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
              {!allIn && app.reviews.some((r) => r.review) ? <p className="mb-3 text-xs text-slate-600">{tr("hiddenUntilAll")}</p> : null}
              {app.can.assignReviewers ? <AssignReviewerForm applicationId={app.id} candidates={candidates} /> : null}
            </Card>
          ) : null}

          <Card title={td("title")}>
            <ul className="mb-3 space-y-2 text-sm">
              {app.decisions.map((d) => (
                <li key={d.id} className="rounded-md bg-slate-50 p-2" data-testid="decision-history">
                  <p className="font-medium">
                    {d.kind === "APPROVE" ? td("approveAmount", { amount: d.amount ? money(d.amount) : "" }) : td("reject")} · {td(`status.${d.status}`)}
                  </p>
                  <p className="text-xs text-slate-600">{td("recommendedBy", { name: d.recommendedBy ?? "—" })}{d.confirmedBy ? ` · ${td("decidedBy", { name: d.confirmedBy })}` : ""}</p>
                  {d.internalNotes ? <p className="mt-1 text-xs">{td("internal")}: {d.internalNotes}</p> : null}
                  {d.returnNote ? <p className="mt-1 text-xs">{td("returned")}: {d.returnNote}</p> : null}
                </li>
              ))}
            </ul>
            {app.can.recommend ? <RecommendForm applicationId={app.id} requested={app.requestedAmount} currency={app.currency} /> : null}
            {app.can.confirm && app.pendingDecisionId ? <ConfirmDecisionForms applicationId={app.id} decisionId={app.pendingDecisionId} /> : null}
            {app.can.ownPendingRecommendation ? <Alert tone="info">{td("ownRecommendation")}</Alert> : null}
          </Card>

          <Card title={t("history")}>
            <ol className="space-y-1 text-xs" data-testid="staff-timeline">
              {app.timeline.map((e, i) => (
                <li key={i} className="flex justify-between gap-2">
                  <span>{th.has(e.action.replace("application.", "")) ? th(e.action.replace("application.", "")) : ta.has(e.action) ? ta(e.action) : e.action}</span>
                  <span className="text-slate-600">{format.dateTime(e.at, { dateStyle: "short", timeStyle: "short" })}</span>
                </li>
              ))}
            </ol>
          </Card>
        </div>
      </div>
    </div>
  );
}
