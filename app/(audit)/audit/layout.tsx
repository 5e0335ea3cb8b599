import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { SubNav } from "@/components/shell/sub-nav";
import { guardArea } from "@/lib/auth/guard";

export default async function AuditLayout({ children }: { children: ReactNode }) {
  await guardArea("audit", "/audit");
  const t = await getTranslations("auditNav");
  const links = [
    { href: "/audit", label: t("home") },
    { href: "/audit/disbursements", label: t("disbursements") },
    { href: "/audit/dashboard", label: t("dashboard") },
  ];
  return (
    <>
      <SubNav label={t("label")} links={links} />
      {children}
    </>
  );
}
