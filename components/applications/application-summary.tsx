import { getTranslations } from "next-intl/server";
import type { TDraftContent } from "@/lib/applications/schemas";
import { SECTION_KEYS } from "@/lib/applications/schemas";
import { getFormats } from "@/lib/i18n/server-formats";
import { Table, Td, Th } from "../ui/table";

/** Read-only view of an application's content (after submission). */
export async function ApplicationSummary({ content, currency, overheadsAboveLimit }: { content: TDraftContent; currency: string; overheadsAboveLimit: boolean }) {
  const t = await getTranslations("editor");
  const format = await getFormats();
  const money = (v: string | undefined) => (v ? format.money(v, currency) : "—");
  return (
    <div className="space-y-6">
      <dl className="grid gap-4 sm:grid-cols-4">
        <div><dt className="text-xs text-slate-600">{t("requestedAmount", { currency })}</dt><dd className="font-medium">{money(content.requestedAmount)}</dd></div>
        <div><dt className="text-xs text-slate-600">{t("cofinancingAmount", { currency })}</dt><dd>{money(content.cofinancingAmount)}</dd></div>
        <div><dt className="text-xs text-slate-600">{t("startDate")}</dt><dd>{content.startDate ? format.day(content.startDate) : "—"}</dd></div>
        <div><dt className="text-xs text-slate-600">{t("durationMonths")}</dt><dd>{content.durationMonths ?? "—"}</dd></div>
      </dl>
      {SECTION_KEYS.map((k) => (
        <section key={k}>
          <h3 className="text-sm font-semibold text-slate-900">{t(`section.${k}`)}</h3>
          <p className="mt-1 whitespace-pre-line text-sm text-slate-800">{content.sections[k] || "—"}</p>
        </section>
      ))}
      <Table caption={t("budgetTitle")}>
        <thead>
          <tr>
            <Th>{t("category")}</Th>
            <Th>{t("description")}</Th>
            <Th className="text-right">{t("amount", { currency })}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {content.lines.map((l, i) => (
            <tr key={i}>
              <Td>{t(`categories.${l.category}`)}</Td>
              <Td>{l.description}</Td>
              <Td className="text-right">{money(l.amount)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {overheadsAboveLimit ? <p className="text-sm text-amber-800">{t("overheadFlagShort")}</p> : null}
    </div>
  );
}
