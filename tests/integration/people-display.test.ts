// Staff not entitled to a protected organisation's identity see its members only as
// "member of <codename>"; its lead officer sees their names. A member of a protected and a
// public organisation is not tied to the protected one on anything about it.
import { describe, expect, it } from "vitest";
import { answerClarification, askClarification } from "@/lib/applications/clarifications";
import { assignLeadOfficer } from "@/lib/applications/identity-access";
import { getApplicationForStaff } from "@/lib/applications/staff-view";
import { actorFor, makeApplication, makeOrganisation, makeUser, uid } from "../factories";
import { staffWorld } from "../factories/staff-world";
import { db } from "@/lib/db";

async function world() {
  const w = await staffWorld({ protectedOrg: true });
  const name = `Ольга Смирнова ${uid()}`;
  const email = `olga.smirnova-${uid()}@quiet.example.org`;
  const both = await makeUser({ name, email });
  // One person in the protected organisation and in a public one.
  await db.membership.create({ data: { userId: both.id, organisationId: w.org.id, role: "MEMBER" } });
  const open = await makeOrganisation({ members: [{ userId: both.id }] });
  const openApp = await makeApplication(w.call.id, open.id, both.id);
  const member = await actorFor(both.id);
  for (const app of [w.app, openApp]) {
    const q = await askClarification(w.officer, app.id, `Question ${uid()}`);
    await answerClarification(member, app.id, q, "Answered.");
  }
  await assignLeadOfficer(w.officer, w.app.id, w.officer.userId);
  return { ...w, name, email, openApp };
}

const answerAuthor = (view: Awaited<ReturnType<typeof getApplicationForStaff>>) => view?.messages.find((m) => m.kind === "ANSWER")?.author;

describe("people on a protected organisation's staff pages", () => {
  it("appear to a non-lead approver as 'member of <codename>', in the viewer's language, and by name to the lead officer", async () => {
    const w = await world();
    const forApprover = await getApplicationForStaff(w.approver, w.app.id, "en");
    expect(answerAuthor(forApprover)).toBe(`member of ${w.org.codename}`);
    expect(JSON.stringify(forApprover)).not.toContain(w.name);
    expect(JSON.stringify(forApprover)).not.toContain(w.email);
    // Staff stay named: the question's author is the officer.
    expect(forApprover?.messages.find((m) => m.kind === "QUESTION")?.author).toBe(w.officer.name);
    expect(forApprover?.leadOfficer?.name).toBe(w.officer.name);
    expect(answerAuthor(await getApplicationForStaff(w.approver, w.app.id, "ru"))).toBe(`участник организации ${w.org.codename}`);
    expect(answerAuthor(await getApplicationForStaff(w.approver, w.app.id, "cs"))).toBe(`člen organizace ${w.org.codename}`);

    // A second officer, not the lead, is not entitled either; the lead officer is.
    expect(answerAuthor(await getApplicationForStaff(w.officer2, w.app.id, "en"))).toBe(`member of ${w.org.codename}`);
    expect(answerAuthor(await getApplicationForStaff(w.officer, w.app.id, "en"))).toBe(w.name);
  });

  it("do not tie a member of a protected and a public organisation to the protected one", async () => {
    const w = await world();
    // On the public organisation's application the person acts by name…
    expect(answerAuthor(await getApplicationForStaff(w.approver, w.openApp.id, "en"))).toBe(w.name);
    // …and on the protected one's nothing names them, nor identifies them by id.
    const hidden = JSON.stringify(await getApplicationForStaff(w.approver, w.app.id, "en"));
    const [member] = await db.membership.findMany({ where: { organisationId: w.org.id, user: { memberships: { some: { organisationId: { not: w.org.id } } } } }, select: { userId: true } });
    expect(member).toBeDefined();
    expect(hidden).not.toContain(member!.userId);
    expect(hidden).not.toContain(w.name);
  });
});
