import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { DecideOutcomeForm, ProposeOutcomeForm } from "@/components/staff/sanctions-forms";
import { statusTone } from "@/components/staff/sanctions-status";
import { guardArea } from "@/lib/auth/guard";
import { isAppError } from "@/lib/errors";
import { getFormats } from "@/lib/i18n/server-formats";
import { viewSanctionsMatch } from "@/lib/sanctions/review";

async function load(actor: Parameters<typeof viewSanctionsMatch>[0], id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  try {
    return await viewSanctionsMatch(actor, id);
  } catch (e) {
    if (isAppError(e) && e.code === "notFound") notFound();
    throw e;
  }
}

export default async function SanctionsMatchPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await guardArea("staff", `/staff/sanctions/${id}`);
  const t = await getTranslations("sanctions");
  const f = await getFormats();
  const m = await load(actor, id);
  const e = m.entry;
  return (
    <div className="space-y-6">
      <PageHeader title={t("matchTitle", { organisation: m.organisation })} description={<Link href="/staff/sanctions" className="underline">{t("backToQueue")}</Link>} />
      <Card>
        <dl className="grid gap-3 text-sm sm:grid-cols-2" data-testid="match-summary">
          <div><dt className="font-medium">{t("statusLabel")}</dt><dd><Badge tone={statusTone(m.status)}>{t(`status.${m.status}`)}</Badge></dd></div>
          <div><dt className="font-medium">{t("score")}</dt><dd className="font-mono">{f.decimal(m.score, { min: 2, max: 2 })}</dd></div>
          <div><dt className="font-medium">{t("subject")}</dt><dd>{t(`subjectKind.${m.subject}`)}{m.explanation.subjectName ? `: ${m.explanation.subjectName}` : ""}</dd></div>
          <div><dt className="font-medium">{t("list")}</dt><dd>{t(`lists.${m.list}`)}{m.risk ? ` · ${t("riskOnly")}` : ""}</dd></div>
        </dl>
        {m.subjectHidden ? <p className="mt-3 text-sm text-slate-700">{t(`hidden.${m.subjectHidden}`)}</p> : null}
      </Card>
      <Card>
        <h2 className="text-base font-semibold">{t("why")}</h2>
        <ul className="mt-2 list-disc pl-5 text-sm" data-testid="match-reasons">
          {m.explanation.reasons.map((r, i) => (
            <li key={i}>
              {t(`reasons.${r.code}`)}
              {/* The organisation's side of a comparison only where its names may be shown. */}
              {r.listed || (r.subject && !m.subjectHidden) ? <span className="text-slate-600"> ({[m.subjectHidden ? null : r.subject, r.listed].filter(Boolean).join(" ↔ ")})</span> : null}
            </li>
          ))}
        </ul>
        {m.explanation.matchedName ? <p className="mt-2 text-sm">{t("matchedName")}: <span lang="und">{m.explanation.matchedName}</span></p> : null}
      </Card>
      {e ? <Card>
        <h2 className="text-base font-semibold">{t("listedEntry")}</h2>
        <p className="mt-1 text-sm">{m.listedName} · {t(`kind.${m.listedKind}`)} · {e.sourceId}</p>
        <h3 className="mt-3 text-sm font-medium">{t("names")}</h3>
        <ul className="text-sm" data-testid="listed-names">
          {e.names.map((n, i) => (
            <li key={i}><span lang={n.lang ?? "und"}>{n.full}</span> <span className="text-xs text-slate-600">{n.script}{n.lang ? ` · ${n.lang}` : ""}{n.weak ? ` · ${t("weak")}` : ""}</span></li>
          ))}
        </ul>
        {e.birthDates.length ? <p className="mt-2 text-sm">{t("birthDates")}: {e.birthDates.map((b) => (b.date ? f.day(b.date) : `${b.year ?? ""}${b.yearTo ? `–${b.yearTo}` : ""}`) + (b.circa ? ` (${t("circa")})` : "")).join(", ")}</p> : null}
        {e.nationalities.length ? <p className="text-sm">{t("nationalities")}: {e.nationalities.map((c) => (/^[A-Z]{2}$/.test(c) ? f.country(c) : c)).join(", ")}</p> : null}
        {e.identifiers.length ? <p className="text-sm">{t("identifiers")}: {e.identifiers.map((x) => `${x.label ?? x.type} ${x.value}${x.country ? ` (${x.country})` : ""}`).join("; ")}</p> : null}
        {e.programmes.length ? <p className="text-sm">{t("programmes")}: {e.programmes.join(", ")}</p> : null}
        {e.legalBasis.length ? <p className="text-sm">{t("legalBasis")}: {e.legalBasis.join(", ")}</p> : null}
      </Card> : null}
      {m.reason ? <Card><h2 className="text-base font-semibold">{t("proposal")}</h2><p className="mt-1 whitespace-pre-wrap text-sm" data-testid="proposal-reason">{m.reason}</p></Card> : null}
      {m.canPropose ? <Card><ProposeOutcomeForm matchId={m.id} version={m.version} /></Card> : null}
      {m.canDecide ? <Card><DecideOutcomeForm matchId={m.id} version={m.version} proposal={m.status as "CLEAR_PROPOSED" | "MATCH_PROPOSED"} /></Card> : null}
      {(m.status === "CLEAR_PROPOSED" || m.status === "MATCH_PROPOSED") && m.proposedByMe ? <p className="text-sm text-slate-700">{t("waitingForApprover")}</p> : null}
    </div>
  );
}
