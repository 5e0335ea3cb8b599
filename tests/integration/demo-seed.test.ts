import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyChain } from "@/lib/audit/verify";
import { openIdentity } from "@/lib/organisations/identity";
import { DEMO_ACCOUNTS } from "@/prisma/seed/demo-data";
import { byEmail } from "@/lib/users/personal-data";
import { isSeeded, seedDemo } from "@/prisma/seed/seed-demo";

describe("demo seed", () => {
  it("creates the demo world described in the README", async () => {
    expect(await isSeeded()).toBe(false);
    await seedDemo();
    expect(await isSeeded()).toBe(true);

    expect(await db.funder.count()).toBe(2);
    expect(await db.programme.count()).toBe(3);
    const calls = await db.call.findMany();
    expect(calls.some((c) => c.kind === "EMERGENCY" && c.status === "OPEN")).toBe(true);
    expect(calls.some((c) => c.status === "CLOSED")).toBe(true);

    const orgs = await db.organisation.findMany({ include: { key: true, lostFunding: true } });
    expect(orgs).toHaveLength(10);
    expect(orgs.filter((o) => o.isProtected).length).toBeGreaterThanOrEqual(3);
    expect(new Set(orgs.map((o) => o.operatingStatus))).toEqual(new Set(["INSIDE_RUSSIA", "EXILE", "INTERMEDIARY"]));
    expect(orgs.every((o) => o.lostFunding.length > 0)).toBe(true);
    for (const o of orgs.filter((x) => x.isProtected)) {
      expect(o.publicName).toBeNull();
      expect(openIdentity(o, o.key)?.legalName).toBeTruthy();
    }

    const statuses = new Set((await db.application.findMany()).map((a) => a.status));
    expect(statuses.size).toBeGreaterThanOrEqual(5);

    for (const account of DEMO_ACCOUNTS) {
      const user = await db.user.findUniqueOrThrow({ where: byEmail(account.email), include: { staffRoles: { include: { funder: true } } } });
      if ("funder" in account) {
        expect(user.staffRoles.map((r) => `${r.funder.code}:${r.role}`)).toEqual([`${account.funder}:${account.role}`]);
      }
    }
    // The demo grant is paid to a verified account whose cooling-off period is over.
    const grant = await db.grant.findFirstOrThrow({ where: { payeeAccountId: { not: null } }, include: { payeeAccount: { include: { verifications: true } } } });
    expect(grant.payeeAccount?.masked).toBe("LV •••• 5001");
    expect(grant.payeeAccount?.verifications.map((v) => v.status)).toEqual(["CONFIRMED"]);
    expect(await db.ledgerEntry.count({ where: { grantId: grant.id, kind: "DISBURSEMENT" } })).toBe(1);
    // Batches can leave from the ministry's own account.
    expect((await db.funderBankAccount.findMany({ where: { funderId: grant.funderId } })).map((a) => a.iban)).toEqual(["CZ6508000000192000145399"]);
    expect(await verifyChain()).toMatchObject({ ok: true });
  }, 60_000);
});
