"use client";
// A form bound to a server action through useActionState, showing the action's message.
import { useActionState, type ReactNode } from "react";
import { IDLE_FORM, type FormState } from "@/lib/form-state";
import { Alert } from "../ui/alert";

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
