import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RecordVerificationForm, RevokeVerificationForm } from "@/components/payees/verification-forms";
import { PayeeDecisionForm } from "@/components/payees/decision-form";
import { decidePayeeVerificationAction } from "../actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { guardArea } from "@/lib/auth/guard";
import { viewPayeeAccount } from "@/lib/bank/accounts-verification";
import { isAppError } from "@/lib/errors";
import { getFormats } from "@/lib/i18n/server-formats";

async function load(actor: Parameters<typeof viewPayeeAccount>[0], id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  try {
    return await viewPayeeAccount(actor, id);
  } catch (e) {
    if (isAppError(e) && e.code === "notFound") notFound();
    if (isAppError(e) && e.code === "stepUpRequired") redirect(`/mfa?next=${encodeURIComponent(`/staff/payees/${id}`)}`);
    throw e;
  }
}

export default async function PayeeAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await guardArea("staff", `/staff/payees/${id}`);
  const t = await getTranslations("payees");
  const f = await getFormats();
  const a = await load(actor, id);
  const d = a.details;
  const row = (label: string, value: string | undefined) => (
    <div><dt className="font-medium">{label}</dt><dd className="font-mono">{value || "—"}</dd></div>
  );
  const v = a.verification;
  return (
    <div className="space-y-6">
      <PageHeader title={t("accountTitle", { organisation: a.organisation })} description={<Link href="/staff/payees" className="underline">{t("backToList")}</Link>} />
      <Card>
        <dl className="grid gap-3 text-sm sm:grid-cols-2" data-testid="payee-details">
          {row(t("field.holderName"), d.holderName)}
          {d.kind === "sepa" ? (
            <>
              {row(t("field.iban"), d.iban)}
              {row(t("field.bic"), d.bic)}
            </>
          ) : (
            <>
              {row(t("field.accountNumber"), d.accountNumber)}
              {row(t("field.bankName"), d.bankName)}
              {row(t("field.bic"), d.bic)}
              {row(t("field.bankCountry"), f.country(d.bankCountry))}
              {row(t("field.currency"), d.currency)}
            </>
          )}
        </dl>
        {a.retiredAt ? <p className="mt-3"><Badge tone="warning">{t("retired")}</Badge></p> : null}
        {a.holderKnown ? null : <div className="mt-3" data-testid="holder-unknown"><Alert tone="warning">{t("holderUnknown")}</Alert></div>}
      </Card>
      <Card title={t("verificationTitle")}>
        {v ? (
          <div className="space-y-2 text-sm" data-testid="verification">
            <p><Badge tone={v.status === "CONFIRMED" ? "success" : "warning"}>{t(`verificationStatus.${v.status}`)}</Badge> · {t(`method.${v.method}`)} · {f.dateTime(v.recordedAt, { dateStyle: "medium", timeStyle: "short" })}</p>
            <p className="whitespace-pre-wrap">{v.note}</p>
            {v.decidedAt ? <p>{t("confirmedAt", { date: f.dateTime(v.decidedAt, { dateStyle: "medium", timeStyle: "short" }) })}</p> : null}
            {v.status === "RECORDED" && v.recordedByActor ? <p className="text-slate-700">{t("waitingForApprover")}</p> : null}
          </div>
        ) : a.revoked ? null : <p className="text-sm text-slate-700">{t("unverified")}</p>}
        {!v && a.revoked ? <p className="mt-2 text-sm text-amber-900" data-testid="last-revoked">{t("lastRevoked", { date: f.dateTime(a.revoked.at, { dateStyle: "medium", timeStyle: "short" }), reason: t(`revocationReason.${a.revoked.reason}`) })}</p> : null}
        {a.canRecord ? <div className="mt-4"><RecordVerificationForm accountId={a.id} funderId={a.funderId} /></div> : null}
        {a.canDecide && v ? <div className="mt-4"><PayeeDecisionForm action={decidePayeeVerificationAction} fields={{ accountId: a.id, verificationId: v.id }} testId="decide-verification" /></div> : null}
        {a.canRevoke && v ? <div className="mt-6 border-t border-slate-200 pt-4"><RevokeVerificationForm accountId={a.id} verificationId={v.id} /></div> : null}
      </Card>
    </div>
  );
}
