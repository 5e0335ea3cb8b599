// Sanctions screening end to end against real PostgreSQL: list versions and their
// differences, screening of key people across scripts, the four-eyes review, and the
// database's own refusal of awards and payments (also when lib/ is bypassed).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { db } from "@/lib/db";
import { verifyChain } from "@/lib/audit/verify";
import { env } from "@/lib/env";
import { openIdentity, storeIdentity } from "@/lib/organisations/identity";
import { confirmDecision, recommendDecision } from "@/lib/decisions/commands";
import { approvePayment, recordPayment, requestPayment } from "@/lib/ledger/payments";
import { addKeyPerson, removeKeyPerson, setFormerNames } from "@/lib/organisations/key-people";
import { assignLeadOfficer } from "@/lib/applications/identity-access";
import { renewOrganisationKey } from "@/lib/crypto/renewal";
import { reversePayment } from "@/lib/ledger/payments";
import { importListVersion } from "@/lib/sanctions/import";
import { decideSanctionsOutcome, listSanctionsQueue, proposeSanctionsOutcome, sanctionsSummary, viewSanctionsMatch } from "@/lib/sanctions/review";
import { fileFromPath } from "@/lib/sanctions/parse";
import { screenOrganisation, screenStale } from "@/lib/sanctions/screen";
import { actorFor, makeStaff } from "../factories";
import { grantWorld } from "../factories/grant-world";
import { staffWorld } from "../factories/staff-world";
import { fsfXml, LISTED, memoryFile } from "../support/sanctions-files";

const eu = (name: string, xml: string) => importListVersion(null, { source: "eu-fsf", files: [memoryFile(name, xml)] });
const versions = () => db.sanctionsListVersion.count({ where: { list: "eu" } });

