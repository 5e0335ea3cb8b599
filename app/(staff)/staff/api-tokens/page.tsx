import Link from "next/link";
import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CreateApiTokenForm, RevokeApiTokenButton } from "@/components/api/token-forms";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { defaultTokenExpiry, listApiTokens } from "@/lib/api/tokens";
import { SCOPE_TO_DB } from "@/lib/api/scopes";
import { guardArea } from "@/lib/auth/guard";
import { funderIdsWith } from "@/lib/auth/permissions";
import { getFormats } from "@/lib/i18n/server-formats";

export async function generateMetadata() {
  const t = await getTranslations("api.tokens");
  return { title: t("title") };
}

export default async function ApiTokensPage() {
  const actor = await guardArea("staff", "/staff/api-tokens");
  const funders = funderIdsWith(actor, "apiTokens.manage");
  if (funders.length === 0) forbidden();
  const t = await getTranslations("api");
  const format = await getFormats();
  const sections = await Promise.all(funders.map(async (funderId) => ({ funderId, tokens: await listApiTokens(actor, funderId) })));
  const defaultExpiry = defaultTokenExpiry();
  return (
    <div className="space-y-6">
      <PageHeader title={t("tokens.title")} description={t("tokens.intro")} />
      <p className="text-sm"><Link href="/api-reference" className="font-semibold text-brand-700 underline">{t("tokens.reference")}</Link></p>
      {sections.map((s) => (
        <Card key={s.funderId}>
          {s.tokens.length === 0 ? <p className="text-sm text-slate-700">{t("tokens.none")}</p> : (
            <Table caption={t("tokens.listCaption")}>
              <thead>
                <tr><Th>{t("tokens.name")}</Th><Th>{t("tokens.prefix")}</Th><Th>{t("tokens.scopes")}</Th><Th>{t("tokens.expiresAt")}</Th><Th>{t("tokens.lastUsed")}</Th><Th>{t("tokens.state")}</Th><Th>{t("tokens.actions")}</Th></tr>
              </thead>
              <tbody className="divide-y divide-slate-100" data-testid="api-tokens">
                {s.tokens.map((tk) => (
                  <tr key={tk.id}>
                    <Td>{tk.name}</Td>
                    <Td className="font-mono">{tk.prefix}…</Td>
                    <Td>{tk.scopes.map((sc) => t(`scopeLabel.${SCOPE_TO_DB[sc]}`)).join(", ")}</Td>
                    <Td>{format.dateTime(tk.expiresAt, { dateStyle: "medium" })}</Td>
                    <Td>{tk.lastUsedAt ? format.dateTime(tk.lastUsedAt, { dateStyle: "medium", timeStyle: "short" }) : t("tokens.never")}</Td>
                    <Td><Badge tone={tk.state === "active" ? "success" : "neutral"}>{t(`tokens.states.${tk.state}`)}</Badge></Td>
                    <Td>{tk.state === "active" ? <RevokeApiTokenButton tokenId={tk.id} name={tk.name} /> : null}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          <div className="mt-6"><CreateApiTokenForm funderId={s.funderId} defaultExpiry={defaultExpiry} /></div>
        </Card>
      ))}
    </div>
  );
}
