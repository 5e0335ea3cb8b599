import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { SubNav } from "@/components/shell/sub-nav";
import { guardArea } from "@/lib/auth/guard";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await guardArea("admin", "/admin");
  const t = await getTranslations("adminNav");
  return (
    <>
      <SubNav label={t("label")} links={[{ href: "/admin", label: t("users") }, { href: "/admin/organisations", label: t("organisations") }, { href: "/admin/fx", label: t("fx") }, { href: "/admin/sanctions", label: t("sanctions") }]} />
      {children}
    </>
  );
}
