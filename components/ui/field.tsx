import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { cn } from "./cn";
import { ResetSafeSelect } from "./select";

const control =
  "block rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset " +
  "ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:ring-red-600";

type FieldProps = { id: string; label: ReactNode; error?: string; hint?: ReactNode; children: ReactNode };

/** Label, control, hint and error, wired together for screen readers. */
export function Field({ id, label, error, hint, children }: FieldProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The message of a control that has no Field around it (a table cell, an inline form). */
export function FieldError({ id, error, className }: { id: string; error?: string; className?: string }) {
  return error ? (
    <p id={`${id}-error`} className={cn("mt-1 text-xs text-red-700", className)} role="alert">
      {error}
    </p>
  ) : null;
}

/** aria-invalid and aria-describedby of a control whose message sits at `${id}-error` (Field or FieldError). */
export function errorProps(id: string, error?: string, hint?: unknown) {
  return { "aria-invalid": Boolean(error), "aria-describedby": describedBy(id, error, hint) };
}

export function describedBy(id: string, error?: string, hint?: unknown) {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

/** Full width unless the caller sets a width of its own. */
const width = (className?: string) => (className && /(^|\s)w-/.test(className) ? undefined : "w-full");

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cn(control, width(className), className)} {...props} />;
}

export function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={cn(control, "min-h-28", width(className), className)} {...props} />;
}

export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <ResetSafeSelect className={cn(control, "pr-8", width(className), className)} {...props} />;
}
