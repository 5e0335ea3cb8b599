import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { formatAmount } from "@/lib/amounts";
import { guardArea } from "@/lib/auth/guard";
import { countryOptions } from "@/lib/countries";
import { disbursementFilterOptions, disbursementPreview, PREVIEW_ROWS } from "@/lib/reports/disbursement-preview";
import { ZDisbursementFilters } from "@/lib/reports/disbursements";

export async function generateMetadata() {
  const t = await getTranslations("disbursements");
  return { title: t("title") };
}

const FILTER_KEYS = ["from", "to", "funderId", "programmeId", "callId", "country", "currency", "status"] as const;

export default async function DisbursementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await guardArea("audit", "/audit/disbursements");
  const t = await getTranslations("disbursements");
  const locale = await getLocale();
  const raw = await searchParams;
  const given = Object.fromEntries(FILTER_KEYS.map((k) => [k, typeof raw[k] === "string" ? raw[k] : ""]));
  const parsed = ZDisbursementFilters.safeParse(given);
  const filters = parsed.success ? parsed.data : ZDisbursementFilters.parse({});
  const [options, preview] = await Promise.all([disbursementFilterOptions(actor), disbursementPreview(actor, filters)]);
  const query = new URLSearchParams(Object.entries(given).filter(([, v]) => v)).toString();
  const link = (format: string) => `/api/exports/disbursements?${query ? `${query}&` : ""}format=${format}`;
  const money = (v: string, c: string) => `${formatAmount(v, locale)} ${c}`;
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <Card title={t("filters")}>
        <form method="get" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="disbursement-filters">
          <Field id="from" label={t("from")}>
            <Input id="from" name="from" type="date" defaultValue={given.from} />
          </Field>
          <Field id="to" label={t("to")}>
            <Input id="to" name="to" type="date" defaultValue={given.to} />
          </Field>
          <Field id="funderId" label={t("funder")}>
            <Select id="funderId" name="funderId" defaultValue={given.funderId}>
              <option value="">{t("any")}</option>
              {options.funders.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
            </Select>
          </Field>
          <Field id="programmeId" label={t("programme")}>
            <Select id="programmeId" name="programmeId" defaultValue={given.programmeId}>
              <option value="">{t("any")}</option>
              {options.programmes.map((p) => <option key={p.id} value={p.id}>{`${p.code} · ${p.name}`}</option>)}
            </Select>
          </Field>
          <Field id="callId" label={t("call")}>
            <Select id="callId" name="callId" defaultValue={given.callId}>
              <option value="">{t("any")}</option>
              {options.calls.map((c) => <option key={c.id} value={c.id}>{c.reference}</option>)}
            </Select>
          </Field>
          <Field id="country" label={t("country")}>
            <Select id="country" name="country" defaultValue={given.country}>
              <option value="">{t("any")}</option>
              {countryOptions(locale).map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
            </Select>
          </Field>
          <Field id="currency" label={t("currency")}>
            <Select id="currency" name="currency" defaultValue={given.currency}>
              <option value="">{t("any")}</option>
              {options.currencies.map((c) => <option key={c} value={c}>{c}</option>)}
            </Select>
          </Field>
          <Field id="status" label={t("status")}>
            <Select id="status" name="status" defaultValue={given.status}>
              <option value="">{t("any")}</option>
              {(["ACTIVE", "SUSPENDED", "CLOSED", "TERMINATED"] as const).map((s) => <option key={s} value={s}>{t(`grantStatus.${s}`)}</option>)}
            </Select>
          </Field>
          <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-4">
            <button type="submit" className={buttonClass("primary")}>{t("apply")}</button>
            <a href="/audit/disbursements" className={buttonClass("ghost")}>{t("reset")}</a>
          </div>
        </form>
        {!parsed.success ? <Alert tone="error">{t("badFilters")}</Alert> : null}
      </Card>

      <Card title={t("totals")} actions={
        <div className="flex gap-2" data-testid="export-links">
          {(["csv", "xlsx", "pdf"] as const).map((f) => (
            <a key={f} href={link(f)} className={buttonClass("secondary")} download>{t(`download.${f}`)}</a>
          ))}
        </div>
      }>
        <Table caption={t("totals")}>
          <thead>
            <tr>
              <Th>{t("currency")}</Th>
              <Th className="text-right">{t("rows")}</Th>
              <Th className="text-right">{t("amount")}</Th>
              <Th className="text-right">{t("amountEur")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="disbursement-totals">
            {preview.totals.byCurrency.map((c) => (
              <tr key={c.currency}>
                <Td>{c.currency}</Td>
                <Td className="text-right tabular-nums">{c.rows}</Td>
                <Td className="text-right tabular-nums">{money(c.amount, c.currency)}</Td>
                <Td className="text-right tabular-nums">{money(c.eur, "EUR")}</Td>
              </tr>
            ))}
            <tr className="font-semibold">
              <Td>{t("allCurrencies")}</Td>
              <Td className="text-right tabular-nums">{preview.totals.rows}</Td>
              <Td />
              <Td className="text-right tabular-nums" data-testid="total-eur">{money(preview.totals.eur, "EUR")}</Td>
            </tr>
          </tbody>
        </Table>
      </Card>

      <Card title={t("preview", { count: Math.min(PREVIEW_ROWS, preview.totals.rows), total: preview.totals.rows })}>
        {preview.rows.length === 0 ? (
          <p className="text-sm text-slate-700">{t("none")}</p>
        ) : (
          <Table caption={t("previewCaption")}>
            <thead>
              <tr>
                <Th>{t("valueDate")}</Th>
                <Th>{t("kind")}</Th>
                <Th>{t("grant")}</Th>
                <Th>{t("organisation")}</Th>
                <Th>{t("country")}</Th>
                <Th className="text-right">{t("amount")}</Th>
                <Th className="text-right">{t("amountEur")}</Th>
                <Th>{t("bankReference")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="disbursement-rows">
              {preview.rows.map((r) => (
                <tr key={r.entryId}>
                  <Td className="whitespace-nowrap">{r.valueDate}</Td>
                  <Td>{t(`entryKind.${r.kind}`)}</Td>
                  <Td className="whitespace-nowrap font-mono text-xs">{r.grantNumber}</Td>
                  <Td>{r.organisation}</Td>
                  <Td>{r.country || t("regionOnly")}</Td>
                  <Td className="text-right tabular-nums">{money(r.amount, r.currency)}</Td>
                  <Td className="text-right tabular-nums">{money(r.eurAmount, "EUR")}</Td>
                  <Td className="font-mono text-xs">{r.bankReference}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
