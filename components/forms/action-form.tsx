"use client";
// A form bound to a server action through useActionState, showing the action's message.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { createContext, useActionState, useContext, useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from "react";
import { IDLE_FORM, type FormState } from "@/lib/form-state";
import { MAX_FILE_BYTES, MAX_UPLOAD_TOTAL_BYTES } from "@/lib/limits";
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

/**
 * The state forms below it show before their first submission (idle unless set): lets a
 * page or a test render a form as it looks after an action answered.
 */
export const FormStateSeed = createContext<FormState | null>(null);

/** useActionState for every form of the app, starting from the seed when there is one. */
export function useFormAction<S extends FormState>(action: (prev: S, fd: FormData) => Promise<S>, idle: S) {
  const seed = useContext(FormStateSeed) as S | null;
  return useActionState<S, FormData>(action, (seed ?? idle) as Awaited<S>);
}

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
  const [serverState, formAction, pending] = useFormAction(action, IDLE_FORM);
  const formRef = useRef<HTMLFormElement>(null);
  const [tooLarge, setTooLarge] = useState<FormState | null>(null);
  const tErrors = useTranslations("errors");
  // Files the transport would refuse (the proxy's 413, no message) are refused here with the
  // server's own words; anything smaller is sent and judged by the server (lib/limits.ts).
  const checkFiles = (e: FormEvent<HTMLFormElement>) => {
    const files = [...e.currentTarget.querySelectorAll<HTMLInputElement>("input[type=file]")].flatMap((i) => [...(i.files ?? [])]);
    const total = files.reduce((sum, f) => sum + f.size, 0);
    if (total <= MAX_UPLOAD_TOTAL_BYTES) return setTooLarge(null);
    e.preventDefault();
    const key = files.some((f) => f.size > MAX_FILE_BYTES) ? "file.tooLarge" : "file.tooLargeTogether";
    setTooLarge({ status: "error", message: tErrors("validation"), fieldErrors: { file: tErrors(key) } });
  };
  const state = tooLarge ?? serverState;
  useKeepFocus(formRef, state);
  return (
    <form ref={formRef} action={formAction} onSubmit={checkFiles} className={className} data-testid={testId} noValidate>
      {state.status === "error" && state.message ? (
        <Alert tone="error" className="mb-3" focusable>
          {state.message}
          {state.code === "stepUpRequired" ? <StepUpLink /> : null}
        </Alert>
      ) : null}
      {state.status === "ok" && success ? (
        <Alert tone="success" className="mb-3" focusable>
          {success}
        </Alert>
      ) : null}
      {children(state, pending)}
    </form>
  );
}

/**
 * The submit button is disabled while the action runs, so the browser drops focus to the
 * page's top. When the answer arrives and focus is still lost, it goes to the first field
 * marked invalid, else to the form's message, else back into the form.
 */
function useKeepFocus(formRef: RefObject<HTMLFormElement | null>, state: FormState) {
  useEffect(() => {
    const form = formRef.current;
    if (!form || state.status === "idle") return;
    const active = document.activeElement;
    if (active && active !== document.body && active !== document.documentElement) return;
    const target =
      form.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.querySelector<HTMLElement>("[data-form-message]") ??
      form.querySelector<HTMLElement>("input:not([type=hidden]), textarea, select, button");
    target?.focus();
  }, [formRef, state]);
}
