import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AcceptInvitationForm } from "@/components/organisations/accept-invitation-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { currentActor } from "@/lib/auth/actor";
import { findInvitation } from "@/lib/organisations/commands";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = token.length <= 100 ? await findInvitation(token) : null;
  if (!invitation) notFound();
  const t = await getTranslations("members");
  const actor = await currentActor();
  return (
    <div className="mx-auto max-w-lg">
      <h1 className="mb-6 text-2xl font-bold">{t("invitationTitle")}</h1>
      <Card>
        {!actor ? (
          <div className="space-y-3 text-sm">
            <p>{t("invitationSignIn")}</p>
            <div className="flex gap-2">
              <Link href={`/sign-in?next=/invitations/${token}`} className={buttonClass("primary")}>{t("signIn")}</Link>
              <Link href={`/sign-up?next=/invitations/${token}`} className={buttonClass("secondary")}>{t("register")}</Link>
            </div>
          </div>
        ) : actor.email !== invitation.email ? (
          <Alert tone="warning">{t("wrongAccount")}</Alert>
        ) : (
          <div className="space-y-4">
            <p>{t("invitationBody", { organisation: invitation.organisationName })}</p>
            <AcceptInvitationForm token={token} />
          </div>
        )}
      </Card>
    </div>
  );
}
