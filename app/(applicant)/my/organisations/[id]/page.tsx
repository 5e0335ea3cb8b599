import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getFormats } from "@/lib/i18n/server-formats";
import { ButtonForm } from "@/components/forms/confirm-button-form";
import { InviteForm } from "@/components/organisations/invite-form";
import { LostFundingForm } from "@/components/organisations/lost-funding-form";
import { FormerNamesForm, KeyPersonForm } from "@/components/organisations/key-people-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { guardArea } from "@/lib/auth/guard";
import { countryName, countryOptions } from "@/lib/countries";
import { formatMoney } from "@/lib/money";
import { getMyOrganisation } from "@/lib/organisations/queries";
import { COMMON_CURRENCIES } from "@/lib/money";
import { removeKeyPersonAction, removeLostFundingAction, retirePayeeAccountAction } from "../actions";
import { PayeeAccountForm } from "@/components/payees/account-form";
import { listOrganisationAccounts } from "@/lib/bank/accounts";

export async function generateMetadata() {
  const t = await getTranslations("organisation");
  return { title: t("profileTitle") };
}

export default async function OrganisationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await guardArea("applicant", `/my/organisations/${id}`);
  const org = /^[0-9a-f-]{36}$/.test(id) ? await getMyOrganisation(actor, id) : null;
  if (!org) notFound();
  const t = await getTranslations("organisation");
  const tl = await getTranslations("lostFunding");
  const tm = await getTranslations("members");
  const tk = await getTranslations("keyPeople");
  const tp = await getTranslations("payees");
  const accounts = await listOrganisationAccounts(actor, org.id);
  const keyPeople = org.identity?.keyPeople ?? [];
  const locale = await getLocale();
  const format = await getFormats();
  const name = org.identity?.displayName ?? org.codename;
  const dl = (label: string, value: React.ReactNode) => (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-sm text-slate-900 sm:col-span-2">{value ?? "—"}</dd>
    </div>
  );
  return (
    <div className="space-y-6">
      <PageHeader
        title={name}
        description={org.isProtected ? t("protectedBanner", { codename: org.codename }) : undefined}
        actions={
          org.myRole === "ADMIN" && !org.erased ? (
            <Link href={`/my/organisations/${org.id}/edit`} className={buttonClass("secondary")}>
              {t("edit")}
            </Link>
          ) : null
        }
      />
      {org.erased ? <Alert tone="warning">{t("erased")}</Alert> : null}
      <Card title={t("profileTitle")}>
        <dl className="divide-y divide-slate-100">
          {dl(t("field.legalName"), org.identity?.legalName)}
          {dl(t("field.registrationNumber"), org.identity?.registrationNumber)}
          {dl(t("field.registrationCountry"), org.registrationCountry ? countryName(org.registrationCountry, locale) : null)}
          {dl(t("field.operatingStatus"), `${t(`status.${org.operatingStatus}`)} · ${countryName(org.operatingCountry, locale)}`)}
          {dl(t("field.sectors"), (
            <span className="flex flex-wrap gap-1">
              {org.sectors.map((s) => (
                <Badge key={s}>{t(`sector.${s}`)}</Badge>
              ))}
            </span>
          ))}
          {dl(t("field.foundedYear"), org.foundedYear)}
          {dl(t("field.staffSize"), org.staffSize)}
          {dl(t("field.annualBudget"), org.annualBudget && org.annualBudgetCurrency ? formatMoney(org.annualBudget, org.annualBudgetCurrency, locale) : null)}
          {dl(t("field.website"), org.identity?.website)}
          {dl(t("section.contact"), [org.identity?.contactName, org.identity?.contactEmail, org.identity?.contactPhone].filter(Boolean).join(" · ") || null)}
          {dl(t("field.isProtected"), org.isProtected ? t("yesCodename", { codename: org.codename }) : t("no"))}
          {dl(t("field.regionOnly"), org.regionOnly ? t("yes") : t("no"))}
        </dl>
      </Card>

      <Card title={tl("title")}>
        <p className="mb-4 text-sm text-slate-700">{tl("intro")}</p>
        {org.lostFunding.length > 0 ? (
          <div className="mb-6">
            <Table caption={tl("title")}>
              <thead>
                <tr>
                  <Th>{tl("field.donor")}</Th>
                  <Th>{tl("field.programmeName")}</Th>
                  <Th>{tl("field.annualAmount")}</Th>
                  <Th>{tl("field.endedOn")}</Th>
                  <Th>{tl("field.purpose")}</Th>
                  <Th><span className="sr-only">{tl("remove")}</span></Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100" data-testid="lost-funding">
                {org.lostFunding.map((l) => (
                  <tr key={l.id}>
                    <Td>{l.donor === "OTHER" ? l.donorOther : tl(`donor.${l.donor}`)}</Td>
                    <Td>{l.programmeName}</Td>
                    <Td className="whitespace-nowrap">{formatMoney(l.annualAmount, l.currency, locale)}</Td>
                    <Td>{format.dateTime(l.endedOn, { dateStyle: "medium", timeZone: "UTC" })}</Td>
                    <Td>{l.purpose}</Td>
                    <Td>
                      <ButtonForm action={removeLostFundingAction} fields={{ organisationId: org.id, lostFundingId: l.id }} confirm={tl("confirmRemove")}>
                        {tl("remove")}
                      </ButtonForm>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        ) : null}
        <h3 className="mb-3 text-sm font-semibold">{tl("addTitle")}</h3>
        <LostFundingForm organisationId={org.id} currencies={COMMON_CURRENCIES} />
      </Card>

      <Card title={tp("orgTitle")}>
        <p className="mb-4 text-sm text-slate-700">{tp("orgIntro")}</p>
        {accounts.length > 0 ? (
          <div className="mb-6">
            <Table caption={tp("orgTitle")}>
              <thead>
                <tr>
                  <Th>{tp("field.account")}</Th>
                  <Th>{tp("field.kind")}</Th>
                  <Th>{tp("state")}</Th>
                  <Th>{tp("grants")}</Th>
                  <Th><span className="sr-only">{tp("retire")}</span></Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100" data-testid="payee-accounts">
                {accounts.map((a) => (
                  <tr key={a.id}>
                    <Td className="whitespace-nowrap font-mono">{a.masked}</Td>
                    <Td>{tp(`kind.${a.kind}`)}{a.currency ? ` · ${a.currency}` : ""}</Td>
                    <Td>
                      {a.retiredAt ? <Badge>{tp("retired")}</Badge> : a.verifications.length === 0 ? <Badge tone="warning">{tp("unverified")}</Badge> : (
                        <ul className="space-y-1">
                          {a.verifications.map((v, i) => (
                            <li key={i}>
                              {v.funderName}: {tp(`verificationStatus.${v.status}`)}
                              {v.usableFrom ? ` · ${tp("usableFrom", { date: format.dateTime(v.usableFrom, { dateStyle: "medium" }) })}` : ""}
                            </li>
                          ))}
                        </ul>
                      )}
                    </Td>
                    <Td>{a.grants.map((g) => g.number).join(", ") || "—"}</Td>
                    <Td>
                      {a.retiredAt || org.myRole !== "ADMIN" ? null : (
                        <ButtonForm action={retirePayeeAccountAction} fields={{ accountId: a.id }} confirm={tp("confirmRetire")}>
                          {tp("retire")}
                        </ButtonForm>
                      )}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        ) : null}
        {org.erased || org.myRole !== "ADMIN" ? null : (
          <>
            <h3 className="mb-3 text-sm font-semibold">{tp("addTitle")}</h3>
            <PayeeAccountForm organisationId={org.id} countries={countryOptions(locale)} currencies={COMMON_CURRENCIES} />
          </>
        )}
      </Card>

      <Card title={tk("title")}>
        <p className="mb-4 text-sm text-slate-700">{tk("intro")}</p>
        {keyPeople.length > 0 ? (
          <div className="mb-6">
            <Table caption={tk("title")}>
              <thead>
                <tr>
                  <Th>{tk("field.role")}</Th>
                  <Th>{tk("field.name")}</Th>
                  <Th>{tk("field.latinName")}</Th>
                  <Th>{tk("field.birthDate")}</Th>
                  <Th>{tk("field.nationality")}</Th>
                  {org.myRole === "ADMIN" ? <Th><span className="sr-only">{tk("remove")}</span></Th> : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100" data-testid="key-people">
                {keyPeople.map((p) => (
                  <tr key={p.id}>
                    <Td>{tk(`role.${p.role}`)}</Td>
                    <Td>{p.name}</Td>
                    <Td>{p.latinName ?? "—"}</Td>
                    <Td>{p.birthDate ? format.dateTime(new Date(`${p.birthDate}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }) : "—"}</Td>
                    <Td>{p.nationality ? countryName(p.nationality, locale) : "—"}</Td>
                    {org.myRole === "ADMIN" ? (
                      <Td>
                        <ButtonForm action={removeKeyPersonAction} fields={{ organisationId: org.id, personId: p.id }} confirm={tk("confirmRemove")}>
                          {tk("remove")}
                        </ButtonForm>
                      </Td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        ) : null}
        {org.myRole === "ADMIN" && !org.erased ? (
          <>
            <h3 className="mb-3 text-sm font-semibold">{tk("addTitle")}</h3>
            <KeyPersonForm organisationId={org.id} countries={countryOptions(locale)} />
            <div className="mt-6"><FormerNamesForm organisationId={org.id} formerNames={org.identity?.formerNames ?? []} /></div>
          </>
        ) : null}
      </Card>

      <Card title={tm("title")}>
        <ul className="mb-4 divide-y divide-slate-100">
          {org.members.map((m) => (
            <li key={m.id} className="flex justify-between py-2 text-sm">
              <span>
                {m.name} <span className="text-slate-600">· {m.email}</span>
              </span>
              <Badge>{m.role === "ADMIN" ? tm("roleAdmin") : tm("roleMember")}</Badge>
            </li>
          ))}
          {org.invitations.map((i) => (
            <li key={i.id} className="flex justify-between py-2 text-sm text-slate-600">
              <span>{i.email}</span>
              <span>{tm("pending", { date: format.dateTime(i.expiresAt, { dateStyle: "medium" }) })}</span>
            </li>
          ))}
        </ul>
        {org.myRole === "ADMIN" ? <InviteForm organisationId={org.id} /> : null}
      </Card>
    </div>
  );
}
