// A member of another organisation gets the same not-found for every applicant action
// and query as for an id that does not exist: nothing is learned, nothing changes.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addApplicationAttachment, openAttachment, removeApplicationAttachment } from "@/lib/applications/attachments";
import { answerClarification, askClarification } from "@/lib/applications/clarifications";
import { saveDraft, startApplication, submitApplication, withdrawApplication } from "@/lib/applications/commands";
import { getApplicationForMember } from "@/lib/applications/member-view";
import { addLostFunding, inviteMember, removeLostFunding, updateOrganisation } from "@/lib/organisations/commands";
import { getMyOrganisation } from "@/lib/organisations/queries";
import { ZOrganisationProfile } from "@/lib/organisations/schemas";
import { applicantWorld, completeDraft } from "../factories/applicant-world";

const PDF = Buffer.from("%PDF-1.4\n%%EOF\n");

describe("cross-organisation access", () => {
  it("is not-found for every applicant command and query", async () => {
    const w = await applicantWorld();
    const id = await startApplication(w.member, { callId: w.call.id, organisationId: w.org.id });
    const att = await addApplicationAttachment(w.member, id, new File([PDF], "a.pdf"));
    const lf = await addLostFunding(w.member, { organisationId: w.org.id, donor: "USAID", programmeName: "p", annualAmount: "1.00", currency: "USD", endedOn: "2025-01-31", purpose: "x" });
    const before = await db.auditEvent.count();
    const intruder = w.outsider;
    const missing = randomUUID();

    const attempts: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
      ["start on another's organisation", () => startApplication(intruder, { callId: w.call.id, organisationId: w.org.id }), () => startApplication(intruder, { callId: w.call.id, organisationId: missing })],
      ["save draft", () => saveDraft(intruder, id, 1, completeDraft()), () => saveDraft(intruder, missing, 1, completeDraft())],
      ["submit", () => submitApplication(intruder, id, 1), () => submitApplication(intruder, missing, 1)],
      ["withdraw", () => withdrawApplication(intruder, id, 1), () => withdrawApplication(intruder, missing, 1)],
      ["attach", () => addApplicationAttachment(intruder, id, new File([PDF], "x.pdf")), () => addApplicationAttachment(intruder, missing, new File([PDF], "x.pdf"))],
      ["remove attachment", () => removeApplicationAttachment(intruder, att.id), () => removeApplicationAttachment(intruder, missing)],
      ["download", () => openAttachment(intruder, att.id), () => openAttachment(intruder, missing)],
      ["answer", () => answerClarification(intruder, id, missing, "x"), () => answerClarification(intruder, missing, missing, "x")],
      ["update profile", () => updateOrganisation(intruder, w.org.id, 1, ZOrganisationProfile.parse({ displayName: "x", legalName: "y", operatingStatus: "INSIDE_RUSSIA", sectors: ["OTHER"] })), () => updateOrganisation(intruder, missing, 1, ZOrganisationProfile.parse({ displayName: "x", legalName: "y", operatingStatus: "INSIDE_RUSSIA", sectors: ["OTHER"] }))],
      ["add lost funding", () => addLostFunding(intruder, { organisationId: w.org.id, donor: "NED", programmeName: "p", annualAmount: "1.00", currency: "USD", endedOn: "2025-01-01", purpose: "x" }), () => addLostFunding(intruder, { organisationId: missing, donor: "NED", programmeName: "p", annualAmount: "1.00", currency: "USD", endedOn: "2025-01-01", purpose: "x" })],
      ["remove lost funding", () => removeLostFunding(intruder, w.org.id, lf), () => removeLostFunding(intruder, missing, lf)],
      ["invite", () => inviteMember(intruder, { organisationId: w.org.id, email: "x@y.org", role: "ADMIN" }), () => inviteMember(intruder, { organisationId: missing, email: "x@y.org", role: "ADMIN" })],
      ["ask (applicants are not staff)", () => askClarification(intruder, id, "x"), () => askClarification(intruder, missing, "x")],
    ];
    for (const [name, real, absent] of attempts) {
      const a = await real().then(() => "allowed", (e) => e.code);
      const b = await absent().then(() => "allowed", (e) => e.code);
      expect({ name, real: a }).toEqual({ name, real: "notFound" });
      expect({ name, absent: b }).toEqual({ name, absent: "notFound" });
    }
    expect(await getApplicationForMember(intruder, id, "en")).toBeNull();
    expect(await getMyOrganisation(intruder, w.org.id)).toBeNull();
    expect(await db.auditEvent.count()).toBe(before);
    expect(await db.attachment.count({ where: { applicationId: id } })).toBe(1);
  });
});
