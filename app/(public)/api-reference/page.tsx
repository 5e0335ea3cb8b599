import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { API_OPERATIONS } from "@/lib/api/openapi";
import { PROBLEMS, type ProblemKind } from "@/lib/api/problem";
import { API_RATE_LIMIT } from "@/lib/api/scopes";

export async function generateMetadata() {
  const t = await getTranslations("api.reference");
  return { title: t("title") };
}

/** The API's reference for people; machines read /api/v1/openapi.json, built from the same list. */
export default async function ApiReferencePage() {
  const t = await getTranslations("api.reference");
  const section = (title: string, text: string) => (
    <Card>
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="mt-2 text-sm text-slate-800">{text}</p>
    </Card>
  );
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <p className="text-sm"><a href="/api/v1/openapi.json" className="font-semibold text-brand-700 underline">{t("document")}</a></p>
      {section(t("authTitle"), t("auth"))}
      <Card>
        <h2 className="text-lg font-semibold">{t("endpointsTitle")}</h2>
        <Table caption={t("endpointsTitle")}>
          <thead><tr><Th>{t("method")}</Th><Th>{t("path")}</Th><Th>{t("scope")}</Th><Th>{t("summary")}</Th></tr></thead>
          <tbody className="divide-y divide-slate-100" data-testid="api-operations">
            {API_OPERATIONS.map((op) => (
              <tr key={op.operationId}>
                <Td className="font-mono">GET</Td>
                <Td className="font-mono">/api/v1{op.path}</Td>
                <Td className="font-mono">{op.scope}</Td>
                <Td>{t(`op.${op.operationId as "listGrants"}`)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
      {section(t("pagingTitle"), t("paging"))}
      {section(t("limitsTitle"), t("limits", { limit: API_RATE_LIMIT }))}
      {section(t("errorsTitle"), t("errors"))}
      <Card>
        <h2 className="text-lg font-semibold">{t("problemsTitle")}</h2>
        <dl className="mt-2 space-y-2 text-sm">
          {(Object.keys(PROBLEMS) as ProblemKind[]).map((kind) => (
            <div key={kind} id={`problem-${kind}`}>
              <dt className="font-mono font-semibold">{PROBLEMS[kind].title}</dt>
              <dd>{t(`problemKind.${kind}`)}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </div>
  );
}
