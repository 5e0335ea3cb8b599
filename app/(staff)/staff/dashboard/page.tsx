import { getTranslations } from "next-intl/server";
import { DashboardPage } from "@/components/dashboard/dashboard-page";
import { guardArea } from "@/lib/auth/guard";

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

export default async function Page({ searchParams }: { searchParams: Promise<{ scope?: string }> }) {
  const actor = await guardArea("staff", "/staff/dashboard");
  const { scope } = await searchParams;
  return <DashboardPage actor={actor} scope={typeof scope === "string" ? scope : undefined} action="/staff/dashboard" />;
}
