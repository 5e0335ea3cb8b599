// The funding-gap dashboard against hand-computed EUR figures for a small world.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { fundingGap } from "@/lib/dashboard/funding-gap";
import { actorFor, makeStaff, makeUser } from "../../factories";
import { fundedGrant, funderTeam, pay, reverse, type FunderTeam } from "./world";

let a: FunderTeam;
let b: FunderTeam;
let open: Awaited<ReturnType<typeof fundedGrant>>;
let hidden: Awaited<ReturnType<typeof fundedGrant>>;

async function lost(organisationId: string, annualAmount: string, currency: string, endedOn: string, donor: "USAID" | "NED" = "USAID") {
  await db.lostFunding.create({ data: { organisationId, donor, programmeName: "Programme", annualAmount, currency, endedOn: new Date(endedOn), purpose: "Core support" } });
}

beforeAll(async () => {
  // USD per EUR: the rate on the end date (1.25) is the one to use, not the later or earlier ones.
  await db.fxRate.createMany({
    data: [
      { currency: "USD", date: new Date("2025-01-02"), perEur: "1.05000000" },
      { currency: "USD", date: new Date("2025-06-30"), perEur: "1.25000000" },
      { currency: "USD", date: new Date("2025-07-01"), perEur: "1.10000000" },
    ],
  });
  a = await funderTeam();
  b = await funderTeam();
  open = await fundedGrant(a, { tranches: ["30000.00", "30000.00"], org: { name: "Open Media", country: "LV" } });
  hidden = await fundedGrant(a, { tranches: ["20000.00"], org: { protected: true, name: "Hidden Lawyers Collective", legalName: "OOO Skrytye Yuristy", country: "RU" } });
  const other = await fundedGrant(b, { tranches: ["5000.00"], org: { name: "Other Grantee", country: "DE" } });
  await lost(open.org.id, "100000.00", "USD", "2025-06-30"); // 80 000.00 EUR
  await lost(hidden.org.id, "50000.00", "EUR", "2025-03-31", "NED"); // 50 000.00 EUR
  await lost(other.org.id, "10000.00", "USD", "2025-06-30"); // 8 000.00 EUR
  await pay(a, open.tranches[0]!.id, "2026-03-10");
  const p = await pay(a, hidden.tranches[0]!.id, "2026-04-10");
  await reverse(a, p.ledgerEntryId, "2026-04-20");
  await pay(b, other.tranches[0]!.id, "2026-05-05");
}, 120_000);

describe("funding gap", () => {
  it("a funder's view: lost USD at the end date's rate, committed and disbursed net of reversals", async () => {
    const gap = await fundingGap(a.auditor, { kind: "funder", funderId: a.funder.id });
    expect(gap.totals).toEqual({
      lost: "130000.00", // 100 000 USD / 1.25 + 50 000 EUR
      committed: "80000.00", // 60 000 + 20 000
      disbursed: "30000.00", // 30 000 + 20 000 − 20 000
      coveragePct: "61.5", // 80 000 / 130 000
      organisations: 2,
      protectedOrganisations: 1,
      unconverted: 0,
    });
    expect(gap.byDonor).toEqual([{ donor: "USAID", lost: "80000.00" }, { donor: "NED", lost: "50000.00" }]);
    expect(gap.byYear).toEqual([
      { year: "2025", lost: "130000.00", committed: "0.00", disbursed: "0.00" },
      { year: String(new Date().getUTCFullYear()), lost: "0.00", committed: "80000.00", disbursed: "30000.00" },
    ]);
  });

  it("lists organisations by uncovered gap, protected ones by codename only", async () => {
    const gap = await fundingGap(a.auditor, { kind: "funder", funderId: a.funder.id });
    const codename = (await db.organisation.findUniqueOrThrow({ where: { id: hidden.org.id } })).codename;
    expect(gap.organisations).toEqual([
      { id: hidden.org.id, name: codename, isProtected: true, place: "RU", lost: "50000.00", committed: "20000.00", disbursed: "0.00", gap: "30000.00" },
      { id: open.org.id, name: "Open Media", isProtected: false, place: "LV", lost: "80000.00", committed: "60000.00", disbursed: "30000.00", gap: "20000.00" },
    ]);
    const text = JSON.stringify(gap);
    for (const secret of ["Hidden Lawyers Collective", "OOO Skrytye Yuristy"]) expect(text).not.toContain(secret);
  });

  it("the overall view adds up every funder and lists no organisations", async () => {
    const admin = await actorFor((await makeUser({ admin: true })).id);
    for (const actor of [a.auditor, admin]) {
      const gap = await fundingGap(actor, { kind: "overall" });
      expect(gap.organisations).toBeNull();
      expect(gap.totals).toMatchObject({ lost: "138000.00", committed: "85000.00", disbursed: "35000.00", coveragePct: "61.6", organisations: 3, protectedOrganisations: 1 });
    }
  });

  it("is refused without dashboard.view, and to an officer asking for another funder", async () => {
    const finance = await makeStaff(a.funder.id, "FINANCE");
    await expect(fundingGap(finance, { kind: "funder", funderId: a.funder.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(fundingGap(finance, { kind: "overall" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(fundingGap(a.officer, { kind: "funder", funderId: b.funder.id })).rejects.toMatchObject({ code: "notFound" });
    await expect(fundingGap(a.officer, { kind: "funder", funderId: a.funder.id })).resolves.toMatchObject({ totals: { lost: "130000.00" } });
  });
});
