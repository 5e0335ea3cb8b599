// Two funders for API tests: A with a grant for a protected organisation (scheduled, one
// tranche paid) and a funder admin; B with its own grant and admin.
import { createHash } from "node:crypto";
import { createApiToken } from "@/lib/api/tokens";
import type { ApiScopeName } from "@/lib/api/scopes";
import { approvePayment, recordPayment, requestPayment } from "@/lib/ledger/payments";
import { makeStaff } from "../../factories";
import { grantWorld } from "../../factories/grant-world";

export const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export async function apiWorld() {
  const a = await grantWorld({ protectedOrg: true });
  const b = await grantWorld();
  const adminA = await makeStaff(a.funder.id, "FUNDER_ADMIN");
  const adminB = await makeStaff(b.funder.id, "FUNDER_ADMIN");
  const t1 = a.tranches[0]!;
  await requestPayment(a.officer, t1.id);
  await approvePayment(a.approver, t1.id);
  await recordPayment(a.finance, { trancheId: t1.id, valueDate: new Date().toISOString().slice(0, 10), idempotencyKey: `pay-${t1.id}`, bankReference: "BANK-REF-1" });
  const token = async (scopes: ApiScopeName[] = ["grants:read", "payments:read"], side: "a" | "b" = "a") =>
    (await createApiToken(side === "a" ? adminA : adminB, { funderId: (side === "a" ? a : b).funder.id, name: `Finance ${scopes.join(" ")}`, scopes, expiresOn: inDays(30) })).token;
  return { a, b, adminA, adminB, token };
}
