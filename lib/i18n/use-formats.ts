"use client";
// The reader's formatter in client components (lib/i18n/formats.ts).
import { useMemo } from "react";
import { useLocale, useTimeZone } from "next-intl";
import { formatterFor, type Formats } from "./formats";

export function useFormats(): Formats {
  const locale = useLocale();
  const timeZone = useTimeZone() ?? "UTC";
  return useMemo(() => formatterFor(locale, timeZone), [locale, timeZone]);
}
