// Payee accounts (issue 15): sealed, masked for everyone but the funder's finance and approvers,
// verified with four eyes, cooled off, chosen for a grant with an approver's confirmation, and
// a payment to anything else refused by the database, also when the ledger row is written by
// hand past lib/.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ZPayeeAccount } from "@/lib/bank/account";
import { addPayeeAccount, listOrganisationAccounts, retirePayeeAccount } from "@/lib/bank/accounts";
import { confirmGrantPayee, findGrantPayee, rejectGrantPayee, requestGrantPayee } from "@/lib/bank/accounts-grant";
import { confirmPayeeVerification, findAccountsToVerify, holderIsKnown, recordPayeeVerification, rejectPayeeVerification, revokePayeeVerification, viewPayeeAccount } from "@/lib/bank/accounts-verification";
import { renewOrganisationKey } from "@/lib/crypto/renewal";
import { emergencyErase } from "@/lib/organisations/erase";
import { approvePayment, recordPayment, requestPayment } from "@/lib/ledger/payments";
import { payableTranches } from "@/lib/bank/batches";
import { ownerDb } from "../../scripts/lib/owner-client";
import { actorFor, makeApplication, makeCall, makeFunder, makeOrganisation, makeProgramme, makeStaff, makeUser, uid } from "../factories";
import { grantWorld } from "../factories/grant-world";
import { backdateVerification, chooseGrantPayee, SAMPLE_IBANS, sepaAccount } from "../factories/payee";

const account = (iban: string = SAMPLE_IBANS[0]) => ZPayeeAccount.parse(sepaAccount(iban));
const pay = (finance: Parameters<typeof recordPayment>[0], trancheId: string) =>
  recordPayment(finance, { trancheId, idempotencyKey: `pay-${uid()}-${uid()}`, valueDate: "2027-01-10", bankReference: "REF-1", beforeStart: true });

/** A grant without a payee account, a second member, and its first tranche approved for payment. */
async function world() {
  const w = await grantWorld({ payee: false });
  const member2User = await makeUser();
  await db.membership.create({ data: { userId: member2User.id, organisationId: w.org.id, role: "ADMIN" } });
  const member = await actorFor(w.member.id);
  const member2 = await actorFor(member2User.id);
  const t = w.tranches[0]!;
  await requestPayment(w.officer, t.id);
  await approvePayment(w.approver, t.id);
  return { ...w, member: w.member, memberActor: member, member2, tranche: t };
}

async function verified(w: Awaited<ReturnType<typeof world>>, iban: string, opts: { cooled?: boolean; by?: typeof w.memberActor } = {}) {
  const { id } = await addPayeeAccount(opts.by ?? w.memberActor, { organisationId: w.org.id, account: account(iban) });
  const vid = await recordPayeeVerification(w.finance, { accountId: id, funderId: w.funder.id, method: "CALL_BACK", note: "Called back on the number of the application" });
  await confirmPayeeVerification(w.approver, vid);
  if (opts.cooled) await backdateVerification(vid, 4);
  return { id, vid };
}

/**
 * A disbursement written by hand as the owner's login, past lib/: the tranche marked paid and
 * the ledger row, with the tranche's triggers off for that one statement (SET LOCAL, never an
 * ALTER TABLE that would lock the table and, committed, leave the guard off) so the ledger's
 * trigger alone decides.
 */
async function forgedPayment(w: Awaited<ReturnType<typeof world>>) {
  return ownerDb().$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
    await tx.$executeRaw`UPDATE "Tranche" SET status = 'PAID', "paidById" = ${w.finance.userId}::uuid, "paidAt" = now() WHERE id = ${w.tranche.id}::uuid`;
    await tx.$executeRawUnsafe("SET LOCAL session_replication_role = origin");
    await tx.$executeRaw`
      INSERT INTO "LedgerEntry" ("grantId", "trancheId", kind, amount, currency, "eurAmount", "eurRate", "valueDate", "createdById")
      VALUES (${w.grant.id}::uuid, ${w.tranche.id}::uuid, 'DISBURSEMENT', ${w.tranche.plannedAmount}::numeric, 'EUR', ${w.tranche.plannedAmount}::numeric, 1, '2027-01-10', ${w.finance.userId}::uuid)`;
  });
}

/** The same, through the tranche: its trigger refuses marking it paid. */
async function forgedTranchePaid(w: Awaited<ReturnType<typeof world>>) {
  return ownerDb().$executeRaw`UPDATE "Tranche" SET status = 'PAID', "paidById" = ${w.finance.userId}::uuid, "paidAt" = now() WHERE id = ${w.tranche.id}::uuid`;
}

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));

const notices = async (userId: string, kind: string) => db.notification.findMany({ where: { userId, kind: kind as never } });

