import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LineButtons } from "@/components/statements/statement-forms";
import { LinesTable } from "@/components/statements/lines-table";
import { Card, PageHeader } from "@/components/ui/card";
import { guardArea } from "@/lib/auth/guard";
import { canAtFunder } from "@/lib/auth/permissions";
import { maskAccount } from "@/lib/bank/account";
import { statementDetail } from "@/lib/bank/statements";
import { isAppError } from "@/lib/errors";
import { getFormats } from "@/lib/i18n/server-formats";

export async function generateMetadata() {
  const t = await getTranslations("statements");
  return { title: t("detailTitle") };
}

export default async function StatementPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> }) {
  const { id } = await params;
  const requested = Number((await searchParams).page ?? 1);
  const actor = await guardArea("staff", `/staff/statements/${id}`);
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const s = await statementDetail(actor, id, Number.isInteger(requested) ? requested : 1).catch((e: unknown) => {
    if (isAppError(e) && e.code === "notFound") notFound();
    throw e;
  });
  const t = await getTranslations("statements");
  const f = await getFormats();
  const finance = canAtFunder(actor, "payments.record", s.funderId);
  return (
    <div className="space-y-6">
      <PageHeader title={t("detailHeading", { ref: s.statementRef })} description={`${maskAccount({ kind: "sepa", iban: s.accountIban })} · ${s.format} · ${f.dateTime(s.importedAt, { dateStyle: "medium", timeStyle: "short" })}`} />
      <p><Link className="text-sm text-brand-700 underline" href="/staff/statements">{t("back")}</Link></p>
      <Card title={t("linesTitle")}>
        {s.lines.length === 0 ? <p className="text-sm text-slate-700">{t("noNewLines")}</p> : (
          <LinesTable lines={s.lines} caption={t("linesTitle")} testId="statement-lines" money={f.money} day={(d) => f.day(d)}
            actions={finance ? (l) => <LineButtons lineId={l.id} canConfirm={l.suggestion !== null} /> : undefined} />
        )}
        {s.pages > 1 ? (
          <nav className="mt-4 flex items-center gap-4 text-sm" aria-label={t("pagesLabel")}>
            {s.page > 1 ? <Link className="text-brand-700 underline" href={`/staff/statements/${s.id}?page=${s.page - 1}`}>{t("previousPage")}</Link> : null}
            <span>{t("pageOf", { page: s.page, pages: s.pages, lines: s.lineCount })}</span>
            {s.page < s.pages ? <Link className="text-brand-700 underline" href={`/staff/statements/${s.id}?page=${s.page + 1}`}>{t("nextPage")}</Link> : null}
          </nav>
        ) : null}
      </Card>
    </div>
  );
}
