import { getTranslations } from "next-intl/server";
import { CreateUserForm } from "@/components/forms/create-user-form";
import { UserRoleControls } from "@/components/forms/user-role-controls";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { listManageableFunders, listUsers } from "@/lib/admin/users";
import { guardArea } from "@/lib/auth/guard";

export async function generateMetadata() {
  const t = await getTranslations("admin");
  return { title: t("title") };
}

export default async function AdminUsersPage() {
  const actor = await guardArea("admin", "/admin");
  const t = await getTranslations("admin");
  const [users, funders] = await Promise.all([listUsers(actor), listManageableFunders(actor)]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <Card title={t("createUser")}>
        <CreateUserForm />
      </Card>
      <Card title={t("users")}>
        <Table caption={t("users")}>
          <thead>
            <tr>
              <Th>{t("person")}</Th>
              <Th>{t("rolesHeading")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100" data-testid="users-table">
            {users.map((u) => (
              <tr key={u.id}>
                <Td>
                  <p className="font-medium">{u.name}</p>
                  <p className="text-xs text-slate-600">{u.email}</p>
                  <div className="mt-1 flex flex-wrap gap-1">
                    {u.isPlatformAdmin ? <Badge tone="info">{t("platformAdmin")}</Badge> : null}
                    {u.disabledAt ? <Badge tone="danger">{t("disabled")}</Badge> : null}
                    {u._count.memberships > 0 ? <Badge>{t("memberOf", { count: u._count.memberships })}</Badge> : null}
                  </div>
                </Td>
                <Td>
                  <UserRoleControls
                    userId={u.id}
                    email={u.email}
                    disabled={Boolean(u.disabledAt)}
                    self={u.id === actor.userId}
                    roles={u.staffRoles.map((r) => ({ id: r.id, role: r.role, funderCode: r.funder.code }))}
                    funders={funders}
                  />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
    </div>
  );
}
