import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { SubNav } from "@/components/shell/sub-nav";
import { guardArea } from "@/lib/auth/guard";
import { funderIdsWith } from "@/lib/auth/permissions";

export default async function StaffLayout({ children }: { children: ReactNode }) {
  const actor = await guardArea("staff", "/staff");
  const t = await getTranslations("staffNav");
  const links = [{ href: "/staff", label: t("home") }];
  if (funderIdsWith(actor, "calls.manage").length) links.push({ href: "/staff/calls", label: t("calls") });
  if (funderIdsWith(actor, "reviews.perform").length) links.push({ href: "/staff/reviews", label: t("reviews") });
  if (funderIdsWith(actor, "grants.view").length) links.push({ href: "/staff/grants", label: t("grants") });
  if (funderIdsWith(actor, "dashboard.view").length) links.push({ href: "/staff/dashboard", label: t("dashboard") });
  if (funderIdsWith(actor, "sanctions.view").length) links.push({ href: "/staff/sanctions", label: t("sanctions") });
  if (funderIdsWith(actor, "payees.verify").length || funderIdsWith(actor, "payees.confirm").length) links.push({ href: "/staff/payees", label: t("payees") });
  if (funderIdsWith(actor, "payments.record").length || funderIdsWith(actor, "payments.approve").length) links.push({ href: "/staff/batches", label: t("batches") }, { href: "/staff/statements", label: t("statements") });
  if (funderIdsWith(actor, "bankAccounts.manage").length) links.push({ href: "/staff/bank-accounts", label: t("bankAccounts") });
  if (funderIdsWith(actor, "apiTokens.manage").length) links.push({ href: "/staff/api-tokens", label: t("apiTokens") });
  return (
    <>
      <SubNav label={t("label")} links={links} />
      {children}
    </>
  );
}
