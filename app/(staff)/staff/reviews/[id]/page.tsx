import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { ApplicationSummary } from "@/components/applications/application-summary";
import { DeclareInterestForm, ScoreForm } from "@/components/staff/review-forms";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { guardArea } from "@/lib/auth/guard";
import { countryName } from "@/lib/countries";
import type { Locale } from "@/lib/i18n/locales";
import { getAssignmentForReviewer } from "@/lib/reviews/queries";

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await guardArea("staff", `/staff/reviews/${id}`);
  const locale = (await getLocale()) as Locale;
  const a = /^[0-9a-f-]{36}$/.test(id) ? await getAssignmentForReviewer(actor, id, locale) : null;
  if (!a) notFound();
  const t = await getTranslations("reviewPage");
  const format = await getFormats();
  const tr = await getTranslations("reviewers");
  const ts = await getTranslations("organisation.sector");
  return (
    <div className="space-y-6">
      <PageHeader title={`${a.reference} · ${a.callTitle}`} actions={<Badge>{tr(`status.${a.status}`)}</Badge>} />
      <Card title={t("applicant")}>
        <p className="font-medium" data-testid="review-applicant">{a.applicant.label}</p>
        <p className="text-sm text-slate-700">{countryName(a.applicant.country, locale)} · {a.applicant.sectors.map((s) => ts(s)).join(", ")}</p>
        {a.applicant.isProtected ? <p className="mt-2 text-sm text-slate-600">{t("protected")}</p> : null}
      </Card>
      {a.status === "PENDING" ? (
        <Card title={t("coiTitle")}>
          <p className="mb-3 text-sm text-slate-700">{t("coiIntro")}</p>
          <DeclareInterestForm assignmentId={a.id} />
        </Card>
      ) : a.status === "CONFLICT" ? (
        <Alert tone="info">{t("conflictRecorded")}</Alert>
      ) : a.details ? (
        <>
          <Card title={a.details.title || a.reference}>
            <ApplicationSummary content={a.details.content} currency={a.details.currency} overheadsAboveLimit={false} />
          </Card>
          {a.details.review ? (
            <Card title={t("yourReview")}>
              <p className="text-sm" data-testid="own-score">{t("weighted", { score: format.decimal(a.details.review.weightedScore, { min: 2, max: 2 }) })} · {tr(`recommendation.${a.details.review.recommendation}`)}</p>
              <p className="mt-2 whitespace-pre-line text-sm">{a.details.review.comment}</p>
              <h3 className="mt-4 text-sm font-semibold">{t("others")}</h3>
              <ul className="text-sm">
                {a.details.otherReviews.length === 0 ? <li className="text-slate-600">{t("noOthers")}</li> : a.details.otherReviews.map((o, i) => (
                  <li key={i}>{t("weighted", { score: format.decimal(o.weightedScore, { min: 2, max: 2 }) })} · {tr(`recommendation.${o.recommendation}`)}</li>
                ))}
              </ul>
            </Card>
          ) : (
            <Card title={t("scoreTitle")}>
              <ScoreForm assignmentId={a.id} criteria={a.details.criteria} />
            </Card>
          )}
        </>
      ) : null}
    </div>
  );
}
