"use client";
// Passkey ceremonies in the browser (@simplewebauthn/browser); the server checks them.
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import {
  passkeyRegisterAction,
  passkeyRegistrationOptionsAction,
  passkeySecondFactorOptionsAction,
  passkeySignInAction,
  passkeySignInOptionsAction,
  passkeyVerifyAction,
} from "@/app/(public)/mfa/actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Input } from "../ui/field";

function usePasskeyStep() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (step: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    try {
      setError(await step());
    } catch {
      setError("failed");
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

export function RegisterPasskeyButton({ next }: { next?: string }) {
  const t = useTranslations("mfa");
  const router = useRouter();
  const [name, setName] = useState("");
  const { error, busy, run } = usePasskeyStep();
  return (
    <div className="space-y-2">
      {error ? <Alert tone="error">{t("passkeyFailed")}</Alert> : null}
      <label htmlFor="passkey-name" className="block text-sm font-medium">{t("passkeyName")}</label>
      <Input id="passkey-name" value={name} onChange={(e) => setName(e.target.value)} className="w-64" />
      <Button variant="secondary" disabled={busy} onClick={() => run(async () => {
        const { options, challengeId } = await passkeyRegistrationOptionsAction();
        const response = await startRegistration({ optionsJSON: options });
        const r = await passkeyRegisterAction({ challengeId, response: JSON.stringify(response), name });
        if (r.status !== "ok") return r.message ?? "failed";
        if (next) router.push(next);
        else router.refresh();
        return null;
      })}>{t("addPasskey")}</Button>
    </div>
  );
}

export function VerifyWithPasskeyButton({ next }: { next: string }) {
  const t = useTranslations("mfa");
  const router = useRouter();
  const { error, busy, run } = usePasskeyStep();
  return (
    <div className="space-y-2">
      {error ? <Alert tone="error">{t("passkeyFailed")}</Alert> : null}
      <Button variant="secondary" disabled={busy} onClick={() => run(async () => {
        const { options, challengeId } = await passkeySecondFactorOptionsAction();
        const response = await startAuthentication({ optionsJSON: options });
        const r = await passkeyVerifyAction({ challengeId, response: JSON.stringify(response), next });
        if (r.status !== "ok") return r.message ?? "failed";
        router.push(r.message ?? next);
        return null;
      })}>{t("usePasskey")}</Button>
    </div>
  );
}

export function PasskeySignInButton({ next }: { next?: string }) {
  const t = useTranslations("mfa");
  const router = useRouter();
  const { error, busy, run } = usePasskeyStep();
  return (
    <div className="space-y-2">
      {error ? <Alert tone="error">{t("passkeySignInFailed")}</Alert> : null}
      <Button variant="secondary" className="w-full" disabled={busy} onClick={() => run(async () => {
        const { options, challengeId } = await passkeySignInOptionsAction();
        const response = await startAuthentication({ optionsJSON: options });
        const r = await passkeySignInAction({ challengeId, response: JSON.stringify(response), next });
        if (r.status !== "ok") return "failed";
        router.push(r.message ?? "/");
        router.refresh();
        return null;
      })}>{t("signInWithPasskey")}</Button>
    </div>
  );
}
