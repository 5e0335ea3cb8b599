// Several funders share one instance: staff see only their own funders' data.
import { describe, expect, it } from "vitest";
import { listMyApplications, listStaffQueue } from "@/lib/applications/queries";
import { listRecentAuditEvents } from "@/lib/audit/queries";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { actorFor, makeApplication, makeCall, makeFunder, makeOrganisation, makeProgramme, makeStaff, makeUser } from "../factories";

async function funderWithApplication() {
  const funder = await makeFunder();
  const programme = await makeProgramme(funder.id);
  const call = await makeCall(programme.id);
  const member = await makeUser();
  const org = await makeOrganisation({ members: [{ userId: member.id }] });
  const app = await makeApplication(call.id, org.id, member.id);
  return { funder, app, member };
}

describe("funder scoping", () => {
  it("shows an officer the applications of their funder only", async () => {
    const a = await funderWithApplication();
    const b = await funderWithApplication();
    const officerA = await makeStaff(a.funder.id, "OFFICER");
    const queue = await listStaffQueue(officerA, "en");
    expect(queue.map((r) => r.id)).toContain(a.app.id);
    expect(queue.map((r) => r.id)).not.toContain(b.app.id);
  });

  it("shows nothing to roles without the view permission", async () => {
    const a = await funderWithApplication();
    expect(await listStaffQueue(await makeStaff(a.funder.id, "FINANCE"), "en")).toEqual([]);
    expect(await listStaffQueue(await makeStaff(a.funder.id, "REVIEWER"), "en")).toEqual([]);
  });

  it("never lists drafts to staff", async () => {
    const a = await funderWithApplication();
    const member = await makeUser();
    const org = await makeOrganisation({ members: [{ userId: member.id }] });
    const programme = await makeProgramme(a.funder.id);
    const call = await makeCall(programme.id);
    const draft = await makeApplication(call.id, org.id, member.id, { status: "DRAFT", submittedAt: null });
    const queue = await listStaffQueue(await makeStaff(a.funder.id, "OFFICER"), "en");
    expect(queue.map((r) => r.id)).not.toContain(draft.id);
  });

  it("shows a protected organisation by codename in the queue", async () => {
    const funder = await makeFunder();
    const call = await makeCall((await makeProgramme(funder.id)).id);
    const member = await makeUser();
    const org = await makeOrganisation({ protected: true, name: "Secret Name Group", members: [{ userId: member.id }] });
    await makeApplication(call.id, org.id, member.id);
    const [row] = await listStaffQueue(await makeStaff(funder.id, "OFFICER"), "en");
    expect(row?.organisationLabel).toBe(org.codename);
    expect(JSON.stringify(row)).not.toContain("Secret Name Group");
  });

  it("shows members the applications of their own organisations only, with their real name", async () => {
    const a = await funderWithApplication();
    const b = await funderWithApplication();
    const mine = await listMyApplications(await actorFor(a.member.id), "en");
    expect(mine.map((r) => r.id)).toEqual([a.app.id]);
    expect(mine.map((r) => r.id)).not.toContain(b.app.id);
  });

  it("refuses the audit trail to anyone but an auditor", async () => {
    const a = await funderWithApplication();
    await expect(listRecentAuditEvents(await makeStaff(a.funder.id, "OFFICER"))).rejects.toMatchObject({ code: "forbidden" });
    await expect(listRecentAuditEvents(await actorFor(a.member.id))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("shows an auditor the audit events of their funder, not another funder's nor the platform's", async () => {
    const a = await funderWithApplication();
    const b = await funderWithApplication();
    const event = (funderId: string | null, entityId: string) =>
      db.$transaction((tx) => writeAudit(tx, null, { action: "application.screenedEligible", entityType: "Application", entityId, funderId }));
    const mine = await event(a.funder.id, a.app.id);
    const theirs = await event(b.funder.id, b.app.id);
    const platform = await event(null, `platform-${a.app.id}`);
    const seen = (await listRecentAuditEvents(await makeStaff(a.funder.id, "AUDITOR"), 1000)).map((e) => e.id);
    expect(seen).toContain(mine.id.toString());
    expect(seen).not.toContain(theirs.id.toString());
    expect(seen).not.toContain(platform.id.toString());
    const seenByB = (await listRecentAuditEvents(await makeStaff(b.funder.id, "AUDITOR"), 1000)).map((e) => e.id);
    expect(seenByB).toContain(theirs.id.toString());
    expect(seenByB).not.toContain(mine.id.toString());
  });
});
