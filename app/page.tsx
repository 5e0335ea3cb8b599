import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { currentActor } from "@/lib/auth/actor";
import { landingPath } from "@/lib/auth/permissions";

export default async function HomePage() {
  const actor = await currentActor();
  if (actor) redirect(landingPath(actor));
  const t = await getTranslations("home");
  return (
    <div className="mx-auto max-w-3xl py-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("title")}</h1>
      <p className="mt-4 text-lg text-slate-700">{t("intro")}</p>
      <ul className="mt-6 list-disc space-y-2 pl-6 text-slate-700">
        <li>{t("point1")}</li>
        <li>{t("point2")}</li>
        <li>{t("point3")}</li>
      </ul>
      <div className="mt-8 flex flex-wrap gap-3">
        <Link href="/calls" className={buttonClass("primary")}>
          {t("seeCalls")}
        </Link>
        <Link href="/sign-in" className={buttonClass("secondary")}>
          {t("signIn")}
        </Link>
      </div>
    </div>
  );
}
