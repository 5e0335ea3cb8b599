import { getLocale, getTranslations } from "next-intl/server";
import { ProfileForm } from "@/components/organisations/profile-form";
import { Card, PageHeader } from "@/components/ui/card";
import { guardArea } from "@/lib/auth/guard";
import { countryOptions } from "@/lib/countries";
import { COMMON_CURRENCIES } from "@/lib/money";
import { createOrganisationAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("organisation");
  return { title: t("createTitle") };
}

export default async function NewOrganisationPage() {
  await guardArea("applicant", "/my/organisations/new");
  const t = await getTranslations("organisation");
  const locale = await getLocale();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("createTitle")} description={t("createIntro")} />
      <Card>
        <ProfileForm
          action={createOrganisationAction}
          initial={{ operatingStatus: "EXILE", annualBudgetCurrency: "EUR" }}
          countries={countryOptions(locale)}
          currencies={COMMON_CURRENCIES}
          submitLabel={t("create")}
        />
      </Card>
    </div>
  );
}
