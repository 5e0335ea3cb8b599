import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/components/forms/sign-up-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { currentActor } from "@/lib/auth/actor";
import { safeLocalPath } from "@/lib/paths";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("signUpTitle") };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const back = safeLocalPath(next);
  if (await currentActor()) redirect(back ?? "/my");
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-2xl font-bold">{t("signUpTitle")}</h1>
      <p className="mb-6 text-sm text-slate-700">{t("signUpIntro")}</p>
      <Alert tone="info" className="mb-4">
        {t("safetyNote")}
      </Alert>
      <Card>
        <SignUpForm next={back ?? undefined} />
      </Card>
      <p className="mt-4 text-sm text-slate-700">
        {t("haveAccount")}{" "}
        <Link href="/sign-in" className="font-medium text-brand-700 underline">
          {t("signIn")}
        </Link>
      </p>
    </div>
  );
}
