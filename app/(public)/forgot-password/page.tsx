import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "@/components/forms/password-reset-forms";
import { Card } from "@/components/ui/card";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("forgotTitle") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-2xl font-bold">{t("forgotTitle")}</h1>
      <p className="mb-6 text-sm text-slate-700">{t("forgotIntro")}</p>
      <Card>
        <ForgotPasswordForm />
      </Card>
    </div>
  );
}
