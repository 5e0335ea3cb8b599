"use client";
// Unexpected errors: a generic, translated message with a reference, never the stack.
import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";

// The request id of the page, put in a meta tag by the root layout.
const readRequestId = () => document.querySelector<HTMLMetaElement>('meta[name="request-id"]')?.content ?? "";
const noop = () => () => {};

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors.pages");
  const requestId = useSyncExternalStore(noop, readRequestId, () => "");
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-2xl font-bold">{t("errorTitle")}</h1>
      <p className="mt-3 text-slate-700">{t("errorBody")}</p>
      {error.digest || requestId ? (
        <p className="mt-2 text-sm text-slate-600">
          {t("reference")}: <code data-testid="error-reference">{[requestId, error.digest].filter(Boolean).join(" / ")}</code>
        </p>
      ) : null}
      <button type="button" onClick={reset} className="mt-6 font-medium text-brand-700 underline">
        {t("retry")}
      </button>
    </div>
  );
}