describe("payee accounts", () => {
  it("are sealed, masked for members, and every member is told content-free when one is added or retired", async () => {
    const w = await world();
    const { id, masked } = await addPayeeAccount(w.member2, { organisationId: w.org.id, account: account() });
    expect(masked).toBe("DE •••• 3000");
    const row = await db.payeeAccount.findUniqueOrThrow({ where: { id } });
    expect(Buffer.from(row.details).toString("latin1")).not.toContain("3704004405");
    expect(row.kind).toBe("SEPA");
    for (const userId of [w.member.id, w.member2.userId]) {
      const [n] = await notices(userId, "PAYEE_ACCOUNT_ADDED");
      expect(n?.params).toEqual({});
      expect(n?.link).toBe(`/my/organisations/${w.org.id}`);
    }
    const listed = await listOrganisationAccounts(w.memberActor, w.org.id);
    expect(JSON.stringify(listed)).not.toContain("370400");
    expect(listed[0]).toMatchObject({ id, masked: "DE •••• 3000", retiredAt: null });
    // The same account twice is refused; a stranger gets not-found.
    await expect(addPayeeAccount(w.memberActor, { organisationId: w.org.id, account: account() })).rejects.toMatchObject({ code: "duplicate" });
    const stranger = await actorFor((await makeUser()).id);
    await expect(addPayeeAccount(stranger, { organisationId: w.org.id, account: account(SAMPLE_IBANS[1]) })).rejects.toMatchObject({ code: "notFound" });
    await expect(retirePayeeAccount(stranger, id)).rejects.toMatchObject({ code: "notFound" });
    await expect(listOrganisationAccounts(stranger, w.org.id)).rejects.toMatchObject({ code: "notFound" });
    // The audit trail names the account masked only.
    const events = await db.auditEvent.findMany({ where: { entityId: id } });
    expect(json(events)).not.toContain("370400");
    await retirePayeeAccount(w.memberActor, id);
    await expect(retirePayeeAccount(w.memberActor, id)).rejects.toMatchObject({ code: "alreadyDone" });
    for (const userId of [w.member.id, w.member2.userId]) expect(await notices(userId, "PAYEE_ACCOUNT_RETIRED")).toHaveLength(1);
  });

  it("are added, retired and named for a grant only by the organisation's admins; a plain member sees them masked", async () => {
    const w = await world();
    const plainUser = await makeUser();
    await db.membership.create({ data: { userId: plainUser.id, organisationId: w.org.id } });
    const plain = await actorFor(plainUser.id);
    await expect(addPayeeAccount(plain, { organisationId: w.org.id, account: account() })).rejects.toMatchObject({ code: "forbidden" });
    const { id } = await addPayeeAccount(w.memberActor, { organisationId: w.org.id, account: account() });
    await expect(retirePayeeAccount(plain, id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(requestGrantPayee(plain, { grantId: w.grant.id, accountId: id })).rejects.toMatchObject({ code: "forbidden" });
    expect(await findGrantPayee(plain, w.grant.id)).toMatchObject({ canRequest: false });
    expect((await listOrganisationAccounts(plain, w.org.id)).map((a) => a.id)).toEqual([id]);
    // The database too: a plain member's request is refused past lib/.
    await expect(db.grantPayeeChange.create({ data: { grantId: w.grant.id, accountId: id, requestedById: plain.userId } })).rejects.toThrow(/only an admin of the organisation/);
    expect(await db.payeeAccount.count({ where: { organisationId: w.org.id } })).toBe(1);
    expect(await db.grantPayeeChange.count({ where: { grantId: w.grant.id } })).toBe(0);
  });

  it("are never edited, deleted or backdated by the portal's login", async () => {
    const w = await world();
    const { id, vid } = await verified(w, SAMPLE_IBANS[0]);
    await expect(db.payeeAccount.update({ where: { id }, data: { masked: "DE •••• 0000" } })).rejects.toThrow(/never edited/);
    await expect(db.payeeAccount.update({ where: { id }, data: { details: new Uint8Array(64) } })).rejects.toThrow(/re-sealed only by a renewal/);
    await expect(db.payeeAccount.delete({ where: { id } })).rejects.toThrow(/permission denied/);
    await expect(db.payeeVerification.update({ where: { id: vid }, data: { decidedAt: new Date("2020-01-01") } })).rejects.toThrow(/stays decided/);
    await expect(db.payeeVerification.delete({ where: { id: vid } })).rejects.toThrow(/permission denied/);
    // A new verification cannot be written already confirmed or stamped in the past.
    const { id: other } = await addPayeeAccount(w.memberActor, { organisationId: w.org.id, account: account(SAMPLE_IBANS[1]) });
    await expect(db.payeeVerification.create({ data: { accountId: other, funderId: w.funder.id, method: "OTHER", note: new Uint8Array(64), recordedById: w.finance.userId, status: "CONFIRMED", decidedById: w.approver.userId, decidedAt: new Date("2020-01-01") } })).rejects.toThrow(/starts recorded/);
    const v = await db.payeeVerification.create({ data: { accountId: other, funderId: w.funder.id, method: "OTHER", note: new Uint8Array(64), recordedById: w.finance.userId, recordedAt: new Date("2020-01-01") } });
    expect(v.recordedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const confirmed = await db.payeeVerification.update({ where: { id: v.id }, data: { status: "CONFIRMED", decidedById: w.approver.userId, decidedAt: new Date("2020-01-01") } });
    expect(confirmed.decidedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // The grant's account is set only by a confirmed change.
    await expect(db.grant.update({ where: { id: w.grant.id }, data: { payeeAccountId: id } })).rejects.toThrow(/only by a confirmed request/);
  });

  it("are verified with four eyes, in lib/ and in the database", async () => {
    const w = await world();
    const both = await makeStaff(w.funder.id, "FINANCE", "APPROVER");
    const { id } = await addPayeeAccount(w.memberActor, { organisationId: w.org.id, account: account() });
    const vid = await recordPayeeVerification(both, { accountId: id, funderId: w.funder.id, method: "BANK_LETTER", note: "Letter of 3 November from the bank" });
    await expect(recordPayeeVerification(w.finance, { accountId: id, funderId: w.funder.id, method: "CALL_BACK", note: "again" })).rejects.toMatchObject({ code: "alreadyDone" });
    await expect(confirmPayeeVerification(both, vid)).rejects.toMatchObject({ code: "fourEyes" });
    await expect(confirmPayeeVerification(w.finance, vid)).rejects.toMatchObject({ code: "notFound" });
    await expect(confirmPayeeVerification(w.memberActor, vid)).rejects.toMatchObject({ code: "notFound" });
    await expect(db.payeeVerification.update({ where: { id: vid }, data: { status: "CONFIRMED", decidedById: both.userId, decidedAt: new Date() } })).rejects.toThrow(/PayeeVerification_four_eyes/);
    await expect(db.payeeVerification.update({ where: { id: vid }, data: { status: "CONFIRMED", decidedById: w.finance.userId, decidedAt: new Date() } })).rejects.toThrow(/only the funder's approver/);
    await expect(db.payeeVerification.create({ data: { accountId: id, funderId: w.funder.id, method: "OTHER", note: new Uint8Array(64), recordedById: w.officer.userId } })).rejects.toThrow(/only the funder's finance/);
    // Rejected: another verification may follow, and that one is confirmed.
    await rejectPayeeVerification(w.approver, vid);
    await expect(confirmPayeeVerification(w.approver, vid)).rejects.toMatchObject({ code: "invalidTransition" });
    const again = await recordPayeeVerification(w.finance, { accountId: id, funderId: w.funder.id, method: "CALL_BACK", note: "Called back" });
    await confirmPayeeVerification(w.approver, again);
    expect(await db.auditEvent.count({ where: { action: "payeeAccount.verificationConfirmed", entityId: again } })).toBe(1);
  });

  it("are never decided by whoever added the account or a member of its organisation, in lib/ and in the database", async () => {
    const w = await world();
    // An approver of the funder who is also a member of the organisation.
    const insider = await makeStaff(w.funder.id, "APPROVER");
    await db.membership.create({ data: { userId: insider.userId, organisationId: w.org.id } });
    // An approver who added the account as the organisation's admin, then left it.
    const adderUser = await makeUser({ roles: [{ funderId: w.funder.id, role: "APPROVER" }] });
    await db.membership.create({ data: { userId: adderUser.id, organisationId: w.org.id, role: "ADMIN" } });
    const adder = await actorFor(adderUser.id);
    const { id } = await addPayeeAccount(adder, { organisationId: w.org.id, account: account() });
    await db.membership.deleteMany({ where: { userId: adderUser.id, organisationId: w.org.id } });
    const vid = await recordPayeeVerification(w.finance, { accountId: id, funderId: w.funder.id, method: "CALL_BACK", note: "Called back" });
    for (const who of [insider, adder]) {
      await expect(confirmPayeeVerification(who, vid)).rejects.toMatchObject({ code: "fourEyes" });
      await expect(db.payeeVerification.update({ where: { id: vid }, data: { status: "CONFIRMED", decidedById: who.userId, decidedAt: new Date() } })).rejects.toThrow(/does not decide its verification/);
    }
    expect((await viewPayeeAccount(insider, id)).canDecide).toBe(false);
    await confirmPayeeVerification(w.approver, vid);
    const change = await requestGrantPayee(w.finance, { grantId: w.grant.id, accountId: id });
    expect(await findGrantPayee(insider, w.grant.id)).toMatchObject({ canDecide: false });
    for (const who of [insider, adder]) {
      await expect(confirmGrantPayee(who, change)).rejects.toMatchObject({ code: "fourEyes" });
      await expect(db.grantPayeeChange.update({ where: { id: change }, data: { status: "CONFIRMED", decidedById: who.userId, decidedAt: new Date() } })).rejects.toThrow(/does not decide a change to it/);
    }
    await confirmGrantPayee(w.approver, change);
    expect((await db.grant.findUniqueOrThrow({ where: { id: w.grant.id } })).payeeAccountId).toBe(id);
  });

  it("stop receiving money the moment a verification is withdrawn, until verified again", async () => {
    const w = await world();
    const { id, vid } = await verified(w, SAMPLE_IBANS[0], { cooled: true });
    await chooseGrantPayee(w.grant.id, id, w.memberActor, w.approver);
    expect((await payableTranches(w.finance, w.funder.id)).find((p) => p.trancheId === w.tranche.id)?.blocked).toBeNull();
    // Neither a stranger to the funder nor its officer withdraws it; a recorded one cannot be.
    await expect(revokePayeeVerification(w.officer, { verificationId: vid, reason: "SUSPECTED_FRAUD" })).rejects.toMatchObject({ code: "notFound" });
    await revokePayeeVerification(w.approver, { verificationId: vid, reason: "SUSPECTED_FRAUD" });
    await expect(revokePayeeVerification(w.finance, { verificationId: vid, reason: "OTHER" })).rejects.toMatchObject({ code: "invalidTransition" });
    expect((await payableTranches(w.finance, w.funder.id)).find((p) => p.trancheId === w.tranche.id)?.blocked).toBe("unverified");
    await expect(recordPayment(w.finance, { trancheId: w.tranche.id, idempotencyKey: `k-${uid()}`, valueDate: new Date().toISOString().slice(0, 10), bankReference: "X", beforeStart: true }))
      .rejects.toMatchObject({ code: "payeeUnverified" });
    for (const userId of [w.member.id, w.member2.userId]) expect(await notices(userId, "PAYEE_VERIFICATION_REVOKED")).toHaveLength(1);
    const listed = (await listOrganisationAccounts(w.memberActor, w.org.id)).find((a) => a.id === id)!;
    expect(listed.verifications).toEqual([{ funderName: expect.any(String), status: "REVOKED", usableFrom: null }]);
    const seen = await viewPayeeAccount(w.finance, id);
    expect(seen).toMatchObject({ verification: null, revoked: { reason: "SUSPECTED_FRAUD" }, canRecord: true, canRevoke: false });
    // What was withdrawn stays withdrawn, in the database too.
    await expect(db.payeeVerification.update({ where: { id: vid }, data: { status: "CONFIRMED" } })).rejects.toThrow(/stays decided/);
    await expect(db.payeeVerification.update({ where: { id: vid }, data: { revokedReason: "OTHER" } })).rejects.toThrow(/stays decided/);
    // Verified afresh: a new cooling-off period runs before the next payment.
    const again = await recordPayeeVerification(w.finance, { accountId: id, funderId: w.funder.id, method: "BANK_LETTER", note: "Bank letter of 2 December, signed by the branch" });
    await confirmPayeeVerification(w.approver, again);
    expect((await payableTranches(w.finance, w.funder.id)).find((p) => p.trancheId === w.tranche.id)?.blocked).toBe("coolingOff");
    expect((await listOrganisationAccounts(w.memberActor, w.org.id)).find((a) => a.id === id)!.verifications[0]!.status).toBe("CONFIRMED");
  });

  it("are withdrawn in the database only by the funder's finance or approver", async () => {
    const w = await world();
    const { vid } = await verified(w, SAMPLE_IBANS[0]);
    const stranger = await makeStaff((await makeFunder()).id, "FINANCE");
    await expect(db.payeeVerification.update({ where: { id: vid }, data: { status: "REVOKED", revokedById: w.officer.userId, revokedAt: new Date(), revokedReason: "OTHER" } })).rejects.toThrow(/only the funder's finance or approver/);
    await expect(db.payeeVerification.update({ where: { id: vid }, data: { status: "REVOKED", revokedById: stranger.userId, revokedAt: new Date(), revokedReason: "OTHER" } })).rejects.toThrow(/only the funder's finance or approver/);
    await expect(db.payeeVerification.update({ where: { id: vid }, data: { status: "REVOKED", revokedById: w.finance.userId, revokedAt: new Date() } })).rejects.toThrow(/PayeeVerification_revocation/);
    const done = await db.payeeVerification.update({ where: { id: vid }, data: { status: "REVOKED", revokedById: w.finance.userId, revokedAt: new Date("2020-01-01T00:00:00Z"), revokedReason: "ACCOUNT_CLOSED" } });
    // The database's own clock, whatever the caller said.
    expect(Math.abs(done.revokedAt!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("tell finance when the holder is neither the organisation nor one of its key people", async () => {
    const w = await world();
    const known = await addPayeeAccount(w.memberActor, { organisationId: w.org.id, account: account(SAMPLE_IBANS[1]) });
    const stranger = await addPayeeAccount(w.memberActor, { organisationId: w.org.id, account: ZPayeeAccount.parse(sepaAccount(SAMPLE_IBANS[2], "Northern Trading LLC")) });
    expect((await viewPayeeAccount(w.finance, known.id)).holderKnown).toBe(true);
    expect((await viewPayeeAccount(w.finance, stranger.id)).holderKnown).toBe(false);
    // Order, case, punctuation and the legal form do not matter; a different word does.
    const identity = { displayName: "Free Word Media Collective", legalName: "SIA Free Word Media", keyPeople: [{ name: "Иван Петров", latinName: "Ivan Petrov" }] } as unknown as Parameters<typeof holderIsKnown>[2];
    expect(holderIsKnown("free word media, sia", null, identity)).toBe(true);
    expect(holderIsKnown("PETROV IVAN", null, identity)).toBe(true);
    expect(holderIsKnown("Free Word Media Foundation Ltd", null, identity)).toBe(false);
    // The forms exiled groups register under in the Baltics, Poland and Georgia.
    for (const [holder, legalName] of [["MTÜ Vaba Sõna", "Vaba Sõna"], ["fundacja wolne słowo", "Wolne Słowo, Fundacja"], ["UAB Laisvas žodis", "Laisvas žodis UAB"], ["Free Word NNLE", "Free Word"]] as const) {
      expect(holderIsKnown(holder, null, { ...identity, legalName } as typeof identity), holder).toBe(true);
    }
    // Another legal form may be another entity (the foundation's company): finance asks.
    expect(holderIsKnown("Wolne Słowo Sp. z o.o.", null, { ...identity, legalName: "Fundacja Wolne Słowo" } as typeof identity)).toBe(false);
    expect(holderIsKnown("UAB Laisvas žodis", null, { ...identity, legalName: "VšĮ Laisvas žodis" } as typeof identity)).toBe(false);
    // A Cyrillic "а" inside a Latin name is not the organisation's name: finance asks.
    expect(holderIsKnown("Free Word Mediа", null, identity)).toBe(false);
    expect(holderIsKnown("", "Free Word", identity)).toBe(false);
  });

  it("are listed for verification while the organisation holds a grant or a live application of the funder, not after a refusal", async () => {
    const w = await world();
    const listedIds = async () => (await findAccountsToVerify(w.finance, w.funder.id)).map((a) => a.id);
    const applicant = await makeUser();
    const org = await makeOrganisation({ members: [{ userId: applicant.id }] });
    const app = await makeApplication(w.call.id, org.id, applicant.id, { status: "SUBMITTED" });
    const { id } = await addPayeeAccount(await actorFor(applicant.id), { organisationId: org.id, account: account(SAMPLE_IBANS[1]) });
    expect(await listedIds()).toContain(id);
    await db.application.update({ where: { id: app.id }, data: { status: "REJECTED" } });
    expect(await listedIds()).not.toContain(id);
    // The grantee's accounts stay listed whatever became of its application.
    const { id: grantee } = await addPayeeAccount(w.memberActor, { organisationId: w.org.id, account: account(SAMPLE_IBANS[2]) });
    expect(await listedIds()).toContain(grantee);
  });

  it("show details to the funder's finance and approvers only (audited); other funders' staff neither see nor verify", async () => {
    const w = await world();
    const { id } = await addPayeeAccount(w.memberActor, { organisationId: w.org.id, account: account() });
    const other = await makeFunder();
    const otherFinance = await makeStaff(other.id, "FINANCE", "APPROVER");
    await expect(findAccountsToVerify(otherFinance, w.funder.id)).rejects.toMatchObject({ code: "notFound" });
    expect((await findAccountsToVerify(otherFinance, other.id)).map((a) => a.id)).not.toContain(id);
    await expect(recordPayeeVerification(otherFinance, { accountId: id, funderId: other.id, method: "CALL_BACK", note: "x" })).rejects.toMatchObject({ code: "notFound" });
    await expect(recordPayeeVerification(otherFinance, { accountId: id, funderId: w.funder.id, method: "CALL_BACK", note: "forged funder" })).rejects.toMatchObject({ code: "notFound" });
    await expect(viewPayeeAccount(otherFinance, id)).rejects.toMatchObject({ code: "notFound" });
    await expect(viewPayeeAccount(w.officer, id)).rejects.toMatchObject({ code: "notFound" });
    await expect(viewPayeeAccount(w.memberActor, id)).rejects.toMatchObject({ code: "notFound" });
    const listed = await findAccountsToVerify(w.finance, w.funder.id);
    expect(listed.find((a) => a.id === id)).toMatchObject({ masked: "DE •••• 3000", verification: null });
    expect(JSON.stringify(listed)).not.toContain("370400");
    const seen = await viewPayeeAccount(w.finance, id);
    expect(seen.details).toMatchObject({ kind: "sepa", iban: SAMPLE_IBANS[0], holderName: "Hidden Lawyers Collective" });
    expect(await db.auditEvent.count({ where: { action: "payeeAccount.viewed", entityId: id, actorId: w.finance.userId } })).toBe(1);
    expect((await viewPayeeAccount(w.approver, id)).details).toMatchObject({ iban: SAMPLE_IBANS[0] });
    // A renewal of the organisation's key re-seals the account: it still opens, and only under the new key.
    const before = (await db.payeeAccount.findUniqueOrThrow({ where: { id } })).details;
    expect(await renewOrganisationKey(w.org.id)).toBe(true);
    const after = await db.payeeAccount.findUniqueOrThrow({ where: { id } });
    expect(Buffer.from(after.details).equals(Buffer.from(before))).toBe(false);
    expect(after.keyGeneration).toBe(2);
    expect((await viewPayeeAccount(w.finance, id)).details).toMatchObject({ iban: SAMPLE_IBANS[0] });
    // The grant page shows the masked form to anyone who sees the grant.
    expect(await findGrantPayee(w.officer, w.grant.id)).toMatchObject({ account: null, blocked: "payeeMissing" });
    await expect(findGrantPayee(otherFinance, w.grant.id)).rejects.toMatchObject({ code: "notFound" });
  });

  it("open details only with a recent second factor, to a funder the organisation holds a grant or a live application with", async () => {
    const w = await world();
    const { id } = await addPayeeAccount(w.memberActor, { organisationId: w.org.id, account: account() });
    const stale = { ...w.finance, mfaVerifiedAt: new Date(Date.now() - 3_600_000) };
    await expect(viewPayeeAccount(stale, id)).rejects.toMatchObject({ code: "stepUpRequired" });
    await expect(viewPayeeAccount({ ...w.approver, mfaVerifiedAt: null }, id)).rejects.toMatchObject({ code: "stepUpRequired" });
    expect(await db.auditEvent.count({ where: { action: "payeeAccount.viewed", entityId: id } })).toBe(0);
    // Another funder the organisation applied to and was refused by, or withdrew from: not entitled.
    for (const status of ["REJECTED", "WITHDRAWN", "DRAFT"] as const) {
      const f = await makeFunder();
      const staff = await makeStaff(f.id, "FINANCE", "APPROVER");
      const call = await makeCall((await makeProgramme(f.id)).id);
      await makeApplication(call.id, w.org.id, w.member.id, { status });
      await expect(viewPayeeAccount(staff, id)).rejects.toMatchObject({ code: "notFound" });
    }
    // Staff of two entitled funders: always the same one (the smaller id), whatever the order of roles.
    const f2 = await makeFunder();
    await makeApplication((await makeCall((await makeProgramme(f2.id)).id)).id, w.org.id, w.member.id, { status: "SUBMITTED" });
    const both = await actorFor((await makeUser({ roles: [{ funderId: f2.id, role: "FINANCE" }, { funderId: w.funder.id, role: "FINANCE" }] })).id);
    const expected = [w.funder.id, f2.id].sort()[0];
    for (let i = 0; i < 3; i++) expect((await viewPayeeAccount(both, id)).funderId).toBe(expected);
  });

  it("seal the verification's note with the organisation's key: out of the audit trail, re-sealed on renewal, gone with an erase", async () => {
    const w = await world();
    const note = "Called Ms Petrova, the signatory, on +7 495 123-45-67";
    const { id } = await addPayeeAccount(w.memberActor, { organisationId: w.org.id, account: account() });
    const vid = await recordPayeeVerification(w.finance, { accountId: id, funderId: w.funder.id, method: "CALL_BACK", note });
    const row = await db.payeeVerification.findUniqueOrThrow({ where: { id: vid } });
    expect(Buffer.from(row.note).toString("latin1")).not.toContain("Petrova");
    expect(row.keyGeneration).toBe(1);
    const [recorded] = await db.auditEvent.findMany({ where: { action: "payeeAccount.verificationRecorded", entityId: vid } });
    expect(recorded?.after).toMatchObject({ method: "CALL_BACK" });
    expect(json(recorded)).not.toContain("Petrova");
    expect((await viewPayeeAccount(w.finance, id)).verification?.note).toBe(note);
    // Not re-sealed by hand; a renewal re-seals it under the new generation.
    await expect(db.payeeVerification.update({ where: { id: vid }, data: { note: new Uint8Array(64) } })).rejects.toThrow(/re-sealed only by a renewal/);
    expect(await renewOrganisationKey(w.org.id)).toBe(true);
    const renewed = await db.payeeVerification.findUniqueOrThrow({ where: { id: vid } });
    expect(renewed.keyGeneration).toBe(2);
    expect(Buffer.from(renewed.note).equals(Buffer.from(row.note))).toBe(false);
    expect((await viewPayeeAccount(w.approver, id)).verification?.note).toBe(note);
    // After an erase the key is gone: the note cannot be opened by anyone.
    await emergencyErase(await actorFor((await makeUser({ admin: true })).id), w.org.id, "danger");
    await expect(viewPayeeAccount(w.finance, id)).rejects.toMatchObject({ code: "notFound" });
    const dump = await db.payeeVerification.findUniqueOrThrow({ where: { id: vid } });
    expect(Buffer.from(dump.note).toString("latin1")).not.toContain("Petrova");
    expect(await db.organisationKey.findUniqueOrThrow({ where: { organisationId: w.org.id } })).toMatchObject({ wrappedKey: null });
  });
});

describe("a payment", () => {
  it("is refused without an account, to an unverified, cooling-off or retired one, by lib/ and by the database", async () => {
    const w = await world();
    await expect(pay(w.finance, w.tranche.id)).rejects.toMatchObject({ code: "payeeMissing" });
    await expect(forgedPayment(w)).rejects.toThrow(/most_payee_missing/);
    await expect(forgedTranchePaid(w)).rejects.toThrow(/most_payee_missing/);

    // Chosen but not verified.
    const { id: a } = await addPayeeAccount(w.memberActor, { organisationId: w.org.id, account: account() });
    await chooseGrantPayee(w.grant.id, a, w.memberActor, w.approver);
    await expect(pay(w.finance, w.tranche.id)).rejects.toMatchObject({ code: "payeeUnverified" });
    await expect(forgedPayment(w)).rejects.toThrow(/most_payee_unverified/);

    // Recorded but not yet confirmed: still unverified. Confirmed: cooling off.
    const vid = await recordPayeeVerification(w.finance, { accountId: a, funderId: w.funder.id, method: "CALL_BACK", note: "Called back" });
    await expect(pay(w.finance, w.tranche.id)).rejects.toMatchObject({ code: "payeeUnverified" });
    await confirmPayeeVerification(w.approver, vid);
    await expect(pay(w.finance, w.tranche.id)).rejects.toMatchObject({ code: "payeeCoolingOff" });
    await expect(forgedPayment(w)).rejects.toThrow(/most_payee_cooling_off/);
    await expect(forgedTranchePaid(w)).rejects.toThrow(/most_payee_cooling_off/);
    expect(await findGrantPayee(w.memberActor, w.grant.id)).toMatchObject({ account: { id: a, masked: "DE •••• 3000" }, blocked: "payeeCoolingOff" });

    // Two days of three: still cooling off; past three: paid.
    await backdateVerification(vid, 2);
    await expect(pay(w.finance, w.tranche.id)).rejects.toMatchObject({ code: "payeeCoolingOff" });
    await backdateVerification(vid, 2);
    // Retired: refused again, though verified and cooled.
    await retirePayeeAccount(w.member2, a);
    await expect(pay(w.finance, w.tranche.id)).rejects.toMatchObject({ code: "payeeRetired" });
    await expect(forgedPayment(w)).rejects.toThrow(/most_payee_retired/);
    expect(await db.ledgerEntry.count({ where: { grantId: w.grant.id, kind: "DISBURSEMENT" } })).toBe(0);
  });

  it("is refused to an account verified and cooled for another funder only", async () => {
    const w = await world();
    // The organisation also applied to funder A, whose finance and approver verify the account.
    const a = await makeFunder();
    const [aFinance, aApprover] = [await makeStaff(a.id, "FINANCE"), await makeStaff(a.id, "APPROVER")];
    await makeApplication((await makeCall((await makeProgramme(a.id)).id)).id, w.org.id, w.member.id, { status: "SUBMITTED" });
    const { id } = await addPayeeAccount(w.memberActor, { organisationId: w.org.id, account: account() });
    const vid = await recordPayeeVerification(aFinance, { accountId: id, funderId: a.id, method: "CALL_BACK", note: "Called back for funder A" });
    await confirmPayeeVerification(aApprover, vid);
    await backdateVerification(vid, 30);
    // Funder B's grant to the same organisation names it: B never verified it.
    await chooseGrantPayee(w.grant.id, id, w.memberActor, w.approver);
    await expect(pay(w.finance, w.tranche.id)).rejects.toMatchObject({ code: "payeeUnverified" });
    await expect(forgedPayment(w)).rejects.toThrow(/most_payee_unverified/);
    await expect(forgedTranchePaid(w)).rejects.toThrow(/most_payee_unverified/);
    expect(await db.ledgerEntry.count({ where: { grantId: w.grant.id, kind: "DISBURSEMENT" } })).toBe(0);
    expect((await db.tranche.findUniqueOrThrow({ where: { id: w.tranche.id } })).status).toBe("APPROVED");
  });

  it("follows the funder's cooling-off period, which stays within 1 to 60 days", async () => {
    const w = await world();
    await db.funder.update({ where: { id: w.funder.id }, data: { payeeCoolingOffDays: 10 } });
    await expect(db.funder.update({ where: { id: w.funder.id }, data: { payeeCoolingOffDays: 0 } })).rejects.toThrow(/payeeCoolingOffDays_range/);
    await expect(db.funder.update({ where: { id: w.funder.id }, data: { payeeCoolingOffDays: 61 } })).rejects.toThrow(/payeeCoolingOffDays_range/);
    const { id, vid } = await verified(w, SAMPLE_IBANS[0], { cooled: true }); // 4 days back
    await chooseGrantPayee(w.grant.id, id, w.memberActor, w.approver);
    await expect(pay(w.finance, w.tranche.id)).rejects.toMatchObject({ code: "payeeCoolingOff" });
    await backdateVerification(vid, 7);
    expect((await pay(w.finance, w.tranche.id)).amount).toBe("30000.00");
  });

  it("keeps the cooling-off period stamped at the confirmation: shortening it later releases no account already cooling off", async () => {
    const w = await world();
    const { id, vid } = await verified(w, SAMPLE_IBANS[0]); // confirmed now, 3 days
    const v = await db.payeeVerification.findUniqueOrThrow({ where: { id: vid } });
    expect(v.usableFrom!.getTime() - v.decidedAt!.getTime()).toBe(3 * 86_400_000);
    const [listed] = await listOrganisationAccounts(w.memberActor, w.org.id);
    expect(listed?.verifications[0]?.usableFrom).toEqual(v.usableFrom);
    await chooseGrantPayee(w.grant.id, id, w.memberActor, w.approver);
    await backdateVerification(vid, 2); // 2 of 3 days waited
    await db.funder.update({ where: { id: w.funder.id }, data: { payeeCoolingOffDays: 1 } });
    await expect(pay(w.finance, w.tranche.id)).rejects.toMatchObject({ code: "payeeCoolingOff" });
    await expect(forgedPayment(w)).rejects.toThrow(/most_payee_cooling_off/);
    expect((await payableTranches(w.finance, w.funder.id)).find((t) => t.trancheId === w.tranche.id)?.blocked).toBe("coolingOff");
    // Not settable by the portal's login.
    await expect(db.payeeVerification.update({ where: { id: vid }, data: { usableFrom: new Date("2020-01-01") } })).rejects.toThrow(/stays decided/);
    await backdateVerification(vid, 1);
    expect((await pay(w.finance, w.tranche.id)).amount).toBe("30000.00");
  });

  it("waits while a change of the grant's account awaits an approver, then until the new account is verified and cooled", async () => {
    const w = await world();
    const { id: a } = await verified(w, SAMPLE_IBANS[0], { cooled: true });
    await chooseGrantPayee(w.grant.id, a, w.memberActor, w.approver);
    // A stolen login of the second member asks to pay the grant to an account of its own.
    const { id: b } = await addPayeeAccount(w.member2, { organisationId: w.org.id, account: account(SAMPLE_IBANS[1]) });
    const change = await requestGrantPayee(w.member2, { grantId: w.grant.id, accountId: b });
    for (const userId of [w.member.id, w.member2.userId]) {
      const [n] = await notices(userId, "GRANT_PAYEE_REQUESTED");
      expect(n).toMatchObject({ link: `/my/grants/${w.grant.id}`, params: { grant: w.grant.number } });
    }
    expect(await notices(w.approver.userId, "PAYEE_AWAITING_CONFIRMATION")).not.toHaveLength(0);
    await expect(requestGrantPayee(w.memberActor, { grantId: w.grant.id, accountId: a })).rejects.toMatchObject({ code: "alreadyDone" });
    await expect(pay(w.finance, w.tranche.id)).rejects.toMatchObject({ code: "payeeChangePending" });
    await expect(forgedPayment(w)).rejects.toThrow(/most_payee_change_pending/);
    // Nobody but the funder's approver decides it: not the member, not finance, not another funder.
    await expect(confirmGrantPayee(w.member2, change)).rejects.toMatchObject({ code: "notFound" });
    await expect(confirmGrantPayee(w.finance, change)).rejects.toMatchObject({ code: "notFound" });
    await expect(confirmGrantPayee(await makeStaff((await makeFunder()).id, "APPROVER"), change)).rejects.toMatchObject({ code: "notFound" });
    await expect(db.grantPayeeChange.update({ where: { id: change }, data: { status: "CONFIRMED", decidedById: w.member2.userId, decidedAt: new Date() } })).rejects.toThrow(/GrantPayeeChange_four_eyes|only the funder's approver/);
    expect((await db.grant.findUniqueOrThrow({ where: { id: w.grant.id } })).payeeAccountId).toBe(a);

    await confirmGrantPayee(w.approver, change);
    expect((await db.grant.findUniqueOrThrow({ where: { id: w.grant.id } })).payeeAccountId).toBe(b);
    // The first choice and this change.
    for (const userId of [w.member.id, w.member2.userId]) expect(await notices(userId, "GRANT_PAYEE_CHANGED")).toHaveLength(2);
    await expect(pay(w.finance, w.tranche.id)).rejects.toMatchObject({ code: "payeeUnverified" });
    const vid = await recordPayeeVerification(w.finance, { accountId: b, funderId: w.funder.id, method: "CALL_BACK", note: "Called the director back" });
    await confirmPayeeVerification(w.approver, vid);
    await expect(pay(w.finance, w.tranche.id)).rejects.toMatchObject({ code: "payeeCoolingOff" });
    await backdateVerification(vid, 3);
    expect((await pay(w.finance, w.tranche.id)).amount).toBe("30000.00");
  });

  it("is not redirected by a requester confirming their own change, nor by a change to another organisation's account", async () => {
    const w = await world();
    const both = await makeStaff(w.funder.id, "FINANCE", "APPROVER");
    const { id: a } = await verified(w, SAMPLE_IBANS[0], { cooled: true });
    const change = await requestGrantPayee(both, { grantId: w.grant.id, accountId: a });
    await expect(confirmGrantPayee(both, change)).rejects.toMatchObject({ code: "fourEyes" });
    await rejectGrantPayee(w.approver, change);
    expect((await db.grant.findUniqueOrThrow({ where: { id: w.grant.id } })).payeeAccountId).toBeNull();
    // Another organisation's account (a forged id): not-found in lib/, refused by the database.
    const other = await grantWorld({ payee: false });
    const { id: foreign } = await addPayeeAccount(await actorFor(other.member.id), { organisationId: other.org.id, account: account(SAMPLE_IBANS[2]) });
    await expect(requestGrantPayee(w.memberActor, { grantId: w.grant.id, accountId: foreign })).rejects.toMatchObject({ code: "notFound" });
    await expect(db.grantPayeeChange.create({ data: { grantId: w.grant.id, accountId: foreign, requestedById: w.member.id } })).rejects.toThrow(/account of its organisation/);
    // A member of another organisation cannot even ask about this grant.
    await expect(requestGrantPayee(await actorFor(other.member.id), { grantId: w.grant.id, accountId: a })).rejects.toMatchObject({ code: "notFound" });
  });
});
