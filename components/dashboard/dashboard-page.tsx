// Shared body of the dashboard pages under /audit and /staff.
import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import type { Actor } from "@/lib/auth/actor";
import { canOpenDashboard, dashboardFunderOptions, fundingGap } from "@/lib/dashboard/funding-gap";
import { FundingGapView } from "./funding-gap-view";

export async function DashboardPage({ actor, scope, action }: { actor: Actor; scope: string | undefined; action: string }) {
  if (!canOpenDashboard(actor)) forbidden();
  const t = await getTranslations("dashboard");
  const funders = await dashboardFunderOptions(actor);
  const funder = funders.find((f) => f.id === scope) ?? (scope === "overall" ? undefined : funders[0]);
  const data = await fundingGap(actor, funder ? { kind: "funder", funderId: funder.id } : { kind: "overall" });
  return (
    <div>
      <PageHeader title={t("title")} description={t("intro")} />
      <FundingGapView data={data} funders={funders} selected={funder?.id ?? "overall"} action={action} />
    </div>
  );
}
