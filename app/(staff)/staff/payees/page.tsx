import Link from "next/link";
import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { guardArea } from "@/lib/auth/guard";
import { funderIdsWith } from "@/lib/auth/permissions";
import { findAccountsToVerify } from "@/lib/bank/accounts-verification";
import { getFormats } from "@/lib/i18n/server-formats";

export async function generateMetadata() {
  const t = await getTranslations("payees");
  return { title: t("staffTitle") };
}

export default async function PayeesPage() {
  const actor = await guardArea("staff", "/staff/payees");
  const funders = [...new Set([...funderIdsWith(actor, "payees.verify"), ...funderIdsWith(actor, "payees.confirm")])];
  if (funders.length === 0) forbidden();
  const t = await getTranslations("payees");
  const f = await getFormats();
  const rows = (await Promise.all(funders.map((id) => findAccountsToVerify(actor, id)))).flat();
  return (
    <div className="space-y-6">
      <PageHeader title={t("staffTitle")} description={t("staffIntro")} />
      <Card>
        {rows.length === 0 ? <p className="text-sm text-slate-700">{t("staffEmpty")}</p> : (
          <Table caption={t("staffTitle")}>
            <thead><tr><Th>{t("organisation")}</Th><Th>{t("field.account")}</Th><Th>{t("field.kind")}</Th><Th>{t("addedAt")}</Th><Th>{t("state")}</Th></tr></thead>
            <tbody className="divide-y divide-slate-100" data-testid="payees-to-verify">
              {rows.map((a) => (
                <tr key={a.id}>
                  <Td>{a.organisation}</Td>
                  <Td><Link href={`/staff/payees/${a.id}`} className="font-mono text-brand-700 underline">{a.masked}</Link></Td>
                  <Td>{t(`kind.${a.kind}`)}{a.currency ? ` · ${a.currency}` : ""}</Td>
                  <Td>{f.dateTime(a.addedAt, { dateStyle: "medium" })}</Td>
                  <Td>{a.verification ? <Badge tone={a.verification.status === "CONFIRMED" ? "success" : "warning"}>{t(`verificationStatus.${a.verification.status}`)}</Badge> : <Badge>{t("unverified")}</Badge>}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