describe("list versions", () => {
  it("imports a version, refuses broken files whole and counts what changed since the last one", async () => {
    const v1 = await eu("v1.xml", fsfXml([LISTED.official, LISTED.other]));
    expect(v1).toMatchObject({ list: "eu", entries: 2, persons: 2, organisations: 0, added: 2, removed: 0, changed: 0, unchanged: false });
    expect(await db.sanctionsName.count({ where: { entry: { fromVersionId: v1.versionId } } })).toBe(4);

    expect(await eu("v1-again.xml", fsfXml([LISTED.official, LISTED.other]))).toMatchObject({ versionId: v1.versionId, unchanged: true });

    const whole = fsfXml([LISTED.official, LISTED.other, LISTED.company]);
    const before = await versions();
    await expect(eu("cut.xml", whole.slice(0, whole.length - 300))).rejects.toMatchObject({ code: "validation", fields: { file: "errors.sanctions.truncated" } });
    await expect(importListVersion(null, { source: "eu-fsf", files: [memoryFile("un.xml", '<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2026-01-01"><INDIVIDUALS/></CONSOLIDATED_LIST>')] }))
      .rejects.toMatchObject({ code: "validation", fields: { file: "errors.sanctions.wrong-format" } });
    expect(await versions()).toBe(before);
    expect(await db.sanctionsEntry.count({ where: { list: "eu", toVersionId: null } })).toBe(2);

    const changedOfficial = { ...LISTED.official, birthDate: "1971-05-08" };
    const v2 = await eu("v2.xml", fsfXml([changedOfficial, LISTED.company]));
    expect(v2).toMatchObject({ entries: 2, added: 1, removed: 1, changed: 1 });
    const current = await db.sanctionsEntry.findMany({ where: { list: "eu", toVersionId: null }, select: { sourceId: true } });
    expect(current.map((e) => e.sourceId).sort()).toEqual(["900001", "900003"].sort());
    const v = await db.sanctionsListVersion.findUniqueOrThrow({ where: { id: v2.versionId } });
    expect(v).toMatchObject({ previousId: v1.versionId, added: 1, removed: 1, changed: 1, publicationDate: new Date("2026-11-30T00:00:00Z") });
  });

  it("only a platform admin imports", async () => {
    const w = await staffWorld();
    await expect(importListVersion(w.officer, { source: "eu-fsf", files: [memoryFile("x.xml", fsfXml([LISTED.company]))] })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("screening and review", () => {
  it("a listed director written in Cyrillic blocks the award until an officer and an approver clear it", async () => {
    await eu("v3.xml", fsfXml([LISTED.official, LISTED.other, LISTED.company]));
    const w = await staffWorld({ kind: "EMERGENCY" });
    const member = await actorFor(w.member.id);
    await addKeyPerson(member, { organisationId: w.org.id, role: "DIRECTOR", name: "Чайковский Пётр Ильич", latinName: "CHAYKOVSKIY PETR", birthDate: "1971-05-07", nationality: "RU" });
    const m = await db.sanctionsMatch.findFirstOrThrow({ where: { organisationId: w.org.id, funderId: w.funder.id } });
    expect(m).toMatchObject({ status: "OPEN", risk: false });
    expect(m.subjectRef).toMatch(/^key-person:/);
    expect(Number(m.score)).toBeGreaterThanOrEqual(0.8);
    // The explanation names the director: sealed, so the clear text is nowhere in the row.
    expect(Buffer.from(m.explanation).toString("utf8")).not.toContain("Чайковский");

    const d = await recommendDecision(w.officer, { applicationId: w.app.id, kind: "APPROVE", amount: "60000.00", reasonsForApplicant: "ok" });
    await expect(confirmDecision(w.approver, d)).rejects.toMatchObject({ code: "sanctionsHold" });
    // The database refuses it too, with lib/ bypassed.
    await expect(db.$executeRaw`UPDATE "Decision" SET status = 'CONFIRMED', "confirmedById" = ${w.approver.userId}::uuid WHERE id = ${d}::uuid`).rejects.toThrow(/most_sanctions_hold/);

    const detail = await viewSanctionsMatch(w.officer, m.id);
    expect(detail.explanation.reasons.length).toBeGreaterThan(0);
    expect(detail.canPropose).toBe(true);
    expect(detail.canDecide).toBe(false);
    await proposeSanctionsOutcome(w.officer, { matchId: m.id, version: m.version, outcome: "clear", reason: "Passport copy: born 1969, not the listed person" });
    // Still blocked while only one person has looked at it.
    await expect(confirmDecision(w.approver, d)).rejects.toMatchObject({ code: "sanctionsHold" });
    await expect(decideSanctionsOutcome(w.approver, { matchId: m.id, version: m.version, accept: true })).rejects.toMatchObject({ code: "staleVersion" });
    const both = await makeStaff(w.funder.id, "OFFICER", "APPROVER");
    const m2 = await db.sanctionsMatch.findUniqueOrThrow({ where: { id: m.id } });
    await expect(db.sanctionsMatch.update({ where: { id: m.id }, data: { status: "CLEARED", decidedById: m2.proposedById } })).rejects.toThrow(/SanctionsMatch_four_eyes/);
    await expect(decideSanctionsOutcome(both, { matchId: m.id, version: m2.version, accept: true })).resolves.toBeUndefined();
    expect((await db.sanctionsMatch.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("CLEARED");

    const { grantId } = await confirmDecision(w.approver, d);
    expect(grantId).toBeTruthy();
    // Cleared stays cleared for that entry: screening again finds it and keeps the status.
    await screenOrganisation(w.org.id, "MANUAL");
    expect((await db.sanctionsMatch.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("CLEARED");
  });

  it("a confirmed match suspends the grant, tells the funder's admins and blocks every payment", async () => {
    const w = await grantWorld();
    const admin = await makeStaff(w.funder.id, "FUNDER_ADMIN");
    const t = w.tranches[0]!;
    await requestPayment(w.officer, t.id);
    await approvePayment(w.approver, t.id);
    const member = await actorFor(w.member.id);
    await addKeyPerson(member, { organisationId: w.org.id, role: "ACCOUNT_HOLDER", name: "Петровская Анна Сергеевна", birthDate: "1980-02-11" });
    const m = await db.sanctionsMatch.findFirstOrThrow({ where: { organisationId: w.org.id } });
    // An open match already stops the payment, before anyone reviewed it.
    await expect(recordPayment(w.finance, { trancheId: t.id, idempotencyKey: `k-${t.id}`, valueDate: "2027-01-10", bankReference: "REF-1" })).rejects.toMatchObject({ code: "sanctionsHold" });
    await proposeSanctionsOutcome(w.officer, { matchId: m.id, version: m.version, outcome: "match", reason: "Same person: date of birth and patronymic match" });
    await decideSanctionsOutcome(w.approver, { matchId: m.id, version: m.version + 1, accept: true });
    expect((await db.grant.findUniqueOrThrow({ where: { id: w.grant.id } })).status).toBe("SUSPENDED");
    expect(await db.notification.count({ where: { userId: admin.userId, kind: "SANCTIONS_CONFIRMED" } })).toBe(1);
    await expect(recordPayment(w.finance, { trancheId: t.id, idempotencyKey: `k2-${t.id}`, valueDate: "2027-01-10", bankReference: "REF-2" })).rejects.toMatchObject({ code: "sanctionsHold" });
    await expect(db.$executeRaw`UPDATE "Tranche" SET status = 'PAID', "paidById" = ${w.finance.userId}::uuid, "paidAt" = now() WHERE id = ${t.id}::uuid`).rejects.toThrow(/most_sanctions_hold/);
  });

  it("a new list version makes every earlier screening stale until the organisation is screened again", async () => {
    const w = await grantWorld();
    const t = w.tranches[0]!;
    await requestPayment(w.officer, t.id);
    await eu("v4.xml", fsfXml([LISTED.company]));
    // Bypassing lib/ (which screens first): refused, the screening predates the lists in force.
    await expect(db.$executeRaw`UPDATE "Tranche" SET status = 'APPROVED', "approvedById" = ${w.approver.userId}::uuid, "approvedAt" = now() WHERE id = ${t.id}::uuid`).rejects.toThrow(/most_sanctions_unscreened/);
    const swept = await screenStale(1000);
    expect(swept.failed).toBe(0);
    expect(swept.screened).toBeGreaterThanOrEqual(1);
    const last = await db.sanctionsScreening.findFirstOrThrow({ where: { organisationId: w.org.id }, orderBy: { createdAt: "desc" } });
    expect(last.trigger).toBe("LIST_UPDATE");
    await approvePayment(w.approver, t.id);
    expect((await db.tranche.findUniqueOrThrow({ where: { id: t.id } })).status).toBe("APPROVED");
  });

  it("a match stays open when its person is removed, and lapses only when the entry leaves the list", async () => {
    await eu("v5.xml", fsfXml([LISTED.company, LISTED.official]));
    const w = await staffWorld({ kind: "EMERGENCY" });
    const member = await actorFor(w.member.id);
    const personId = await addKeyPerson(member, { organisationId: w.org.id, role: "SIGNATORY", name: "Чайковский Пётр Ильич", birthDate: "1971-05-07" });
    const m = await db.sanctionsMatch.findFirstOrThrow({ where: { organisationId: w.org.id } });
    await removeKeyPerson(member, w.org.id, personId);
    expect(await db.sanctionsScreening.count({ where: { organisationId: w.org.id } })).toBe(2);
    // Removing the person is no way around the review.
    expect((await db.sanctionsMatch.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("OPEN");
    const d = await recommendDecision(w.officer, { applicationId: w.app.id, kind: "APPROVE", amount: "60000.00", reasonsForApplicant: "ok" });
    await expect(confirmDecision(w.approver, d)).rejects.toMatchObject({ code: "sanctionsHold" });
    await eu("v6.xml", fsfXml([LISTED.company]));
    await screenStale(1000);
    expect((await db.sanctionsMatch.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("LAPSED");
    await expect(confirmDecision(w.approver, d)).resolves.toMatchObject({ grantId: expect.any(String) });
  });

  it("screenings are facts: the portal's login cannot change or delete them", async () => {
    const s = await db.sanctionsScreening.findFirstOrThrow();
    await expect(db.$executeRaw`UPDATE "SanctionsScreening" SET hits = 0 WHERE id = ${s.id}::uuid`).rejects.toThrow(/permission denied/);
    await expect(db.$executeRaw`DELETE FROM "SanctionsListVersion"`).rejects.toThrow(/permission denied/);
  });
});

describe("the sweep", () => {
  it("screens in batches, and an organisation that cannot be screened fails alone", async () => {
    const worlds = [await staffWorld(), await staffWorld(), await staffWorld()];
    await eu("v-sweep.xml", fsfXml([LISTED.company, LISTED.other]));
    // The middle organisation's key share is gone: its identity cannot be opened.
    const share = path.join(env().KEY_SHARE_DIR, worlds[1]!.org.id);
    const saved = readFileSync(share);
    rmSync(share);
    const count = (id: string) => db.sanctionsScreening.count({ where: { organisationId: id } });
    const before = await Promise.all(worlds.map((w) => count(w.org.id)));
    try {
      const swept = await screenStale(1000);
      expect(swept.failed).toBe(1);
      expect(swept.screened).toBeGreaterThanOrEqual(2);
      expect(await Promise.all(worlds.map((w) => count(w.org.id)))).toEqual([before[0]! + 1, before[1]!, before[2]! + 1]);
      const audited = await db.auditEvent.count({ where: { action: "sanctions.screened", organisationId: { in: worlds.map((w) => w.org.id) } } });
      expect(audited).toBe(before[0]! + before[2]! + 2 + before[1]!);
    } finally {
      writeFileSync(share, saved);
    }
    expect((await screenStale(1000)).failed).toBe(0);
    expect(await count(worlds[1]!.org.id)).toBe(before[1]! + 1);
    // Written in batches, the audit trail still verifies link by link.
    expect((await verifyChain()).ok).toBe(true);
  });

  it("finds an organisation by its registration number, whatever its name", async () => {
    const listed = { logicalId: 900010, kind: "enterprise" as const, names: [{ whole: "Baltic Freight Forwarding JSC" }], identifiers: [{ code: "regnumber", number: "1177847261602" }] };
    await eu("v-ids.xml", fsfXml([LISTED.company, listed]));
    const w = await staffWorld();
    await db.$transaction(async (tx) => {
      const org = await tx.organisation.findUniqueOrThrow({ where: { id: w.org.id }, include: { key: true } });
      await storeIdentity(tx, w.org.id, { ...openIdentity(org, org.key)!, registrationNumber: "1177 847 261 602" });
    });
    await screenOrganisation(w.org.id, "MANUAL");
    const m = await db.sanctionsMatch.findFirstOrThrow({ where: { organisationId: w.org.id }, include: { entry: true } });
    expect(m.entry.sourceId).toBe("900010");
    expect(Number(m.score)).toBeGreaterThanOrEqual(0.95);
  });
});

describe("a match found again", () => {
  it("stays cleared at the same score, and reopens for review when the organisation now matches better", async () => {
    await eu("v-reopen.xml", fsfXml([LISTED.company]));
    const w = await staffWorld();
    // Never below what the candidate search covers.
    await expect(db.funder.update({ where: { id: w.funder.id }, data: { screeningThreshold: "0.70" } })).rejects.toThrow(/Funder_screeningThreshold_range/);
    await db.$transaction(async (tx) => {
      const org = await tx.organisation.findUniqueOrThrow({ where: { id: w.org.id }, include: { key: true } });
      await storeIdentity(tx, w.org.id, { ...openIdentity(org, org.key)!, legalName: "Volga Defense Systems Ltd" });
    });
    await screenOrganisation(w.org.id, "MANUAL");
    const m = await db.sanctionsMatch.findFirstOrThrow({ where: { organisationId: w.org.id, subjectRef: "organisation" } });
    expect(Number(m.score)).toBeLessThan(0.95);
    await proposeSanctionsOutcome(w.officer, { matchId: m.id, version: m.version, outcome: "clear", reason: "Another organisation: different founders and register" });
    const proposed = await db.sanctionsMatch.findUniqueOrThrow({ where: { id: m.id } });
    await decideSanctionsOutcome(w.approver, { matchId: m.id, version: proposed.version, accept: true });
    const cleared = await db.sanctionsMatch.findUniqueOrThrow({ where: { id: m.id } });
    expect(cleared.status).toBe("CLEARED");

    await screenOrganisation(w.org.id, "MANUAL");
    expect(await db.sanctionsMatch.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ status: "CLEARED", version: cleared.version, reason: cleared.reason });

    // The organisation adds the listed company's full name as a former name: the facts it was cleared on changed.
    await setFormerNames(await actorFor(w.member.id), w.org.id, ["Volga Defence Systems"]);
    const reopened = await db.sanctionsMatch.findUniqueOrThrow({ where: { id: m.id } });
    expect(reopened).toMatchObject({ status: "OPEN", proposedById: null, decidedById: null, reason: null, version: cleared.version + 1 });
    expect(Number(reopened.score)).toBeGreaterThan(Number(m.score));
    const found = await db.auditEvent.findMany({ where: { action: "sanctions.matchFound", entityId: m.id }, orderBy: { id: "asc" } });
    expect(found.map((e) => (e.after as { reopened: boolean }).reopened)).toEqual([false, true]);
  });
});

describe("a protected organisation's side of a match", () => {
  it("is shown, audited, to its lead officer and the approvers only, and nobody reviews it blind", async () => {
    await eu("v7.xml", fsfXml([LISTED.company, LISTED.official]));
    const w = await staffWorld({ kind: "EMERGENCY", protectedOrg: true });
    const member = await actorFor(w.member.id);
    await addKeyPerson(member, { organisationId: w.org.id, role: "DIRECTOR", name: "Чайковский Пётр Ильич", birthDate: "1971-05-07" });
    const m = await db.sanctionsMatch.findFirstOrThrow({ where: { organisationId: w.org.id } });
    // Not the lead officer: codes only, no listed entry, no name, and no review.
    const blind = await viewSanctionsMatch(w.officer2, m.id);
    expect(blind).toMatchObject({ subjectHidden: "protected", entry: null, listedName: null, canPropose: false });
    expect(blind.explanation.subjectName).toBeNull();
    expect(blind.explanation.reasons.length).toBeGreaterThan(0);
    for (const r of blind.explanation.reasons) expect(Object.keys(r)).toEqual(["code"]);
    expect(JSON.stringify(blind)).not.toMatch(/Чайковск|Chaikovsky|1971/);
    expect((await listSanctionsQueue(w.officer2)).find((r) => r.id === m.id)?.listedName).toBeNull();
    await expect(proposeSanctionsOutcome(w.officer2, { matchId: m.id, version: m.version, outcome: "clear", reason: "Looks different" })).rejects.toMatchObject({ code: "forbidden" });

    await assignLeadOfficer(w.officer, w.app.id, w.officer.userId);
    const seen = await viewSanctionsMatch(w.officer, m.id);
    expect(seen).toMatchObject({ subjectHidden: null, canPropose: true });
    expect(seen.explanation.subjectName).toContain("Чайковский");
    expect(await db.auditEvent.count({ where: { action: "sanctions.matchViewed", entityId: m.id } })).toBe(1);
    await proposeSanctionsOutcome(w.officer, { matchId: m.id, version: m.version, outcome: "clear", reason: "Born 1969, passport checked" });
    const approverView = await viewSanctionsMatch(w.approver, m.id);
    expect(approverView).toMatchObject({ subjectHidden: null, canDecide: true });
    await decideSanctionsOutcome(w.approver, { matchId: m.id, version: m.version + 1, accept: true });
    expect((await db.sanctionsMatch.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("CLEARED");

    // A key renewal re-seals the explanation with the organisation's new key.
    expect(await renewOrganisationKey(w.org.id)).toBe(true);
    expect((await viewSanctionsMatch(w.officer, m.id)).explanation.subjectName).toContain("Чайковский");
  });
});

describe("the database, with lib/ bypassed", () => {
  it("refuses a confirmed approval written directly, and a hold lifted by editing or deleting the match", async () => {
    const w = await staffWorld({ kind: "EMERGENCY" });
    const member = await actorFor(w.member.id);
    await eu("v8.xml", fsfXml([LISTED.company, LISTED.official]));
    await addKeyPerson(member, { organisationId: w.org.id, role: "DIRECTOR", name: "Чайковский Пётр Ильич", birthDate: "1971-05-07" });
    const m = await db.sanctionsMatch.findFirstOrThrow({ where: { organisationId: w.org.id } });
    await expect(db.$executeRaw`INSERT INTO "Decision" (id, "applicationId", kind, amount, currency, "reasonsForApplicant", "recommendedById", status, "confirmedById", "confirmedAt")
      VALUES (gen_random_uuid(), ${w.app.id}::uuid, 'APPROVE', 1000, 'EUR', 'x', ${w.officer.userId}::uuid, 'CONFIRMED', ${w.approver.userId}::uuid, now())`).rejects.toThrow(/most_sanctions_hold/);
    await expect(db.$executeRaw`UPDATE "SanctionsMatch" SET status = 'LAPSED' WHERE id = ${m.id}::uuid`).rejects.toThrow(/lapses only when its entry leaves the list/);
    await expect(db.$executeRaw`UPDATE "SanctionsMatch" SET risk = true WHERE id = ${m.id}::uuid`).rejects.toThrow(/cannot change/);
    await expect(db.$executeRaw`UPDATE "SanctionsMatch" SET status = 'CLEARED', "proposedById" = ${w.officer.userId}::uuid, reason = 'x', "decidedById" = ${w.approver.userId}::uuid WHERE id = ${m.id}::uuid`).rejects.toThrow(/cannot go from OPEN to CLEARED/);
    await expect(db.$executeRaw`DELETE FROM "SanctionsMatch" WHERE id = ${m.id}::uuid`).rejects.toThrow(/permission denied/);
    expect((await db.sanctionsMatch.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("OPEN");
  });

  it("lets a payment be reversed while the organisation is held (money coming back is never stopped)", async () => {
    const w = await grantWorld();
    const t = w.tranches[0]!;
    await requestPayment(w.officer, t.id);
    await approvePayment(w.approver, t.id);
    const paid = await recordPayment(w.finance, { trancheId: t.id, idempotencyKey: `pay-${t.id}`, valueDate: "2027-01-10", bankReference: "REF-9", beforeStart: true });
    await eu("v9.xml", fsfXml([LISTED.company, LISTED.official, LISTED.other]));
    const member = await actorFor(w.member.id);
    await addKeyPerson(member, { organisationId: w.org.id, role: "ACCOUNT_HOLDER", name: "Петровская Анна Сергеевна", birthDate: "1980-02-11" });
    expect(await db.sanctionsMatch.count({ where: { organisationId: w.org.id, status: "OPEN" } })).toBe(1);
    await reversePayment(w.finance, { ledgerEntryId: BigInt(paid.ledgerEntryId), idempotencyKey: `rev-${t.id}`, reason: "Returned by the bank", valueDate: "2027-01-12" });
    expect((await db.tranche.findUniqueOrThrow({ where: { id: t.id } })).status).toBe("APPROVED");
  });
});

describe("Russia's registers", () => {
  it("mark the organisation's risk profile for its staff and never block an award", async () => {
    const file = path.join(process.cwd(), "tests/fixtures/sanctions/ru-foreign-agents-sample.csv");
    const v = await importListVersion(null, { source: "ru-foreign-agents", files: [fileFromPath(file)] });
    expect(v.list).toBe("ru-foreign-agents");
    const w = await staffWorld({ kind: "EMERGENCY" });
    const member = await actorFor(w.member.id);
    await addKeyPerson(member, { organisationId: w.org.id, role: "BOARD", name: "Petrova Anna Sergeevna", birthDate: "1988-09-03" });
    const m = await db.sanctionsMatch.findFirstOrThrow({ where: { organisationId: w.org.id } });
    expect(m.risk).toBe(true);
    // Not review work, not a block; shown on the application page to the funder's staff only.
    expect((await listSanctionsQueue(w.officer)).some((r) => r.id === m.id)).toBe(false);
    await assignLeadOfficer(w.officer, w.app.id, w.officer.userId);
    expect((await sanctionsSummary(w.officer, w.app.id))?.risk).toEqual([{ id: m.id, list: "ru-foreign-agents", listedName: "Петрова Анна Сергеевна" }]);
    // Only the organisation's assigned officer sees it; a colleague sees the screening state only.
    expect((await sanctionsSummary(w.officer2, w.app.id))?.risk).toEqual([]);
    expect(await sanctionsSummary(w.reviewer1, w.app.id)).toBeNull();
    expect(await db.notification.count({ where: { kind: "SANCTIONS_MATCH", params: { path: ["organisation"], equals: w.org.codename } } })).toBe(0);
    const d = await recommendDecision(w.officer, { applicationId: w.app.id, kind: "APPROVE", amount: "60000.00", reasonsForApplicant: "ok" });
    await expect(confirmDecision(w.approver, d)).resolves.toMatchObject({ grantId: expect.any(String) });
  });
});

describe("required lists", () => {
  it("refuse every award until each required list has a version in force", async () => {
    const w = await staffWorld({ kind: "EMERGENCY" });
    const d = await recommendDecision(w.officer, { applicationId: w.app.id, kind: "APPROVE", amount: "60000.00", reasonsForApplicant: "ok" });
    process.env.MOST_SANCTIONS_REQUIRED_LISTS = "eu,uk";
    try {
      await expect(confirmDecision(w.approver, d)).rejects.toMatchObject({ code: "sanctionsListsMissing", values: { lists: "uk" } });
    } finally {
      delete process.env.MOST_SANCTIONS_REQUIRED_LISTS;
    }
    await expect(confirmDecision(w.approver, d)).resolves.toMatchObject({ grantId: expect.any(String) });
  });
});

describe("a list that shrinks", () => {
  it("is refused when it would delist many entries at once, unless the importer expects it", async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ logicalId: 910000 + i, names: [{ whole: `Listed Person Number ${i}` }] }));
    await eu("many.xml", fsfXml([...many, LISTED.official, LISTED.other, LISTED.company]));
    const before = await versions();
    // A file cut off at an entry boundary parses as a shorter list.
    await expect(eu("short.xml", fsfXml([LISTED.official, LISTED.other, LISTED.company])))
      .rejects.toMatchObject({ code: "validation", fields: { file: "errors.sanctions.shrink" }, values: { removed: 40, previous: 43 } });
    expect(await versions()).toBe(before);
    const s = await importListVersion(null, { source: "eu-fsf", files: [memoryFile("short.xml", fsfXml([LISTED.official, LISTED.other, LISTED.company]))], allowShrink: true });
    expect(s).toMatchObject({ removed: 40, entries: 3 });
  });
});

describe("a large update", () => {
  it("replaces more changed entries than one batch holds (each old row ends before its new one)", async () => {
    const people = (suffix: string) => Array.from({ length: 1200 }, (_, i) => ({ logicalId: 920000 + i, names: [{ whole: `Generated Person ${i} ${suffix}` }] }));
    const first = await eu("big-1.xml", fsfXml(people("A")));
    expect(first.added).toBe(1200);
    const second = await eu("big-2.xml", fsfXml(people("B"), "2026-12-01T10:00:00.000+01:00"));
    expect(second).toMatchObject({ entries: 1200, added: 0, changed: 1200 });
    expect(await db.sanctionsEntry.count({ where: { list: "eu", toVersionId: null } })).toBe(1200);
    // An older file never becomes the version in force.
    await expect(eu("old.xml", fsfXml(people("C"), "2026-01-01T10:00:00.000+01:00"))).rejects.toMatchObject({ fields: { file: "errors.sanctions.older" } });
  }, 120_000);
});
