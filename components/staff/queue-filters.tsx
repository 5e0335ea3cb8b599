import { getTranslations } from "next-intl/server";
import type { TQueueFilters } from "@/lib/applications/queue";
import { buttonClass } from "../ui/button";
import { Input, Select } from "../ui/field";

const STATES = ["SUBMITTED", "CLARIFICATION_REQUESTED", "INELIGIBLE", "ELIGIBLE", "IN_REVIEW", "REVIEWED", "RECOMMENDED", "APPROVED", "REJECTED", "WITHDRAWN"] as const;
const SECTORS = ["HUMAN_RIGHTS", "INDEPENDENT_MEDIA", "LEGAL_AID", "EDUCATION", "CULTURE", "ANTI_WAR", "ENVIRONMENT", "WOMENS_RIGHTS", "LGBTQ", "UKRAINE_SUPPORT", "OTHER"] as const;

/** A plain GET form: filters live in the URL, so a filtered queue can be bookmarked. */
export async function QueueFilters({ filters, calls, countries }: { filters: TQueueFilters; calls: { id: string; label: string }[]; countries: { value: string; label: string }[] }) {
  const t = await getTranslations("queue");
  const ts = await getTranslations("status.staff");
  const to = await getTranslations("organisation.sector");
  const field = (id: string, label: string, control: React.ReactNode) => (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">{label}</label>
      {control}
    </div>
  );
  return (
    <form method="get" className="grid gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 sm:grid-cols-4 lg:grid-cols-8" aria-label={t("filters")}>
      {field("f-call", t("call"), (
        <Select id="f-call" name="callId" defaultValue={filters.callId ?? ""} className="w-full py-1">
          <option value="">{t("all")}</option>
          {calls.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
        </Select>
      ))}
      {field("f-status", t("status"), (
        <Select id="f-status" name="status" defaultValue={filters.status ?? ""} className="w-full py-1">
          <option value="">{t("all")}</option>
          {STATES.map((s) => <option key={s} value={s}>{ts(s)}</option>)}
        </Select>
      ))}
      {field("f-kind", t("track"), (
        <Select id="f-kind" name="kind" defaultValue={filters.kind ?? ""} className="w-full py-1">
          <option value="">{t("all")}</option>
          <option value="EMERGENCY">{t("emergency")}</option>
          <option value="REGULAR">{t("regular")}</option>
        </Select>
      ))}
      {field("f-country", t("country"), (
        <Select id="f-country" name="country" defaultValue={filters.country ?? ""} className="w-full py-1">
          <option value="">{t("all")}</option>
          {countries.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </Select>
      ))}
      {field("f-sector", t("sector"), (
        <Select id="f-sector" name="sector" defaultValue={filters.sector ?? ""} className="w-full py-1">
          <option value="">{t("all")}</option>
          {SECTORS.map((s) => <option key={s} value={s}>{to(s)}</option>)}
        </Select>
      ))}
      {field("f-min", t("minAmount"), <Input id="f-min" name="minAmount" inputMode="decimal" defaultValue={filters.minAmount ?? ""} className="w-full py-1" />)}
      {field("f-max", t("maxAmount"), <Input id="f-max" name="maxAmount" inputMode="decimal" defaultValue={filters.maxAmount ?? ""} className="w-full py-1" />)}
      {field("f-sort", t("sort"), (
        <Select id="f-sort" name="sort" defaultValue={filters.sort} className="w-full py-1">
          {(["oldest", "newest", "amountDesc", "amountAsc", "scoreDesc"] as const).map((s) => <option key={s} value={s}>{t(`sorts.${s}`)}</option>)}
        </Select>
      ))}
      <div className="flex items-end gap-2 sm:col-span-4 lg:col-span-8">
        <button type="submit" className={buttonClass("primary", "py-1.5")}>{t("apply")}</button>
        <a href="/staff" className={buttonClass("ghost", "py-1.5")}>{t("reset")}</a>
      </div>
    </form>
  );
}
