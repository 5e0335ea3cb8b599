"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useRef } from "react";
import { setLocaleAction } from "@/app/actions";
import { LocaleOptions } from "@/components/ui/locale-options";
import type { Locale } from "@/lib/i18n/locales";

export function LanguageSwitcher({ current, label, submitLabel }: {
  current: Locale;
  label: string;
  submitLabel: string;
}) {
  const form = useRef<HTMLFormElement>(null);
  const pathname = usePathname();
  const search = useSearchParams().toString();
  return (
    <form ref={form} action={setLocaleAction} className="flex items-center gap-1">
      <input type="hidden" name="back" value={search ? `${pathname}?${search}` : pathname} />
      <label htmlFor="locale-switcher" className="sr-only">
        {label}
      </label>
      <select
        id="locale-switcher"
        key={current}
        name="locale"
        defaultValue={current}
        onChange={() => form.current?.requestSubmit()}
        className="rounded-md border-0 bg-white py-1 pl-2 pr-7 text-sm text-slate-900 ring-1 ring-inset ring-slate-300"
      >
        <LocaleOptions />
      </select>
      <noscript>
        <button type="submit" className="text-sm underline">
          {submitLabel}
        </button>
      </noscript>
    </form>
  );
}
