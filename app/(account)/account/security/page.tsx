import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { RegisterPasskeyButton } from "@/components/auth/passkey-buttons";
import { EndSessionButton, RegenerateCodes, RemovePasskeyButton } from "@/components/auth/security-forms";
import { TotpEnrol } from "@/components/auth/totp-enrol";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { currentActor } from "@/lib/auth/actor";
import { factorStatus, verifiedByEnrolment } from "@/lib/auth/mfa/factors";
import { listPasskeys } from "@/lib/auth/mfa/passkeys";
import { listOwnSessions } from "@/lib/auth/session-admin";

export default async function SecurityPage() {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in?next=/account/security");
  if (actor.pendingSecondFactor) redirect("/mfa?next=/account/security");
  const t = await getTranslations("security");
  const format = await getFormats();
  const [sessions, factors, passkeys] = await Promise.all([listOwnSessions(actor), factorStatus(actor.userId), listPasskeys(actor.userId)]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const totpOn = (
    <div className="space-y-3 text-sm">
      <p>{t("totpOn")}</p>
      <p>{t("codesLeft", { count: factors.recoveryCodesLeft })}</p>
      <RegenerateCodes />
    </div>
  );
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <Card title={t("sessions")}>
        <ul className="divide-y divide-slate-100" data-testid="sessions">
          {sessions.map((s) => (
            <li key={s.handle} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <span>
                {s.userAgent ?? t("unknownDevice")}
                <span className="block text-xs text-slate-600">{t("sessionTimes", { start: when(s.createdAt), seen: when(s.lastSeenAt) })}{s.network ? ` · ${t("network", { tag: s.network })}` : ""}</span>
              </span>
              {s.current ? <Badge tone="info">{t("current")}</Badge> : <EndSessionButton handle={s.handle} />}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t("authenticatorApp")}>
        {factors.totp && !verifiedByEnrolment(actor, factors) ? (
          totpOn
        ) : (
          <TotpEnrol next="/account/security" enrolled={factors.totp}>{totpOn}</TotpEnrol>
        )}
      </Card>
      <Card title={t("passkeys")}>
        <ul className="mb-4 divide-y divide-slate-100">
          {passkeys.map((p) => (
            <li key={p.id} className="flex justify-between gap-2 py-2 text-sm">
              <span>{p.name}<span className="block text-xs text-slate-600">{t("added", { date: when(p.createdAt) })}{p.lastUsedAt ? ` · ${t("used", { date: when(p.lastUsedAt) })}` : ""}</span></span>
              <RemovePasskeyButton passkeyId={p.id} />
            </li>
          ))}
        </ul>
        <RegisterPasskeyButton />
      </Card>
    </div>
  );
}
