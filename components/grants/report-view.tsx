import { getLocale, getTranslations } from "next-intl/server";
import { formatMoney } from "@/lib/money";
import { Table, Td, Th } from "../ui/table";

type Line = { category: string; description: string; approved: string; spent: string };

/** A submitted report: narrative, spending against the approved budget, files. */
export async function ReportView({ narrative, financial, currency, attachments }: { narrative: string | null; financial: Line[] | null; currency: string; attachments: { id: string; fileName: string }[] | null }) {
  const t = await getTranslations("reports");
  const tc = await getTranslations("editor.categories");
  const locale = await getLocale();
  return (
    <div className="space-y-4">
      <p className="whitespace-pre-line text-sm">{narrative}</p>
      {financial ? (
        <Table caption={t("financial")}>
          <thead><tr><Th>{t("line")}</Th><Th className="text-right">{t("approved")}</Th><Th className="text-right">{t("spent")}</Th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {financial.map((l, i) => (
              <tr key={i}><Td>{tc(l.category)} · {l.description}</Td><Td className="text-right">{formatMoney(l.approved, currency, locale)}</Td><Td className="text-right">{formatMoney(l.spent, currency, locale)}</Td></tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {attachments === null ? <p className="text-sm text-slate-700">{t("filesProtected")}</p> : null}
      <ul className="text-sm">{(attachments ?? []).map((a) => <li key={a.id}><a href={`/api/files/${a.id}`} className="text-brand-700 underline">{a.fileName}</a></li>)}</ul>
    </div>
  );
}
