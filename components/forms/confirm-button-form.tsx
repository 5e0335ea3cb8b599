"use client";
// A one-button form for an action on one record (remove, withdraw…), with its message.
import type { ReactNode } from "react";
import { ActionForm, type FormAction } from "./action-form";

export function ButtonForm({ action, fields, children, className, confirm }: {
  action: FormAction;
  fields: Record<string, string>;
  children: ReactNode;
  className?: string;
  confirm?: string;
}) {
  return (
    <ActionForm action={action}>
      {(_s, pending) => (
        <>
          {Object.entries(fields).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <button
            type="submit"
            disabled={pending}
            className={className ?? "text-sm font-medium text-red-700 underline"}
            onClick={(e) => {
              if (confirm && !window.confirm(confirm)) e.preventDefault();
            }}
          >
            {children}
          </button>
        </>
      )}
    </ActionForm>
  );
}
