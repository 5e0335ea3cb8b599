import { getLocale, getTranslations } from "next-intl/server";
import { EraseForm } from "@/components/forms/erase-form";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { guardArea } from "@/lib/auth/guard";
import { countryName } from "@/lib/countries";
import { eraseFinality, listOrganisationsForAdmin } from "@/lib/organisations/erase";

export default async function AdminOrganisationsPage() {
  const actor = await guardArea("admin", "/admin/organisations");
  const t = await getTranslations("erase");
  const locale = await getLocale();
  const orgs = await listOrganisationsForAdmin(actor);
  const { retentionDays } = eraseFinality(actor);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <Card title={t("coversTitle")}>
        <dl className="space-y-3 text-sm" data-testid="erase-covers">
          {(["sealed", "blanked", "stays"] as const).map((k) => (
            <div key={k}>
              <dt className="font-medium">{t(`${k}Title`)}</dt>
              <dd className="text-slate-700">{t(k)}</dd>
            </div>
          ))}
          <div>
            <dt className="font-medium">{t("finalityTitle")}</dt>
            <dd className="text-slate-700">{retentionDays === null ? t("finalityUnknown") : t("finality", { days: retentionDays })}</dd>
          </div>
        </dl>
      </Card>
      <Card>
        <Table caption={t("title")}>
          <thead><tr><Th>{t("codename")}</Th><Th>{t("where")}</Th><Th>{t("records")}</Th><Th>{t("action")}</Th></tr></thead>
          <tbody className="divide-y divide-slate-100" data-testid="admin-organisations">
            {orgs.map((o) => (
              <tr key={o.id}>
                <Td>{o.codename} {o.isProtected ? <Badge tone="info">{t("protected")}</Badge> : null}</Td>
                <Td>{countryName(o.country, locale)}</Td>
                <Td>{t("counts", { applications: o.applications, grants: o.grants })}</Td>
                <Td>{o.erased ? <Badge tone="danger">{t("erased")}</Badge> : <EraseForm organisationId={o.id} codename={o.codename} />}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
    </div>
  );
}
