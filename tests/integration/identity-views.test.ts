// Every view of a protected organisation's identity is an audit event, a member's too.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getMyOrganisation } from "@/lib/organisations/queries";
import { memberActorId } from "@/lib/organisations/member-pseudonym";
import { actorFor, makeOrganisation, makeUser } from "../factories";

describe("identity views by members", () => {
  it("records a member's view of a protected identity, and none for an unprotected one", async () => {
    const member = await makeUser();
    const shielded = await makeOrganisation({ protected: true, name: "Quiet Lawyers", legalName: "OOO Tikhie Yuristy", members: [{ userId: member.id }] });
    const open = await makeOrganisation({ name: "Open Newsroom", members: [{ userId: member.id }] });
    const actor = await actorFor(member.id);
    const seen = await getMyOrganisation(actor, shielded.id);
    expect(seen?.identity?.legalName).toBe("OOO Tikhie Yuristy");
    await getMyOrganisation(actor, open.id);
    const events = await db.auditEvent.findMany({ where: { action: "identity.viewed", organisationId: { in: [shielded.id, open.id] } } });
    expect(events.map((e) => [e.entityId, e.actorRole])).toEqual([[shielded.id, "APPLICANT"]]);
    // Recorded under the member's pseudonym at that organisation, not the account id.
    expect(events[0]!.actorId).toBe(await memberActorId(db, shielded.id, member.id));
  });

  it("writes nothing for someone who is not a member", async () => {
    const member = await makeUser();
    const stranger = await makeUser();
    const shielded = await makeOrganisation({ protected: true, members: [{ userId: member.id }] });
    expect(await getMyOrganisation(await actorFor(stranger.id), shielded.id)).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "identity.viewed", organisationId: shielded.id } })).toBe(0);
  });
});
