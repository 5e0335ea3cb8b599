import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SecondFactorCodeForm } from "@/components/auth/code-form";
import { RegisterPasskeyButton, VerifyWithPasskeyButton } from "@/components/auth/passkey-buttons";
import { TotpEnrol } from "@/components/auth/totp-enrol";
import { Card } from "@/components/ui/card";
import { currentActor } from "@/lib/auth/actor";
import { factorStatus, verifiedByEnrolment } from "@/lib/auth/mfa/factors";
import { safeLocalPath } from "@/lib/paths";

export async function generateMetadata() {
  const t = await getTranslations("mfa");
  return { title: t("title") };
}

/** The second-factor step: enrolment for staff without one, verification, and step-up. */
export default async function MfaPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeLocalPath((await searchParams).next) ?? "/";
  const actor = await currentActor();
  if (!actor) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  const t = await getTranslations("mfa");
  const factors = await factorStatus(actor.userId);
  const enrolledNow = verifiedByEnrolment(actor, factors);
  const enrol = enrolledNow || actor.pendingSecondFactor === "enrol" || (!factors.totp && factors.passkeys === 0);
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="text-2xl font-bold">{enrol ? t("enrolTitle") : t("title")}</h1>
      <p className="text-sm text-slate-700">{enrol ? t("enrolIntro") : actor.pendingSecondFactor ? t("verifyIntro") : t("stepUpIntro")}</p>
      {enrol ? (
        <>
          <Card title={t("appTitle")}><TotpEnrol next={next} enrolled={enrolledNow} /></Card>
          <Card title={t("passkeyTitle")}><RegisterPasskeyButton next={next} /></Card>
        </>
      ) : (
        <>
          {factors.totp || factors.recoveryCodesLeft > 0 ? <Card title={t("appTitle")}><SecondFactorCodeForm next={next} /></Card> : null}
          {factors.passkeys > 0 ? <Card title={t("passkeyTitle")}><VerifyWithPasskeyButton next={next} /></Card> : null}
        </>
      )}
    </div>
  );
}
