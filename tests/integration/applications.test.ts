import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { saveDraft, startApplication, submitApplication, withdrawApplication } from "@/lib/applications/commands";
import { getApplicationForMember } from "@/lib/applications/member-view";
import { applicantWorld, completeDraft } from "../factories/applicant-world";

const DAY = 86_400_000;

async function draftFor(w: Awaited<ReturnType<typeof applicantWorld>>) {
  const id = await startApplication(w.member, { callId: w.call.id, organisationId: w.org.id });
  const app = await db.application.findUniqueOrThrow({ where: { id } });
  return { id, version: app.version };
}

describe("starting an application", () => {
  it("creates a draft for a member and returns the same one on a second start", async () => {
    const w = await applicantWorld();
    const id = await startApplication(w.member, { callId: w.call.id, organisationId: w.org.id });
    expect((await db.application.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");
    expect(await startApplication(w.member2, { callId: w.call.id, organisationId: w.org.id })).toBe(id);
  });

  it("is refused for a closed call and after the deadline", async () => {
    const closed = await applicantWorld({ status: "CLOSED" });
    await expect(startApplication(closed.member, { callId: closed.call.id, organisationId: closed.org.id })).rejects.toMatchObject({ code: "callClosed" });
    const late = await applicantWorld({ opensAt: new Date(Date.now() - 10 * DAY), closesAt: new Date(Date.now() - DAY) });
    await expect(startApplication(late.member, { callId: late.call.id, organisationId: late.org.id })).rejects.toMatchObject({ code: "deadlinePassed" });
  });
});

describe("drafts", () => {
  it("save with the version read, and report who edited last", async () => {
    const w = await applicantWorld();
    const d = await draftFor(w);
    const saved = await saveDraft(w.member, d.id, d.version, completeDraft());
    expect(saved.version).toBe(d.version + 1);
    const view = await getApplicationForMember(w.member2, d.id, "en");
    expect(view?.lastEdited?.by).toBe(w.member.name);
    expect(view?.content.lines).toHaveLength(3);
    expect(view?.content.requestedAmount).toBe("45000.00");
  });

  it("never overwrite another member's save silently", async () => {
    const w = await applicantWorld();
    const d = await draftFor(w);
    // Both opened version v; the first save wins, the second is refused.
    await saveDraft(w.member, d.id, d.version, completeDraft({ title: "First member's title" }));
    await expect(saveDraft(w.member2, d.id, d.version, completeDraft({ title: "Second member's title" }))).rejects.toMatchObject({ code: "staleVersion" });
    expect((await db.application.findUniqueOrThrow({ where: { id: d.id } })).title).toBe("First member's title");
  });

  it("keep two concurrent saves of one version to exactly one winner", async () => {
    const w = await applicantWorld();
    const d = await draftFor(w);
    const results = await Promise.allSettled([
      saveDraft(w.member, d.id, d.version, completeDraft({ title: "A" })),
      saveDraft(w.member2, d.id, d.version, completeDraft({ title: "B" })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const app = await db.application.findUniqueOrThrow({ where: { id: d.id } });
    expect(app.version).toBe(d.version + 1);
    expect(await db.budgetLine.count({ where: { applicationId: d.id } })).toBe(3);
  });
});

describe("submission", () => {
  it("names every missing or wrong field and changes nothing", async () => {
    const w = await applicantWorld();
    const d = await draftFor(w);
    const v = (await saveDraft(w.member, d.id, d.version, {
      ...completeDraft(),
      sections: { ...completeDraft().sections, risks: "", summary: "" },
      requestedAmount: "46000.00",
      cofinancingAmount: "1.00",
    })).version;
    const err = await submitApplication(w.member, d.id, v).catch((e) => e);
    expect(err.code).toBe("validation");
    expect(err.fields).toMatchObject({
      "sections.risks": "errors.field.required",
      "sections.summary": "errors.field.required",
      lines: "errors.budget.totalMismatch",
      cofinancingAmount: "errors.budget.cofinancingTooLow",
    });
    expect((await db.application.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("DRAFT");
  });

  it("refuses a request outside the call's grant range", async () => {
    const w = await applicantWorld();
    const d = await draftFor(w);
    const v = (await saveDraft(w.member, d.id, d.version, completeDraft({
      requestedAmount: "200000.00",
      cofinancingAmount: "30000.00",
      lines: [{ category: "STAFF", description: "x", amount: "200000.00" }],
    }))).version;
    await expect(submitApplication(w.member, d.id, v)).rejects.toMatchObject({ fields: { requestedAmount: "errors.budget.outOfRange" } });
  });

  it("is refused after the deadline by server time, and for a closed call", async () => {
    const w = await applicantWorld();
    const d = await draftFor(w);
    const v = (await saveDraft(w.member, d.id, d.version, completeDraft())).version;
    const afterDeadline = new Date(w.call.closesAt.getTime() + 1000);
    await expect(submitApplication(w.member, d.id, v, afterDeadline)).rejects.toMatchObject({ code: "deadlinePassed" });
    await db.call.update({ where: { id: w.call.id }, data: { status: "CLOSED" } });
    await expect(submitApplication(w.member, d.id, v)).rejects.toMatchObject({ code: "callClosed" });
  });

  it("submits a complete application, which then becomes read-only", async () => {
    const w = await applicantWorld();
    const d = await draftFor(w);
    const v = (await saveDraft(w.member, d.id, d.version, completeDraft())).version;
    await submitApplication(w.member, d.id, v);
    const app = await db.application.findUniqueOrThrow({ where: { id: d.id } });
    expect(app.status).toBe("SUBMITTED");
    expect(app.submittedAt).not.toBeNull();
    await expect(saveDraft(w.member, d.id, app.version, completeDraft({ title: "late edit" }))).rejects.toMatchObject({ code: "invalidTransition" });
    const view = await getApplicationForMember(w.member, d.id, "en");
    expect(view?.editable).toBe(false);
    expect(view?.timeline.map((e) => e.action)).toEqual(["application.created", "application.submitted"]);
  });

  it("flags overheads above the limit in the audit trail without refusing", async () => {
    const w = await applicantWorld();
    const d = await draftFor(w);
    const v = (await saveDraft(w.member, d.id, d.version, completeDraft({
      lines: [
        { category: "STAFF", description: "Lawyers", amount: "35000.00" },
        { category: "OVERHEADS", description: "Office", amount: "10000.00" },
      ],
    }))).version;
    await submitApplication(w.member, d.id, v);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: d.id, action: "application.submitted" } });
    expect(event.after).toMatchObject({ overheadsAboveLimit: true });
  });
});

describe("withdrawal", () => {
  it("is possible before a decision and not after", async () => {
    const w = await applicantWorld();
    const d = await draftFor(w);
    const v = (await saveDraft(w.member, d.id, d.version, completeDraft())).version;
    await submitApplication(w.member, d.id, v);
    const submitted = await db.application.findUniqueOrThrow({ where: { id: d.id } });
    await withdrawApplication(w.member2, d.id, submitted.version);
    expect((await db.application.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("WITHDRAWN");

    const d2 = await draftFor(w);
    await db.application.update({ where: { id: d2.id }, data: { status: "APPROVED" } });
    const approved = await db.application.findUniqueOrThrow({ where: { id: d2.id } });
    await expect(withdrawApplication(w.member, d2.id, approved.version)).rejects.toMatchObject({ code: "invalidTransition" });
  });
});
