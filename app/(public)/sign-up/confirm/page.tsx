import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ConfirmSignUpForm } from "@/components/forms/sign-up-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { usableSignUpLink } from "@/lib/users/registration";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("confirmTitle") };
}

// Opening the link changes nothing (mail scanners open links too); submitting it with the
// password chosen at sign-up does.
export default async function ConfirmSignUpPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const t = await getTranslations("auth");
  const { token } = await searchParams;
  const value = typeof token === "string" ? token.slice(0, 100) : "";
  const usable = Boolean(await usableSignUpLink(value));
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-2xl font-bold">{t("confirmTitle")}</h1>
      {usable ? (
        <>
          <p className="mb-6 text-sm text-slate-700">{t("confirmIntro")}</p>
          <Card>
            <ConfirmSignUpForm token={value} />
          </Card>
        </>
      ) : (
        <Alert tone="error">
          {t("confirmInvalid")}{" "}
          <Link href="/sign-up" className="font-semibold underline">
            {t("signUpTitle")}
          </Link>
        </Alert>
      )}
    </div>
  );
}
