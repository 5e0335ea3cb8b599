// A grant's payee account as members and staff see it: masked, with a change awaiting an
// approver and why the grant cannot be paid now. The forms come from the page (who may act).
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { GrantPayeeView } from "@/lib/bank/accounts-grant";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";

export async function GrantPayeeCard({ payee, children }: { payee: GrantPayeeView; children?: ReactNode }) {
  const t = await getTranslations("payees");
  const te = await getTranslations("errors");
  return (
    <Card title={t("grantTitle")}>
      <dl className="space-y-2 text-sm" data-testid="grant-payee">
        <div className="flex flex-wrap gap-2">
          <dt className="text-slate-600">{t("current")}</dt>
          <dd className="font-mono">{payee.account ? payee.account.masked : t("none")}{payee.account?.retired ? <span className="ml-2"><Badge tone="warning">{t("retired")}</Badge></span> : null}</dd>
        </div>
        {payee.pending ? (
          <div className="flex flex-wrap gap-2">
            <dt className="text-slate-600">{t("pending")}</dt>
            <dd className="font-mono">{payee.pending.masked} <Badge tone="warning">{t("changeStatus.REQUESTED")}</Badge></dd>
          </div>
        ) : null}
      </dl>
      {payee.blocked ? <Alert tone="warning" className="mt-3">{te(payee.blocked)}</Alert> : <p className="mt-3 text-sm text-green-800">{t("ready")}</p>}
      {children ? <div className="mt-4">{children}</div> : null}
    </Card>
  );
}
