import { getTranslations } from "next-intl/server";
import { ResetPasswordForm } from "@/components/forms/password-reset-forms";
import { Card } from "@/components/ui/card";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("resetTitle") };
}

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const t = await getTranslations("auth");
  const { token } = await searchParams;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-2xl font-bold">{t("resetTitle")}</h1>
      <p className="mb-6 text-sm text-slate-700">{t("resetIntro")}</p>
      <Card>
        <ResetPasswordForm token={typeof token === "string" ? token.slice(0, 100) : ""} />
      </Card>
    </div>
  );
}
