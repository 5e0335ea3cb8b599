// Uploaded files and their names are sealed with the organisation's data key: a copy of
// the storage folder or the database reveals neither; downloads are audited; a protected
// organisation's report files reach its members and its lead officer only.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { openAttachment } from "@/lib/applications/attachments";
import { getReportForStaff, submitReport } from "@/lib/reports/commands";
import { getGrantForMember } from "@/lib/grants/queries";
import { memberActorId } from "@/lib/organisations/member-pseudonym";
import { actorFor, makeStaff, uid } from "../factories";
import { grantWorld } from "../factories/grant-world";

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF`);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => path.join(dir, f)).filter((f) => statSync(f).isFile());
}

async function download(actor: Awaited<ReturnType<typeof actorFor>>, id: string) {
  const file = await openAttachment(actor, id);
  return { ...file, bytes: Buffer.from(await new Response(file.stream).arrayBuffer()) };
}

/** A protected organisation's grant with one submitted report carrying one file. */
async function reportedGrant(protectedOrg: boolean) {
  const w = await grantWorld({ protectedOrg, conditions: ["NONE", "INTERIM_REPORT_ACCEPTED"] });
  await db.application.update({ where: { id: w.app.id }, data: { leadOfficerId: w.officer.userId } });
  const member = await actorFor(w.member.id);
  const report = (await getGrantForMember(member, w.grant.id))!.reports.find((r) => r.kind === "INTERIM")!;
  const secret = `Severny_registration_1127800${uid()}`;
  await submitReport(member, { reportId: report.id, narrative: "Six months of legal aid.", spent: ["29000.00"], files: [new File([PDF(`ANO ${secret}`)], `${secret}.pdf`)] });
  const att = await db.attachment.findFirstOrThrow({ where: { reportId: report.id } });
  return { w, member, report, att, secret };
}

describe("sealed files", () => {
  it("keep content and name out of the storage folder and the database; members and the lead officer read them, audited", async () => {
    const { w, member, att, secret } = await reportedGrant(true);
    // The row: no name, no digest in clear; the file on disk: no content, no name.
    expect(att.fileName).toBeNull();
    expect(att.sha256).toBeNull();
    expect(Buffer.from(att.meta!).includes(Buffer.from(secret))).toBe(false);
    const stored = readFileSync(path.resolve(env().STORAGE_DIR, att.storageKey.slice(0, 2), att.storageKey));
    expect(stored.includes(Buffer.from(secret))).toBe(false);
    expect(stored.includes(Buffer.from("%PDF"))).toBe(false);
    for (const f of filesUnder(env().STORAGE_DIR)) expect(path.basename(f)).not.toContain(secret);
    const rows = await db.$queryRawUnsafe<{ r: string }[]>(`SELECT row_to_json(a)::text AS r FROM "Attachment" a`);
    expect(rows.map((r) => r.r).join("\n")).not.toContain(secret);
    const events = await db.auditEvent.findMany({ where: { organisationId: w.org.id }, select: { before: true, after: true } });
    expect(JSON.stringify(events)).not.toContain(secret);

    const got = await download(member, att.id);
    expect(got.fileName).toBe(`${secret}.pdf`);
    expect(got.bytes.equals(PDF(`ANO ${secret}`))).toBe(true);
    expect((await download(w.officer, att.id)).bytes.length).toBe(got.bytes.length);
    const downloads = await db.auditEvent.findMany({ where: { action: "attachment.downloaded", entityId: att.id }, orderBy: { id: "asc" } });
    // The member appears under a pseudonym keyed by the organisation (erase unties it), staff by account.
    expect(downloads.map((e) => [e.actorId, e.actorRole])).toEqual([[await memberActorId(db, w.org.id, member.userId), "APPLICANT"], [w.officer.userId, "OFFICER"]]);
    expect(downloads[0]!.actorId).not.toBe(member.userId);
    expect(downloads.every((e) => e.funderId === w.funder.id && e.organisationId === w.org.id)).toBe(true);
  });

  it("a protected organisation's report files: refused to every other role, listed to none of them", async () => {
    const { w, att, report } = await reportedGrant(true);
    const funderAdmin = await makeStaff(w.funder.id, "FUNDER_ADMIN");
    const auditor = await makeStaff(w.funder.id, "AUDITOR");
    const other = await grantWorld();
    const refused = { officer2: w.officer2, finance: w.finance, approver: w.approver, funderAdmin, auditor, reviewer: w.reviewer1, otherFunderOfficer: other.officer, otherMember: await actorFor(other.member.id) };
    for (const [who, actor] of Object.entries(refused)) {
      await expect(openAttachment(actor, att.id), who).rejects.toMatchObject({ code: "notFound" });
    }
    expect(await db.auditEvent.count({ where: { action: "attachment.downloaded", entityId: att.id } })).toBe(0);
    for (const actor of [w.finance, w.approver, funderAdmin, auditor]) expect((await getReportForStaff(actor, report.id))?.attachments).toBeNull();
    expect((await getReportForStaff(w.officer, report.id))?.attachments?.map((a) => a.id)).toEqual([att.id]);
  });

  it("an unprotected organisation's report files: open to the funder's staff who see the grant, auditor included", async () => {
    const { w, att, report } = await reportedGrant(false);
    const auditor = await makeStaff(w.funder.id, "AUDITOR");
    for (const actor of [w.finance, w.approver, auditor, w.officer2]) {
      expect((await download(actor, att.id)).bytes.subarray(0, 4).toString()).toBe("%PDF");
    }
    expect((await getReportForStaff(auditor, report.id))?.attachments?.length).toBe(1);
    const other = await grantWorld();
    await expect(openAttachment(other.finance, att.id)).rejects.toMatchObject({ code: "notFound" });
    expect(await db.auditEvent.count({ where: { action: "attachment.downloaded", entityId: att.id } })).toBe(4);
  });

  it("a changed byte on disk fails the download instead of serving altered content", async () => {
    const { member, att } = await reportedGrant(false);
    const file = path.resolve(env().STORAGE_DIR, att.storageKey.slice(0, 2), att.storageKey);
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 20) ^ 1, bytes.length - 20);
    writeFileSync(file, bytes);
    await expect(download(member, att.id)).rejects.toThrow();
  });
});
