import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addApplicationAttachment, openAttachment, removeApplicationAttachment } from "@/lib/applications/attachments";
import { addInternalNote, answerClarification, askClarification } from "@/lib/applications/clarifications";
import { saveDraft, startApplication, submitApplication } from "@/lib/applications/commands";
import { getApplicationForMember } from "@/lib/applications/member-view";
import { makeStaff } from "../factories";
import { applicantWorld, completeDraft } from "../factories/applicant-world";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d3a4d70000000049454e44ae426082", "hex");
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
const PE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200)]);

async function submitted() {
  const w = await applicantWorld();
  const id = await startApplication(w.member, { callId: w.call.id, organisationId: w.org.id });
  const v = (await saveDraft(w.member, id, 1, completeDraft())).version;
  await submitApplication(w.member, id, v);
  return { ...w, id };
}

describe("clarification requests", () => {
  it("pause the application until every question is answered, then return it", async () => {
    const w = await submitted();
    const q1 = await askClarification(w.officer, w.id, "Please explain line 2.");
    const q2 = await askClarification(w.officer, w.id, "Who else funds you?");
    expect((await db.application.findUniqueOrThrow({ where: { id: w.id } })).status).toBe("CLARIFICATION_REQUESTED");

    await answerClarification(w.member, w.id, q1, "Office rent.", [new File([PDF], "rent.pdf")]);
    expect((await db.application.findUniqueOrThrow({ where: { id: w.id } })).status).toBe("CLARIFICATION_REQUESTED");
    await expect(answerClarification(w.member, w.id, q1, "Again")).rejects.toMatchObject({ code: "invalidTransition" });

    await answerClarification(w.member2, w.id, q2, "Nobody at the moment.");
    expect((await db.application.findUniqueOrThrow({ where: { id: w.id } })).status).toBe("SUBMITTED");

    const view = await getApplicationForMember(w.member, w.id, "en");
    expect(view?.thread.map((t) => [t.question, t.answer?.body])).toEqual([
      ["Please explain line 2.", "Office rent."],
      ["Who else funds you?", "Nobody at the moment."],
    ]);
    expect(view?.thread[0]?.answer?.attachments.map((a) => a.fileName)).toEqual(["rent.pdf"]);
    expect(view?.timeline.map((e) => e.action)).toContain("application.clarificationAnswered");
  });

  it("never shows staff-internal notes to the applicant", async () => {
    const w = await submitted();
    await addInternalNote(w.officer, w.id, "INTERNAL: budget looks inflated");
    await askClarification(w.officer, w.id, "Visible question");
    const view = await getApplicationForMember(w.member, w.id, "en");
    expect(JSON.stringify(view)).not.toContain("INTERNAL: budget looks inflated");
    expect(view?.thread).toHaveLength(1);
  });

  it("can only be asked by staff of the application's funder", async () => {
    const w = await submitted();
    const other = await applicantWorld();
    await expect(askClarification(other.officer, w.id, "x")).rejects.toMatchObject({ code: "notFound" });
    await expect(askClarification(w.member, w.id, "x")).rejects.toMatchObject({ code: "notFound" });
    const finance = await makeStaff(w.funder.id, "FINANCE");
    await expect(askClarification(finance, w.id, "x")).rejects.toMatchObject({ code: "notFound" });
  });
});

describe("attachments", () => {
  it("accepts PDF and PNG by content and stores them outside the database", async () => {
    const w = await applicantWorld();
    const id = await startApplication(w.member, { callId: w.call.id, organisationId: w.org.id });
    const pdf = await addApplicationAttachment(w.member, id, new File([PDF], "../../etc/budget plan.pdf"));
    const png = await addApplicationAttachment(w.member, id, new File([PNG], "logo.PNG"));
    expect([pdf.mimeType, png.mimeType]).toEqual(["application/pdf", "image/png"]);
    expect(pdf.fileName).toBe("budget plan.pdf");
    const file = await openAttachment(w.member2, pdf.id);
    const bytes = Buffer.from(await new Response(file.stream).arrayBuffer());
    expect(bytes.equals(PDF)).toBe(true);
  });

  it("refuses a renamed executable, an empty file and a file over 10 MB", async () => {
    const w = await applicantWorld();
    const id = await startApplication(w.member, { callId: w.call.id, organisationId: w.org.id });
    for (const f of [new File([ELF], "report.pdf"), new File([PE], "budget.docx"), new File([Buffer.from("just text")], "notes.pdf")]) {
      await expect(addApplicationAttachment(w.member, id, f)).rejects.toMatchObject({ code: "fileRejected", fields: { file: "errors.file.type" } });
    }
    await expect(addApplicationAttachment(w.member, id, new File([], "empty.pdf"))).rejects.toMatchObject({ fields: { file: "errors.file.empty" } });
    const big = new File([Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)])], "big.pdf");
    await expect(addApplicationAttachment(w.member, id, big)).rejects.toMatchObject({ fields: { file: "errors.file.tooLarge" } });
    expect(await db.attachment.count({ where: { applicationId: id } })).toBe(0);
  });

  it("keeps a long file name whole, and refuses one over 200 characters instead of cutting it", async () => {
    const w = await applicantWorld();
    const id = await startApplication(w.member, { callId: w.call.id, organisationId: w.org.id });
    const long = `${"Отчёт о расходах ".repeat(11)}2026`; // 191 characters, Cyrillic
    const kept = await addApplicationAttachment(w.member, id, new File([PDF], `${long}.pdf`));
    expect(kept.fileName).toBe(`${long}.pdf`);
    const tooLong = `${"x".repeat(197)}.pdf`; // 201 characters
    await expect(addApplicationAttachment(w.member, id, new File([PDF], tooLong))).rejects.toMatchObject({ code: "fileRejected", fields: { file: "errors.file.nameTooLong" } });
    expect(await db.attachment.count({ where: { applicationId: id } })).toBe(1);
  });

  it("cannot be added or removed once submitted", async () => {
    const w = await applicantWorld();
    const id = await startApplication(w.member, { callId: w.call.id, organisationId: w.org.id });
    const att = await addApplicationAttachment(w.member, id, new File([PDF], "a.pdf"));
    const v = (await saveDraft(w.member, id, 1, completeDraft())).version;
    await submitApplication(w.member, id, v);
    await expect(addApplicationAttachment(w.member, id, new File([PDF], "b.pdf"))).rejects.toMatchObject({ code: "invalidTransition" });
    await expect(removeApplicationAttachment(w.member, att.id)).rejects.toMatchObject({ code: "invalidTransition" });
  });

  it("are readable by the funder's staff after submission, not by others", async () => {
    const w = await submitted();
    const q = await askClarification(w.officer, w.id, "Send the statute");
    await answerClarification(w.member, w.id, q, "Attached", [new File([PDF], "statute.pdf")]);
    const att = await db.attachment.findFirstOrThrow({ where: { organisationId: w.org.id } });
    expect((await openAttachment(w.officer, att.id)).fileName).toBe("statute.pdf");
    await expect(openAttachment(w.outsider, att.id)).rejects.toMatchObject({ code: "notFound" });
    await expect(openAttachment((await applicantWorld()).officer, att.id)).rejects.toMatchObject({ code: "notFound" });
  });
});
