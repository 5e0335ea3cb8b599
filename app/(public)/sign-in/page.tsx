import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PasskeySignInButton } from "@/components/auth/passkey-buttons";
import { SignInForm } from "@/components/forms/sign-in-form";
import { Card } from "@/components/ui/card";
import { currentActor } from "@/lib/auth/actor";
import { landingPath } from "@/lib/auth/permissions";
import { safeLocalPath } from "@/lib/paths";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("signInTitle") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const actor = await currentActor();
  if (actor) redirect(landingPath(actor));
  const t = await getTranslations("auth");
  const next = safeLocalPath((await searchParams).next) ?? undefined;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-2xl font-bold">{t("signInTitle")}</h1>
      <Card>
        <SignInForm next={next} />
        <div className="mt-4 border-t border-slate-100 pt-4">
          <PasskeySignInButton next={next} />
        </div>
      </Card>
      <p className="mt-4 text-sm text-slate-700">
        {t("noAccount")}{" "}
        <Link href="/sign-up" className="font-medium text-brand-700 underline">
          {t("signUpLink")}
        </Link>
      </p>
      <p className="mt-2 text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-700 underline">
          {t("forgotLink")}
        </Link>
      </p>
    </div>
  );
}
