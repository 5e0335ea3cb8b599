import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AddFunderAccountForm, RetireFunderAccountButton } from "@/components/batches/funder-account-forms";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { guardArea } from "@/lib/auth/guard";
import { funderIdsWith } from "@/lib/auth/permissions";
import { funderBankAccounts } from "@/lib/bank/funder-accounts";

export async function generateMetadata() {
  const t = await getTranslations("batches");
  return { title: t("debtorTitle") };
}

export default async function FunderBankAccountsPage() {
  const actor = await guardArea("staff", "/staff/bank-accounts");
  const funders = funderIdsWith(actor, "bankAccounts.manage");
  if (funders.length === 0) forbidden();
  const t = await getTranslations("batches");
  const sections = await Promise.all(funders.map(async (funderId) => ({ funderId, accounts: await funderBankAccounts(actor, funderId) })));
  return (
    <div className="space-y-6">
      <PageHeader title={t("debtorTitle")} description={t("debtorIntro")} />
      {sections.map((s) => (
        <Card key={s.funderId}>
          {s.accounts.length === 0 ? <p className="text-sm text-slate-700">{t("noDebtor")}</p> : (
            <Table caption={t("debtorTitle")}>
              <thead><tr><Th>{t("debtorField.holderName")}</Th><Th>{t("debtorField.iban")}</Th><Th>{t("debtorField.bic")}</Th><Th>{t("debtorField.currency")}</Th><Th>{t("actions")}</Th></tr></thead>
              <tbody className="divide-y divide-slate-100" data-testid="funder-accounts">
                {s.accounts.map((a) => (
                  <tr key={a.id}><Td>{a.holderName}</Td><Td className="font-mono">{a.iban}</Td><Td className="font-mono">{a.bic ?? "—"}</Td><Td>{a.currency}</Td><Td><RetireFunderAccountButton accountId={a.id} /></Td></tr>
                ))}
              </tbody>
            </Table>
          )}
          <div className="mt-6"><AddFunderAccountForm funderId={s.funderId} /></div>
        </Card>
      ))}
    </div>
  );
}
