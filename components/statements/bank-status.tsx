// A tranche's bank status on the grant page (lib/bank/tranche-status.ts): in a batch, sent,
// booked (with the statement's day) or returned (with the bank's reason code).
import { getTranslations } from "next-intl/server";
import type { TTrancheBankStatus } from "@/lib/bank/tranche-status";
import { Badge, type BadgeTone } from "../ui/badge";

const TONE: Record<TTrancheBankStatus["state"], BadgeTone> = { IN_BATCH: "neutral", SENT: "info", BOOKED: "success", RETURNED: "danger" };

export async function BankStatus({ status, day }: { status: TTrancheBankStatus | undefined; day: (iso: string) => string }) {
  if (!status) return null;
  const t = await getTranslations("statements.bank");
  return (
    <span className="block space-y-1" data-testid="bank-status">
      <Badge tone={TONE[status.state]}>{t(status.state)}</Badge>
      {status.bookedOn ? <span className="block text-xs text-slate-600">{t("on", { date: day(status.bookedOn) })}</span> : null}
      {status.returnReason ? <span className="block text-xs text-slate-600">{t("reason", { code: status.returnReason })}</span> : null}
      {status.batchReference ? <span className="block font-mono text-xs text-slate-600">{status.batchReference}</span> : null}
    </span>
  );
}
