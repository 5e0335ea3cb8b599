// An emergency erase is final: with a copy of the database and of the storage folder taken
// before it, and the master key, nothing of the organisation can be reopened, because the
// key share lives outside both. Free text that could identify it is blanked; the ledger
// and the audit trail still verify.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { openAttachment } from "@/lib/applications/attachments";
import { verifyChain } from "@/lib/audit/verify";
import { verifyLedgerAgainstTrail } from "@/lib/audit/ledger-proof";
import { openMeta } from "@/lib/files/attachment-meta";
import { addLostFunding, inviteMember } from "@/lib/organisations/commands";
import { emergencyErase } from "@/lib/organisations/erase";
import { openIdentity, unwrapDataKey } from "@/lib/organisations/identity";
import { approvePayment, recordPayment, requestPayment } from "@/lib/ledger/payments";
import { getGrantForMember } from "@/lib/grants/queries";
import { submitReport } from "@/lib/reports/commands";
import { actorFor, makeOrganisation, makeUser, uid } from "../factories";
import { memberActorId } from "@/lib/organisations/member-pseudonym";
import { grantWorld } from "../factories/grant-world";

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF`);

describe("emergency erase, final", () => {
  it("leaves nothing a pre-erase copy of database and storage folder can reopen, and keeps the accounts verifiable", async () => {
    const w = await grantWorld({ protectedOrg: true, conditions: ["NONE", "INTERIM_REPORT_ACCEPTED"] });
    await db.application.update({ where: { id: w.app.id }, data: { leadOfficerId: w.officer.userId } });
    const member = await actorFor(w.member.id);
    const secret = `Skrytye_${uid()}`;
    const t = w.tranches[0]!;
    await requestPayment(w.officer, t.id);
    await approvePayment(w.approver, t.id);
    await recordPayment(w.finance, { trancheId: t.id, idempotencyKey: `erase-${uid()}`.padEnd(20, "x"), valueDate: new Date().toISOString().slice(0, 10), bankReference: "REF-1" });
    const report = (await getGrantForMember(member, w.grant.id))!.reports.find((r) => r.kind === "INTERIM")!;
    await submitReport(member, { reportId: report.id, narrative: `Our work in ${secret} town`, spent: ["29000.00"], files: [new File([PDF(secret)], `${secret}.pdf`)] });
    await addLostFunding(member, { organisationId: w.org.id, donor: "NED", programmeName: `${secret} programme`, annualAmount: "50000.00", currency: "USD", endedOn: "2025-02-28", purpose: `Lawyers in ${secret}` });
    await inviteMember(member, { organisationId: w.org.id, email: `colleague-${uid()}@example.org`, role: "MEMBER" });
    await db.organisation.update({ where: { id: w.org.id }, data: { foundedYear: 2009, staffSize: 14 } });

    // The copies an attacker keeps: rows, the whole storage folder.
    const att = await db.attachment.findFirstOrThrow({ where: { reportId: report.id } });
    const oldOrg = await db.organisation.findUniqueOrThrow({ where: { id: w.org.id } });
    const oldKey = await db.organisationKey.findUniqueOrThrow({ where: { organisationId: w.org.id } });
    const storageCopy = mkdtempSync(path.join(os.tmpdir(), "storage-copy-"));
    cpSync(env().STORAGE_DIR, storageCopy, { recursive: true });
    expect(openIdentity(oldOrg, oldKey)?.legalName).toBe("OOO Skrytye Yuristy");
    // The share is outside the storage folder: the copy holds none.
    expect(readdirSync(storageCopy, { recursive: true, encoding: "utf8" }).some((f) => f.includes(w.org.id))).toBe(false);
    expect(existsSync(path.resolve(env().KEY_SHARE_DIR, w.org.id))).toBe(true);

    const admin = await actorFor((await makeUser({ admin: true })).id);
    await emergencyErase(admin, w.org.id, "Raid reported by partners");

    // Nothing reopens: not the identity, not the key, so not the file name nor the file.
    expect(existsSync(path.resolve(env().KEY_SHARE_DIR, w.org.id))).toBe(false);
    expect(openIdentity(oldOrg, oldKey)).toBeNull();
    expect(unwrapDataKey(w.org.id, Buffer.from(oldKey.wrappedKey!), oldKey.masterKeyId)).toBeNull();
    const copied = readFileSync(path.join(storageCopy, att.storageKey.slice(0, 2), att.storageKey));
    expect(copied.includes(Buffer.from(secret))).toBe(false);
    expect(() => openMeta(Buffer.alloc(32), w.org.id, att.storageKey, att.meta!)).toThrow();
    // The live file is gone; nobody downloads it any more, not even the lead officer.
    expect(existsSync(path.resolve(env().STORAGE_DIR, att.storageKey.slice(0, 2), att.storageKey))).toBe(false);
    await expect(openAttachment(w.officer, att.id)).rejects.toMatchObject({ code: "notFound" });
    await expect(openAttachment(await actorFor(w.member.id), att.id)).rejects.toMatchObject({ code: "notFound" });

    // People and free text.
    expect(await db.membership.count({ where: { organisationId: w.org.id } })).toBe(0);
    expect(await db.invitation.count({ where: { organisationId: w.org.id } })).toBe(0);
    const org = await db.organisation.findUniqueOrThrow({ where: { id: w.org.id } });
    expect([org.foundedYear, org.staffSize, org.annualBudget, org.identity]).toEqual([null, null, null, null]);
    const everything = JSON.stringify({
      app: await db.application.findUniqueOrThrow({ where: { id: w.app.id }, include: { budgetLines: true, messages: true, decisions: true } }),
      report: await db.report.findUniqueOrThrow({ where: { id: report.id } }),
      lost: await db.lostFunding.findMany({ where: { organisationId: w.org.id } }),
    }, (_k, v) => (typeof v === "bigint" ? String(v) : v));
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain("Lawyers");
    expect((await db.application.findUniqueOrThrow({ where: { id: w.app.id } })).title).toBe(w.app.reference);
    const lost = await db.lostFunding.findFirstOrThrow({ where: { organisationId: w.org.id } });
    expect([lost.donor, lost.annualAmount.toFixed(2), lost.currency]).toEqual(["NED", "50000.00", "USD"]);

    // What must stay: codename, amounts, the ledger, a verifiable trail.
    expect(org.codename).toBe(oldOrg.codename);
    expect(await db.ledgerEntry.count({ where: { grantId: w.grant.id } })).toBeGreaterThan(0);
    expect((await verifyChain()).ok).toBe(true);
    expect((await verifyLedgerAgainstTrail()).problems).toEqual([]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "organisation.erased", entityId: w.org.id } });
    expect(event.after).toMatchObject({ reason: "Raid reported by partners", files: 1, invitations: 1, memberships: 1, reports: 2, applications: 1 });
  });
});

describe("a member of two organisations in the audit trail", () => {
  it("is two unrelated ids, and after an erase nothing ties the person to the erased one", async () => {
    const person = await makeUser();
    const a = await makeOrganisation({ protected: true, members: [{ userId: person.id }] });
    const b = await makeOrganisation({ members: [{ userId: person.id }] });
    const actor = await actorFor(person.id);
    await addLostFunding(actor, { organisationId: a.id, donor: "NED", programmeName: "x", annualAmount: "1.00", currency: "USD", endedOn: "2025-02-28", purpose: "y" });
    await addLostFunding(actor, { organisationId: b.id, donor: "NED", programmeName: "x", annualAmount: "1.00", currency: "USD", endedOn: "2025-02-28", purpose: "y" });
    const ids = async (organisationId: string) => (await db.auditEvent.findMany({ where: { organisationId, action: "lostFunding.added" } })).map((e) => e.actorId);
    const [inA] = await ids(a.id);
    const [inB] = await ids(b.id);
    expect(new Set([inA, inB, person.id]).size).toBe(3);
    expect(await db.auditEvent.count({ where: { actorId: person.id, organisationId: { in: [a.id, b.id] } } })).toBe(0);
    expect(inA).toBe(await memberActorId(db, a.id, person.id));
    await emergencyErase(await actorFor((await makeUser({ admin: true })).id), a.id, "danger");
    // The key is gone: the pseudonym can no longer be recomputed from the person's id.
    expect(await memberActorId(db, a.id, person.id)).toBeNull();
  });
});
