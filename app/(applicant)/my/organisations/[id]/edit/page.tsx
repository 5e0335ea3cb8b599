import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ProfileForm } from "@/components/organisations/profile-form";
import { Card, PageHeader } from "@/components/ui/card";
import { guardArea } from "@/lib/auth/guard";
import { countryOptions } from "@/lib/countries";
import { COMMON_CURRENCIES } from "@/lib/money";
import { getMyOrganisation } from "@/lib/organisations/queries";
import { updateOrganisationAction } from "../../actions";

export default async function EditOrganisationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await guardArea("applicant", `/my/organisations/${id}/edit`);
  const org = /^[0-9a-f-]{36}$/.test(id) ? await getMyOrganisation(actor, id) : null;
  if (!org || org.myRole !== "ADMIN" || org.erased) notFound();
  const t = await getTranslations("organisation");
  const locale = await getLocale();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("editTitle")} />
      <Card>
        <ProfileForm
          action={updateOrganisationAction}
          hidden={{ organisationId: org.id, version: String(org.version) }}
          initial={{
            displayName: org.identity?.displayName,
            legalName: org.identity?.legalName,
            registrationNumber: org.identity?.registrationNumber,
            website: org.identity?.website,
            contactName: org.identity?.contactName,
            contactEmail: org.identity?.contactEmail,
            contactPhone: org.identity?.contactPhone,
            operatingStatus: org.operatingStatus,
            operatingCountry: org.operatingCountry,
            registrationCountry: org.registrationCountry ?? undefined,
            sectors: org.sectors,
            foundedYear: org.foundedYear?.toString(),
            staffSize: org.staffSize?.toString(),
            annualBudget: org.annualBudget ?? undefined,
            annualBudgetCurrency: org.annualBudgetCurrency ?? undefined,
            isProtected: org.isProtected,
            regionOnly: org.regionOnly,
          }}
          countries={countryOptions(locale)}
          currencies={COMMON_CURRENCIES}
          submitLabel={t("save")}
        />
      </Card>
    </div>
  );
}
