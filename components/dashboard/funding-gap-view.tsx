// The funding-gap dashboard as a page body: scope picker, totals, charts and tables.
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { formatAmount } from "@/lib/amounts";
import { countryName } from "@/lib/countries";
import { coverage, type FundingGap } from "@/lib/dashboard/funding-gap";
import { GapBars, GapLine } from "./gap-charts";

export async function FundingGapView({ data, funders, selected, action }: { data: FundingGap; funders: Array<{ id: string; name: string }>; selected: string; action: string }) {
  const t = await getTranslations("dashboard");
  const ts = await getTranslations("organisation.sector");
  const td = await getTranslations("lostFunding.donor");
  const tr = await getTranslations("regions");
  const locale = await getLocale();
  const eur = (v: string) => `${formatAmount(v, locale)} EUR`;
  const labels = { lost: t("lost"), committed: t("committed"), disbursed: t("disbursed") };
  // The same exact decimal rule as the totals' coverage, not a float division here.
  const pct = (committed: string, lost: string) => {
    const c = coverage(committed, lost);
    return c === null ? "—" : `${c} %`;
  };
  const place = (p: string) => (/^[A-Z]{2}$/.test(p) ? countryName(p, locale) : tr(p));
  return (
    <div className="space-y-6">
      <form method="get" action={action} className="flex flex-wrap items-end gap-3" aria-label={t("scopeLabel")}>
        <label htmlFor="scope" className="text-sm font-medium text-slate-800">
          {t("scopeLabel")}
        </label>
        <Select id="scope" name="scope" defaultValue={selected} className="w-auto">
          {funders.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
          <option value="overall">{t("overall")}</option>
        </Select>
        <button type="submit" className={buttonClass("secondary")}>
          {t("show")}
        </button>
      </form>
      {data.scope.kind === "overall" ? <p className="text-sm text-slate-700">{t("overallNote")}</p> : null}

      <dl className="grid gap-4 sm:grid-cols-4" data-testid="gap-totals">
        {[
          { label: t("lost"), value: eur(data.totals.lost), id: "lost" },
          { label: t("committed"), value: eur(data.totals.committed), id: "committed" },
          { label: t("disbursed"), value: eur(data.totals.disbursed), id: "disbursed" },
          { label: t("coverage"), value: data.totals.coveragePct === null ? "—" : `${data.totals.coveragePct} %`, id: "coverage" },
        ].map((k) => (
          <div key={k.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{k.label}</dt>
            <dd className="mt-1 text-lg font-semibold text-slate-900" data-testid={`total-${k.id}`}>
              {k.value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-700">
        {t("counted", { organisations: data.totals.organisations, protected: data.totals.protectedOrganisations })}
        {data.totals.unconverted > 0 ? ` ${t("unconverted", { count: data.totals.unconverted })}` : ""}
      </p>

      <Card title={t("bySector")}>
        <GapBars title={t("bySector")} tableId="gap-sector-table" labels={labels} points={data.bySector.map((r) => ({ ...r, label: ts(r.sector) }))} />
        <p className="my-2 text-sm text-slate-700">{t("chartInTable")}</p>
        <SumsTable id="gap-sector-table" caption={t("bySector")} first={t("sector")} rows={data.bySector.map((r) => ({ ...r, key: r.sector, label: ts(r.sector) }))} labels={{ ...labels, coverage: t("coverage") }} eur={eur} pct={pct} />
      </Card>

      <Card title={t("overTime")}>
        <GapLine title={t("overTime")} tableId="gap-years-table" labels={labels} points={data.byYear.map((r) => ({ ...r, label: r.year }))} />
        <p className="my-2 text-sm text-slate-700">{t("chartInTable")}</p>
        <SumsTable id="gap-years-table" caption={t("overTime")} first={t("year")} rows={data.byYear.map((r) => ({ ...r, key: r.year, label: r.year }))} labels={{ ...labels, coverage: t("coverage") }} eur={eur} pct={pct} testId="gap-years" />
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("byDonor")}>
          <Table caption={t("byDonor")}>
            <thead>
              <tr>
                <Th>{t("donor")}</Th>
                <Th className="text-right">{t("lost")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.byDonor.map((r) => (
                <tr key={r.donor}>
                  <Td>{td(r.donor)}</Td>
                  <Td className="text-right tabular-nums">{eur(r.lost)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
        <Card title={t("byCountry")}>
          <Table caption={t("byCountry")}>
            <thead>
              <tr>
                <Th>{t("country")}</Th>
                <Th className="text-right">{t("lost")}</Th>
                <Th className="text-right">{t("committed")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.byCountry.map((r) => (
                <tr key={r.country}>
                  <Td>{r.country === "REGION_ONLY" ? t("regionOnlyGroup") : countryName(r.country, locale)}</Td>
                  <Td className="text-right tabular-nums">{eur(r.lost)}</Td>
                  <Td className="text-right tabular-nums">{eur(r.committed)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      </div>

      {data.organisations ? (
        <Card title={t("largestGaps")}>
          <Table caption={t("largestGaps")}>
            <thead>
              <tr>
                <Th>{t("organisation")}</Th>
                <Th>{t("place")}</Th>
                <Th className="text-right">{t("lost")}</Th>
                <Th className="text-right">{t("committed")}</Th>
                <Th className="text-right">{t("gap")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="gap-organisations">
              {data.organisations.map((o) => (
                <tr key={o.id}>
                  <Td>
                    {o.name}
                    {o.isProtected ? <span className="ml-2 text-xs text-slate-600">({t("protected")})</span> : null}
                  </Td>
                  <Td>{place(o.place)}</Td>
                  <Td className="text-right tabular-nums">{eur(o.lost)}</Td>
                  <Td className="text-right tabular-nums">{eur(o.committed)}</Td>
                  <Td className="text-right tabular-nums font-semibold">{eur(o.gap)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      ) : null}
    </div>
  );
}

type SumsRow = { key: string; label: string; lost: string; committed: string; disbursed: string };

/** Lost, committed, disbursed and coverage per row: a chart's figures as a table. */
function SumsTable({ id, caption, first, rows, labels, eur, pct, testId }: {
  id: string;
  caption: string;
  first: string;
  rows: SumsRow[];
  labels: { lost: string; committed: string; disbursed: string; coverage: string };
  eur: (v: string) => string;
  pct: (committed: string, lost: string) => string;
  testId?: string;
}) {
  return (
    <Table caption={caption} id={id}>
      <thead>
        <tr>
          <Th>{first}</Th>
          <Th className="text-right">{labels.lost}</Th>
          <Th className="text-right">{labels.committed}</Th>
          <Th className="text-right">{labels.disbursed}</Th>
          <Th className="text-right">{labels.coverage}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100" data-testid={testId}>
        {rows.map((r) => (
          <tr key={r.key}>
            <Td>{r.label}</Td>
            <Td className="text-right tabular-nums">{eur(r.lost)}</Td>
            <Td className="text-right tabular-nums">{eur(r.committed)}</Td>
            <Td className="text-right tabular-nums">{eur(r.disbursed)}</Td>
            <Td className="text-right tabular-nums">{pct(r.committed, r.lost)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
