"use client";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { beginTotpAction, confirmTotpAction, type EnrolState } from "@/app/(public)/mfa/actions";
import { Alert } from "../ui/alert";
import { Button, buttonClass } from "../ui/button";
import { Field, Input, errorProps } from "../ui/field";
import { useFormAction, useFormFeedback } from "../forms/action-form";

const IDLE: EnrolState = { status: "idle" };

export function RecoveryCodes({ codes, next }: { codes: string[]; next?: string }) {
  const t = useTranslations("mfa");
  return (
    <div className="space-y-3" data-testid="recovery-codes">
      <Alert tone="warning">{t("codesOnce")}</Alert>
      <ol className="grid grid-cols-2 gap-2 font-mono text-sm">
        {codes.map((c) => <li key={c} className="rounded bg-slate-100 px-2 py-1">{c}</li>)}
      </ol>
      {/* A whole page load: the header must be drawn for the renewed session. */}
      {next ? <a href={next} className={buttonClass("primary")}>{t("continue")}</a> : null}
    </div>
  );
}

/**
 * Enrolment of an authenticator app. `enrolled`: set up in this session already, the codes
 * gone (page reloaded); `children` is shown then, or a note and the way on.
 */
export function TotpEnrol({ next, enrolled, children }: { next: string; enrolled: boolean; children?: ReactNode }) {
  const t = useTranslations("mfa");
  const [begun, begin, starting] = useFormAction(beginTotpAction, IDLE);
  const [confirmed, confirm, confirming] = useFormAction(confirmTotpAction, IDLE);
  if (confirmed.codes) return <RecoveryCodes codes={confirmed.codes} next={next} />;
  if (enrolled && children) return children;
  if (enrolled) {
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-700">{t("totpReady")}</p>
        <a href={next} className={buttonClass("primary")}>{t("continue")}</a>
      </div>
    );
  }
  // A wrong first code posted without JavaScript: the answer carries the enrolment again.
  const shown = begun.uri ? begun : confirmed;
  return <TotpEnrolment begin={begin} begun={begun} starting={starting} shown={shown} confirm={confirm} confirmed={confirmed} confirming={confirming} />;
}

type Action = (fd: FormData) => void;

/** The two steps: start (the secret is made), then the first code from the app. */
function TotpEnrolment(p: { begin: Action; begun: EnrolState; starting: boolean; shown: EnrolState; confirm: Action; confirmed: EnrolState; confirming: boolean }) {
  const t = useTranslations("mfa");
  const { shown, confirmed } = p;
  const { formRef, noteSubmitter, answer } = useFormFeedback(confirmed);
  if (!shown.uri) {
    return (
      <form action={p.begin} className="space-y-2">
        {p.begun.status === "error" && p.begun.message ? <Alert tone="error">{p.begun.message}</Alert> : null}
        <p className="text-sm text-slate-700">{t("totpIntro")}</p>
        <Button type="submit" disabled={p.starting}>{t("setUpTotp")}</Button>
      </form>
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">{t("scan")}</p>
      {/* The SVG is produced on our server by the qrcode library from the otpauth URI. */}
      <div className="w-48 rounded bg-white p-2 ring-1 ring-slate-200" role="img" aria-label={t("qrLabel")} dangerouslySetInnerHTML={{ __html: shown.qrSvg ?? "" }} />
      <p className="text-sm">{t("orType")} <code className="break-all rounded bg-slate-100 px-1" data-testid="totp-secret">{shown.secret}</code></p>
      <form ref={formRef} action={p.confirm} onSubmit={noteSubmitter} className="space-y-2" noValidate>
        {answer}
        <Field id="totp-code" label={t("code")} error={confirmed.fieldErrors?.code}>
          <Input id="totp-code" name="code" inputMode="numeric" autoComplete="one-time-code" className="w-40" {...errorProps("totp-code", confirmed.fieldErrors?.code)} />
        </Field>
        <Button type="submit" disabled={p.confirming}>{t("confirm")}</Button>
      </form>
    </div>
  );
}
