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
  const { formRef, noteSubmitter, answer } = useFormFeedback(state, success);
  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={(e) => {
        noteSubmitter(e);
        checkFiles(e);
      }}
      className={className}
      data-testid={testId}
      noValidate
    >
      {answer}
      {children(state, pending)}
    </form>
  );
}

/**
 * A form's answer at its top and where focus goes when it arrives: for forms that hold their
 * own <form> (spread formRef and call noteSubmitter in onSubmit, render `answer` first).
 */
export function useFormFeedback(state: FormState, success?: string) {
  const formRef = useRef<HTMLFormElement>(null);
  const submitter = useRef<HTMLElement | null>(null);
  useKeepFocus(formRef, state, submitter);
  const invalid = useInvalidFields(formRef, state);
  const noteSubmitter = (e: FormEvent<HTMLFormElement>) => {
    submitter.current = (e.nativeEvent as SubmitEvent).submitter ?? null;
  };
  const answer = (
    <>
      {state.status === "error" && state.message ? (
        <Alert tone="error" className="mb-3" focusable>
          {state.message}
          {state.code === "stepUpRequired" ? <StepUpLink /> : null}
          <ErrorLinks fields={invalid} />
        </Alert>
      ) : null}
      {state.status === "ok" && success ? (
        <Alert tone="success" className="mb-3" focusable>
          {success}
        </Alert>
      ) : null}
    </>
  );
  return { formRef, noteSubmitter, answer };
}

type InvalidField = { id: string; label: string; message: string };

/** The error summary's list: each field the answer refused, a link that puts the cursor in it. */
function ErrorLinks({ fields }: { fields: InvalidField[] }) {
  if (fields.length === 0) return null;
  return (
    <ul className="mt-2 list-disc space-y-1 pl-5" data-testid="error-summary">
      {fields.map((f) => (
        <li key={f.id}>
          <a
            href={`#${f.id}`}
            className="inline-block min-h-6 font-medium underline"
            onClick={(e) => {
              e.preventDefault();
              document.getElementById(f.id)?.focus();
            }}
          >
            {f.label ? `${f.label}: ` : ""}
            {f.message}
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * The fields marked invalid, read from the rendered form (every form marks them the same way:
 * aria-invalid and a message at `${id}-error`), so the summary needs nothing from each form.
 */
function useInvalidFields(formRef: RefObject<HTMLFormElement | null>, state: FormState): InvalidField[] {
  const [fields, setFields] = useState<{ state: FormState; list: InvalidField[] } | null>(null);
  useEffect(() => {
    const form = formRef.current;
    if (!form || state.status !== "error") return;
    const list = [...form.querySelectorAll<HTMLElement>('[aria-invalid="true"][id]')].flatMap((el) => {
      const message = document.getElementById(`${el.id}-error`)?.textContent?.trim();
      if (!message) return [];
      const label = ((el as HTMLInputElement).labels?.[0]?.textContent ?? el.getAttribute("aria-label") ?? "").trim();
      return [{ id: el.id, label, message }];
    });
    setFields({ state, list });
  }, [formRef, state]);
  return fields && fields.state === state ? fields.list : [];
}

/**
 * The submit button is disabled while the action runs, so the browser drops focus to the
 * page's top. When the answer arrives and focus is still lost: a refusal puts it on the
 * error summary at the form's top (WCAG 3.3.1), a success back on the button pressed, so the
 * person stays where they were; failing those, the first invalid field or the form itself.
 */
function useKeepFocus(formRef: RefObject<HTMLFormElement | null>, state: FormState, submitter: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const form = formRef.current;
    if (!form || state.status === "idle") return;
    const active = document.activeElement;
    if (active && active !== document.body && active !== document.documentElement) return;
    const pressed = submitter.current && form.contains(submitter.current) ? submitter.current : null;
    const candidates =
      state.status === "error"
        ? [form.querySelector<HTMLElement>("[data-form-message]"), form.querySelector<HTMLElement>('[aria-invalid="true"]')]
        : [pressed, form.querySelector<HTMLElement>("[data-form-message]")];
    const target = [...candidates, form.querySelector<HTMLElement>("input:not([type=hidden]), textarea, select, button")].find(Boolean);
    target?.focus();
  }, [formRef, state, submitter]);
}
