"use client";
// A form bound to a server action through useActionState, showing the action's message.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { IDLE_FORM, type FormState } from "@/lib/form-state";
import { Alert } from "../ui/alert";

/** Sensitive steps ask for a fresh second factor: this sends the person there and back. */
export function StepUpLink() {
  const pathname = usePathname();
  const t = useTranslations("mfa");
  return (
    <Link href={`/mfa?next=${encodeURIComponent(pathname)}`} className="ml-2 font-semibold underline">
      {t("confirmNow")}
    </Link>
  );
}

export type FormAction = (prev: FormState, fd: FormData) => Promise<FormState>;

export function ActionForm({
  action,
  children,
  className,
  success,
  testId,
}: {
  action: FormAction;
  children: (state: FormState, pending: boolean) => ReactNode;
  className?: string;
  success?: string;
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE_FORM);
  return (
    <form action={formAction} className={className} data-testid={testId} noValidate>
      {state.status === "error" && state.message ? (
        <Alert tone="error" className="mb-3">
          {state.message}
          {state.code === "stepUpRequired" ? <StepUpLink /> : null}
        </Alert>
      ) : null}
      {state.status === "ok" && success ? (
        <Alert tone="success" className="mb-3">
          {success}
        </Alert>
      ) : null}
      {children(state, pending)}
    </form>
  );
}
