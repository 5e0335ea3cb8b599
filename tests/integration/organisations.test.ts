import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  acceptInvitation,
  addLostFunding,
  createOrganisation,
  findInvitation,
  inviteMember,
  removeLostFunding,
  updateOrganisation,
} from "@/lib/organisations/commands";
import { openIdentity } from "@/lib/organisations/identity";
import { getMyOrganisation, listMyOrganisations } from "@/lib/organisations/queries";
import { ZOrganisationProfile } from "@/lib/organisations/schemas";
import { actorFor, makeUser, uid } from "../factories";

const profile = (over: Record<string, unknown> = {}) =>
  ZOrganisationProfile.parse({
    displayName: "Quiet Defenders",
    legalName: "ANO Tikhie Zashchitniki",
    operatingStatus: "INSIDE_RUSSIA",
    registrationNumber: "1234567890",
    "sectors": ["HUMAN_RIGHTS", "LEGAL_AID"],
    foundedYear: "2012",
    staffSize: "8",
    annualBudget: "90 000",
    annualBudgetCurrency: "USD",
    contactEmail: "safe@example.org",
    isProtected: "on",
    ...over,
  });

describe("organisation profile", () => {
  it("is created with the creator as admin, sealed identity and no clear name when protected", async () => {
    const actor = await actorFor((await makeUser()).id);
    const { id, codename } = await createOrganisation(actor, profile());
    const row = await db.organisation.findUniqueOrThrow({ where: { id }, include: { key: true } });
    expect(row.publicName).toBeNull();
    expect(row.operatingCountry).toBe("RU");
    expect(row.annualBudget?.toFixed(2)).toBe("90000.00");
    expect(openIdentity(row, row.key)?.legalName).toBe("ANO Tikhie Zashchitniki");
    expect(codename).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d{2}$/);
    const mine = await listMyOrganisations(await actorFor(actor.userId));
    expect(mine).toMatchObject([{ id, name: "Quiet Defenders", role: "ADMIN", isProtected: true }]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "organisation.created" } });
    expect(JSON.stringify({ ...event, id: String(event.id), streamSeq: String(event.streamSeq) })).not.toContain("Tikhie");
  });

  it("requires a country for exile and intermediaries, and a currency with a budget", () => {
    const r = ZOrganisationProfile.safeParse({ displayName: "A", legalName: "B", operatingStatus: "EXILE", sectors: ["OTHER"], annualBudget: "100" });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["operatingCountry", "annualBudgetCurrency"]));
  });

  it("updates with optimistic locking and can drop protection", async () => {
    const actor = await actorFor((await makeUser()).id);
    const { id } = await createOrganisation(actor, profile());
    const a = await actorFor(actor.userId);
    await updateOrganisation(a, id, 1, profile({ isProtected: undefined, displayName: "Now Public" }));
    expect((await db.organisation.findUniqueOrThrow({ where: { id } })).publicName).toBe("Now Public");
    await expect(updateOrganisation(a, id, 1, profile())).rejects.toMatchObject({ code: "staleVersion" });
  });

  it("lets only an admin member edit the profile", async () => {
    const admin = await actorFor((await makeUser()).id);
    const { id } = await createOrganisation(admin, profile());
    const memberUser = await makeUser();
    await db.membership.create({ data: { userId: memberUser.id, organisationId: id, role: "MEMBER" } });
    await expect(updateOrganisation(await actorFor(memberUser.id), id, 1, profile())).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("lost US funding", () => {
  it("is recorded and removed by members", async () => {
    const actor = await actorFor((await makeUser()).id);
    const { id } = await createOrganisation(actor, profile());
    const a = await actorFor(actor.userId);
    const lf = await addLostFunding(a, {
      organisationId: id, donor: "NED", programmeName: "Legal defence", annualAmount: "120000.00", currency: "USD",
      endedOn: "2025-02-28", purpose: "Lawyers' fees",
    });
    const org = await getMyOrganisation(a, id);
    expect(org?.lostFunding).toMatchObject([{ id: lf, donor: "NED", annualAmount: "120000.00", currency: "USD" }]);
    await removeLostFunding(a, id, lf);
    expect((await getMyOrganisation(a, id))?.lostFunding).toEqual([]);
  });
});

describe("invitations", () => {
  it("let the invited address, and only it, join once", async () => {
    const admin = await actorFor((await makeUser()).id);
    const { id } = await createOrganisation(admin, profile());
    const invitee = await makeUser({ email: `invitee-${uid()}@test.most` });
    const stranger = await makeUser();
    const a = await actorFor(admin.userId);
    const { token } = await inviteMember(a, { organisationId: id, email: invitee.email, role: "MEMBER" });
    expect(await db.invitation.count({ where: { tokenHash: token } })).toBe(0); // only the hash is stored
    expect((await findInvitation(token))?.organisationName).toBe("Quiet Defenders");
    await expect(acceptInvitation(await actorFor(stranger.id), token)).rejects.toMatchObject({ code: "notFound" });
    expect(await acceptInvitation(await actorFor(invitee.id), token)).toBe(id);
    await expect(acceptInvitation(await actorFor(invitee.id), token)).rejects.toMatchObject({ code: "notFound" });
    expect(await findInvitation(token)).toBeNull();
    expect((await getMyOrganisation(await actorFor(invitee.id), id))?.myRole).toBe("MEMBER");
  });
});
