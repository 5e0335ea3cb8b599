import type { ReactNode } from "react";
import { cn } from "./cn";

const TONES = {
  info: "bg-brand-50 text-brand-800 ring-brand-100",
  success: "bg-green-50 text-green-900 ring-green-200",
  warning: "bg-amber-50 text-amber-900 ring-amber-200",
  error: "bg-red-50 text-red-900 ring-red-200",
} as const;

export function Alert({ tone = "info", children, className, focusable }: {
  tone?: keyof typeof TONES;
  children: ReactNode;
  className?: string;
  /** A form's answer: focus may be moved to it (ActionForm). */
  focusable?: boolean;
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      tabIndex={focusable ? -1 : undefined}
      data-form-message={focusable ? "" : undefined}
      className={cn("rounded-md px-4 py-3 text-sm ring-1 ring-inset", TONES[tone], className)}
    >
      {children}
    </div>
  );
}
