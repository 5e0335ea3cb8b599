import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ButtonForm } from "@/components/forms/confirm-button-form";
import { CallForm } from "@/components/staff/call-form";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { guardArea } from "@/lib/auth/guard";
import { getStaffCall, listProgrammesForCalls } from "@/lib/calls/staff-queries";
import { pickText } from "@/lib/i18n/localized";
import type { Locale } from "@/lib/i18n/locales";
import { resolveTimeZone } from "@/lib/i18n/request";
import { instantToWallTime } from "@/lib/time";
import { closeCallAction, openCallAction, updateCallAction } from "../../actions";

export default async function CallPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await guardArea("staff", `/staff/calls/${id}`);
  const call = /^[0-9a-f-]{36}$/.test(id) ? await getStaffCall(actor, id) : null;
  if (!call) notFound();
  const t = await getTranslations("staffCalls");
  const locale = (await getLocale()) as Locale;
  const zone = await resolveTimeZone();
  const programmes = await listProgrammesForCalls(actor);
  const texts = (v: unknown) => {
    const written = (v ?? {}) as Record<string, string>;
    return { en: pickText(v, "en"), ru: written.ru ?? "", cs: written.cs ?? "", uk: written.uk ?? "" };
  };
  return (
    <div className="space-y-6">
      <PageHeader
        title={pickText(call.title, locale)}
        description={`${call.reference} · ${call.programme.name}`}
        actions={
          <div className="flex items-center gap-3">
            <Badge tone={call.status === "OPEN" ? "success" : "neutral"}>{t(`statuses.${call.status}`)}</Badge>
            {call.status === "DRAFT" ? (
              <ButtonForm action={openCallAction} fields={{ callId: call.id }} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">{t("open")}</ButtonForm>
            ) : call.status === "OPEN" ? (
              <ButtonForm action={closeCallAction} fields={{ callId: call.id }} confirm={t("closeConfirm")}>{t("close")}</ButtonForm>
            ) : null}
          </div>
        }
      />
      <Card>
        <CallForm
          action={updateCallAction}
          programmes={programmes}
          hidden={{ callId: call.id, version: String(call.version) }}
          criteriaLocked={call.status !== "DRAFT"}
          submitLabel={t("save")}
          initial={{
            programmeId: call.programmeId,
            kind: call.kind,
            title: texts(call.title),
            summary: texts(call.summary),
            eligibilitySummary: texts(call.eligibilitySummary),
            languages: call.languages,
            opensAt: instantToWallTime(call.opensAt, zone),
            closesAt: instantToWallTime(call.closesAt, zone),
            envelope: call.envelope.toFixed(2),
            minGrant: call.minGrant.toFixed(2),
            maxGrant: call.maxGrant.toFixed(2),
            cofinancingPct: call.cofinancingPct.toFixed(2),
            overheadLimitPct: call.overheadLimitPct.toFixed(2),
            eligibility: call.eligibilityCriteria.map((c) => texts(c.label)),
            scoring: call.scoringCriteria.map((c) => ({ ...texts(c.label), weight: c.weight.toFixed(0) })),
          }}
        />
      </Card>
    </div>
  );
}
