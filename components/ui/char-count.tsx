"use client";
// A live count of characters against a field's limit. Nothing is cut: text above the
// limit stays as typed or pasted, the count turns red, and the server refuses it.
import { useTranslations } from "next-intl";
import { cn } from "./cn";

export const countId = (id: string) => `${id}-count`;

export function CharCount({ id, value, max }: { id: string; value: string; max: number }) {
  const t = useTranslations("editor");
  // UTF-16 units, as the server counts (zod's max)
  const count = value.length;
  const over = count - max;
  return (
    <p id={countId(id)} className={cn("text-xs", over > 0 ? "font-medium text-red-700" : "text-slate-600")} data-testid={countId(id)}>
      {over > 0 ? t("charOver", { over, max }) : t("charCount", { count, max })}
    </p>
  );
}
