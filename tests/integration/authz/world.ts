// The world the matrix and the fuzzing run in: one funder with a person in each staff
// role, an applicant organisation (an admin and a plain member), a second organisation
// (the IDOR actor), a second funder (cross-tenant staff) and a platform admin. Helper
// staff (not matrix actors) build the objects each scenario needs through the real lib/
// code, so four-eyes rules never involve the actor under test.
import { randomBytes, randomUUID } from "node:crypto";
import type { StaffRoleKind } from "@prisma/client";
import { db } from "@/lib/db";
import { actorForUser, type Actor } from "@/lib/auth/actor";
import { createSession } from "@/lib/auth/sessions";
import { STAFF_ROLES } from "@/lib/auth/permissions";
import { addApplicationAttachment } from "@/lib/applications/attachments";
import { askClarification } from "@/lib/applications/clarifications";
import { saveDraft } from "@/lib/applications/commands";
import { confirmDecision, recommendDecision } from "@/lib/decisions/commands";
import { proposeBudgetAmendment } from "@/lib/grants/budget";
import { saveSchedule } from "@/lib/grants/schedule";
import { approvePayment, recordPayment, requestPayment } from "@/lib/ledger/payments";
import { submitReport } from "@/lib/reports/commands";
import { assignReviewer, declareInterest } from "@/lib/reviews/commands";
import { makeApplication, makeCall, makeFunder, makeOrganisation, makeProgramme, makeUser, uid } from "../../factories";
import { completeDraft } from "../../factories/applicant-world";
import { addKeyPerson } from "@/lib/organisations/key-people";
import { importListVersion } from "@/lib/sanctions/import";
import { proposeSanctionsOutcome } from "@/lib/sanctions/review";
import { fsfXml, LISTED, memoryFile } from "../../support/sanctions-files";
import { randomIban, readyPayee, sepaAccount } from "../../factories/payee";
import { ZPayeeAccount } from "@/lib/bank/account";
import { addPayeeAccount } from "@/lib/bank/accounts";
import { requestGrantPayee } from "@/lib/bank/accounts-grant";
import { confirmPayeeVerification, recordPayeeVerification } from "@/lib/bank/accounts-verification";

export const ACTORS = [
  "ANONYMOUS",
  "APPLICANT", // ADMIN member of the world's organisation
  "APPLICANT_MEMBER", // plain MEMBER of the same organisation
  "OTHER_APPLICANT", // ADMIN of another organisation: sends the world's ids (IDOR)
  "OFFICER",
  "REVIEWER",
  "APPROVER",
  "FINANCE",
  "AUDITOR",
  "FUNDER_ADMIN",
  "OFFICER_OF_OTHER_FUNDER",
  "ALL_ROLES_OF_OTHER_FUNDER", // every staff role, but at the other funder
  "PLATFORM_ADMIN",
] as const;
export type ActorKey = (typeof ACTORS)[number];
export type SignedInKey = Exclude<ActorKey, "ANONYMOUS">;

export const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
export const pdfFile = (name = "evidence.pdf") => new File([PDF], name, { type: "application/pdf" });
export const today = () => new Date().toISOString().slice(0, 10);
export const idempotencyKey = () => randomBytes(16).toString("hex");

export type User = { id: string; email: string; sessionId: string };
export type Side = "world" | "other";

export type World = Awaited<ReturnType<typeof buildWorld>>;

async function userWithSession(opts: Parameters<typeof makeUser>[0] = {}): Promise<User> {
  const u = await makeUser(opts);
  const s = await createSession(u.id, opts.roles?.length || opts.admin ? "staff" : "applicant", { mfaVerified: true });
  return { id: u.id, email: u.email, sessionId: s.id };
}

export async function buildWorld() {
  const funder = await makeFunder();
  const programme = await makeProgramme(funder.id, "EUR", "900000000.00");
  const regularCall = await makeCall(programme.id, { kind: "REGULAR", cofinancingPct: "10", envelope: "100000000.00" });
  const emergencyCall = await makeCall(programme.id, { kind: "EMERGENCY", envelope: "100000000.00" });
  const otherFunder = await makeFunder();
  const otherProgramme = await makeProgramme(otherFunder.id, "EUR", "900000000.00");
  const otherCall = await makeCall(otherProgramme.id, { kind: "EMERGENCY", envelope: "100000000.00" });

  const staff = (role: StaffRoleKind, funderId = funder.id) => userWithSession({ roles: [{ funderId, role }] });
  const users: Record<SignedInKey, User> = {
    APPLICANT: await userWithSession(),
    APPLICANT_MEMBER: await userWithSession(),
    OTHER_APPLICANT: await userWithSession(),
    OFFICER: await staff("OFFICER"),
    REVIEWER: await staff("REVIEWER"),
    APPROVER: await staff("APPROVER"),
    FINANCE: await staff("FINANCE"),
    AUDITOR: await staff("AUDITOR"),
    FUNDER_ADMIN: await staff("FUNDER_ADMIN"),
    OFFICER_OF_OTHER_FUNDER: await staff("OFFICER", otherFunder.id),
    ALL_ROLES_OF_OTHER_FUNDER: await userWithSession({ roles: STAFF_ROLES.map((role) => ({ funderId: otherFunder.id, role })) }),
    PLATFORM_ADMIN: await userWithSession({ admin: true }),
  };
  const org = await makeOrganisation({ members: [{ userId: users.APPLICANT.id, role: "ADMIN" }, { userId: users.APPLICANT_MEMBER.id, role: "MEMBER" }] });
  const otherOrg = await makeOrganisation({ members: [{ userId: users.OTHER_APPLICANT.id, role: "ADMIN" }] });

  // Helpers: they prepare objects, never act in the matrix.
  // A helper has always just passed the second factor: a long run (the fuzzing takes about
  // 15 minutes) must not outlive their step-up (lib/auth/mfa/step-up.ts).
  const helper = async (role: StaffRoleKind): Promise<Actor> =>
    Object.defineProperty(await actorForUser((await staff(role)).id), "mfaVerifiedAt", { get: () => new Date(), enumerable: true });
  const helpers = {
    officer: await helper("OFFICER"),
    approver: await helper("APPROVER"),
    finance: await helper("FINANCE"),
    reviewer: await helper("REVIEWER"),
    /** An applicant who administers throwaway organisations (invitations). */
    applicant: await userWithSession(),
  };
  return { funder, programme, regularCall, emergencyCall, otherFunder, otherProgramme, otherCall, users, org, otherOrg, helpers };
}

/** The actor object lib/ receives for a matrix actor (fresh from the database). */
export const actorOf = (w: World, key: SignedInKey): Promise<Actor> => actorForUser(w.users[key].id);

/** Each side of the IDOR cases: the world's organisation and its admin, or the other one's. */
export function sideOf(w: World, side: Side) {
  return side === "world"
    ? { org: w.org, admin: w.users.APPLICANT, adminKey: "APPLICANT" as const }
    : { org: w.otherOrg, admin: w.users.OTHER_APPLICANT, adminKey: "OTHER_APPLICANT" as const };
}

// ---------------------------------------------------------------------------------------
// Objects, built fresh for each use.

type AppOpts = { side?: Side; status?: NonNullable<Parameters<typeof makeApplication>[3]>["status"]; kind?: "REGULAR" | "EMERGENCY"; organisationId?: string };

export async function application(w: World, opts: AppOpts = {}) {
  const s = sideOf(w, opts.side ?? "world");
  const call = opts.kind === "EMERGENCY" ? w.emergencyCall : w.regularCall;
  const status = opts.status ?? "SUBMITTED";
  const app = await makeApplication(call.id, opts.organisationId ?? s.org.id, s.admin.id, {
    status,
    amount: "60000.00",
    submittedAt: status === "DRAFT" ? null : new Date(),
  });
  await db.budgetLine.create({ data: { applicationId: app.id, position: 0, category: "STAFF", description: "Lawyers", amount: "60000.00" } });
  return app;
}

/** A draft whose content passes every rule of the regular call, ready to submit. */
export async function completeDraftApplication(w: World, side: Side = "world") {
  const app = await application(w, { side, status: "DRAFT" });
  const member = await actorOf(w, sideOf(w, side).adminKey);
  const saved = await saveDraft(member, app.id, app.version, completeDraft());
  return { app, version: saved.version };
}

export async function draftWithAttachment(w: World, side: Side = "world") {
  const app = await application(w, { side, status: "DRAFT" });
  const att = await addApplicationAttachment(await actorOf(w, sideOf(w, side).adminKey), app.id, pdfFile());
  return { app, att };
}

export async function openQuestion(w: World, side: Side = "world") {
  const app = await application(w, { side });
  const questionId = await askClarification(w.helpers.officer, app.id, "Please send the statutes.");
  return { app, questionId };
}

/** An eligible application on the regular call with the REVIEWER assigned (PENDING), or ready to score (ACCEPTED, IN_REVIEW). */
export async function reviewAssignment(w: World, state: "PENDING" | "ACCEPTED") {
  const app = await application(w, { status: "ELIGIBLE", kind: "REGULAR" });
  const assignmentId = await assignReviewer(w.helpers.officer, app.id, w.users.REVIEWER.id);
  if (state === "ACCEPTED") {
    await assignReviewer(w.helpers.officer, app.id, w.helpers.reviewer.userId);
    await declareInterest(await actorOf(w, "REVIEWER"), assignmentId, false);
  }
  const criteria = await db.scoringCriterion.findMany({ where: { callId: app.callId }, orderBy: { position: "asc" } });
  return { app, assignmentId, criteria };
}

export async function pendingDecision(w: World) {
  const app = await application(w, { kind: "EMERGENCY" });
  const decisionId = await recommendDecision(w.helpers.officer, { applicationId: app.id, kind: "APPROVE", amount: "50000.00", reasonsForApplicant: "Strong proposal" });
  return { app, decisionId };
}

export type GrantStage = "planned" | "requested" | "approved" | "paid";

/** A grant through the real approval path, with two tranches of 30,000 and its final report due. */
export async function grant(w: World, opts: { side?: Side; stage?: GrantStage; organisationId?: string } = {}) {
  const h = w.helpers;
  const app = await application(w, { side: opts.side, kind: "EMERGENCY", organisationId: opts.organisationId });
  const decisionId = await recommendDecision(h.officer, { applicationId: app.id, kind: "APPROVE", amount: "60000.00", reasonsForApplicant: "ok" });
  const { grantId } = await confirmDecision(h.approver, decisionId);
  const g0 = await db.grant.findUniqueOrThrow({ where: { id: grantId! } });
  await saveSchedule(h.officer, {
    grantId: g0.id,
    version: g0.version,
    tranches: [
      { plannedAmount: "30000.00", plannedDate: "2027-01-15", condition: "NONE" },
      { plannedAmount: "30000.00", plannedDate: "2027-06-15", condition: "NONE" },
    ],
  });
  const tranches = await db.tranche.findMany({ where: { grantId: g0.id }, orderBy: { sequence: "asc" } });
  const tranche = tranches[0]!;
  const stage = opts.stage ?? "planned";
  let ledgerEntryId: string | null = null;
  // A grant that is to be paid names a verified, cooled-off account.
  if (stage === "approved" || stage === "paid") await readyPayee(g0, { memberId: sideOf(w, opts.side ?? "world").admin.id, finance: h.finance, approver: h.approver });
  if (stage !== "planned") await requestPayment(h.officer, tranche.id);
  if (stage === "approved" || stage === "paid") await approvePayment(h.approver, tranche.id);
  if (stage === "paid") {
    ledgerEntryId = (await recordPayment(h.finance, { trancheId: tranche.id, idempotencyKey: idempotencyKey(), valueDate: today(), bankReference: `BANK-${uid()}` })).ledgerEntryId;
  }
  const report = await db.report.findFirstOrThrow({ where: { grantId: g0.id, kind: "FINAL" } });
  return { app, grant: await db.grant.findUniqueOrThrow({ where: { id: g0.id } }), tranche, report, ledgerEntryId };
}

export async function proposedBudget(w: World) {
  const g = await grant(w);
  const budgetId = await proposeBudgetAmendment(w.helpers.officer, { grantId: g.grant.id, reason: "Move money to security", lines: [{ category: "SECURITY", description: "Devices", amount: "60000.00" }] });
  return { ...g, budgetId };
}

export async function submittedReport(w: World, side: Side = "world") {
  const g = await grant(w, { side });
  await submitReport(await actorOf(w, sideOf(w, side).adminKey), { reportId: g.report.id, narrative: "What we did.", spent: ["100.00"], files: [] });
  return g;
}

export async function lostFunding(w: World, side: Side = "world") {
  const s = sideOf(w, side);
  return db.lostFunding.create({
    data: { organisationId: s.org.id, donor: "USAID", programmeName: "Civil society", annualAmount: "120000.00", currency: "USD", endedOn: new Date("2025-02-28"), purpose: "Legal aid", createdById: s.admin.id },
  });
}

/** A throwaway user: target of admin actions (roles, disabling, sessions). */
export async function bystander() {
  return userWithSession();
}

export async function staffRoleOfBystander(w: World) {
  const u = await makeUser({ roles: [{ funderId: w.funder.id, role: "REVIEWER" }] });
  return db.staffRole.findFirstOrThrow({ where: { userId: u.id } });
}

export async function passkeyOf(userId: string) {
  return db.passkey.create({
    data: { id: randomBytes(16).toString("base64url"), userId, publicKey: new Uint8Array(randomBytes(65)), counter: 0n, transports: ["internal"], name: "Laptop" },
  });
}

export async function draftCall(w: World, opts: { ownProgramme?: boolean } = {}) {
  const programme = opts.ownProgramme ? await makeProgramme(w.funder.id, "EUR", "900000000.00") : w.programme;
  return makeCall(programme.id, { status: "DRAFT", envelope: "200000.00" });
}

export const openCall = (w: World) => makeCall(w.programme.id, { status: "OPEN", envelope: "200000.00" });

/** An invitation to APPLICANT's address into a fresh organisation run by a helper applicant. */
export async function invitationFor(w: World, email: string) {
  const { inviteMember } = await import("@/lib/organisations/commands");
  const org = await makeOrganisation({ members: [{ userId: w.helpers.applicant.id, role: "ADMIN" }] });
  const inviter = await actorForUser(w.helpers.applicant.id);
  const { token } = await inviteMember(inviter, { organisationId: org.id, email, role: "MEMBER" });
  return { org, token };
}

export const newUuid = () => randomUUID();

/** A key person of one side's organisation (its admin added them). */
export async function keyPerson(w: World, side: Side = "world") {
  const s = sideOf(w, side);
  const admin = await actorOf(w, s.adminKey);
  const personId = await addKeyPerson(admin, { organisationId: s.org.id, role: "BOARD", name: `Board member ${uid()}` });
  return { organisationId: s.org.id, personId };
}

/**
 * A potential sanctions match of the world's organisation at the world's funder: its new
 * director is on a list (the same file each time: imported once). Open, or proposed as a
 * false positive by the helper officer.
 */
export async function sanctionsMatch(w: World, opts: { proposed?: boolean } = {}) {
  await importListVersion(null, { source: "eu-fsf", files: [memoryFile("authz-list.xml", fsfXml([LISTED.official]))] });
  // An organisation of its own: an open match blocks every award and payment to it, and the
  // world's organisation must stay payable for the other scenarios.
  const org = await makeOrganisation({ members: [{ userId: w.helpers.applicant.id, role: "ADMIN" }] });
  await application(w, { organisationId: org.id });
  const admin = await actorForUser(w.helpers.applicant.id);
  const personId = await addKeyPerson(admin, { organisationId: org.id, role: "DIRECTOR", name: "Чайковский Пётр Ильич", birthDate: "1971-05-07" });
  const m = await db.sanctionsMatch.findFirstOrThrow({ where: { organisationId: org.id, funderId: w.funder.id, subjectRef: `key-person:${personId}` } });
  if (!opts.proposed) return m;
  await proposeSanctionsOutcome(w.helpers.officer, { matchId: m.id, version: m.version, outcome: "clear", reason: "Different person: born 1962" });
  return db.sanctionsMatch.findUniqueOrThrow({ where: { id: m.id } });
}

/** An account of the side's organisation, added by its admin. */
export async function payeeAccount(w: World, side: Side = "world") {
  const s = sideOf(w, side);
  return addPayeeAccount(await actorOf(w, s.adminKey), { organisationId: s.org.id, account: ZPayeeAccount.parse(sepaAccount(randomIban())) });
}

/** An account of an organisation holding a grant of the world's funder; `recorded`: finance (a helper) recorded its verification. */
export async function payeeToVerify(w: World, opts: { recorded?: boolean; confirmed?: boolean } = {}) {
  await grant(w);
  const { id: accountId } = await payeeAccount(w);
  const verificationId = opts.recorded || opts.confirmed ? await recordPayeeVerification(w.helpers.finance, { accountId, funderId: w.funder.id, method: "CALL_BACK", note: "Called back" }) : null;
  if (opts.confirmed) await confirmPayeeVerification(w.helpers.approver, verificationId!);
  return { accountId, verificationId };
}

/** A grant of the side's organisation and a new account of it; `requested`: its admin asked to pay the grant there. */
export async function grantPayeeRequest(w: World, side: Side = "world", opts: { requested?: boolean } = {}) {
  const g = await grant(w, { side });
  const { id: accountId } = await payeeAccount(w, side);
  const changeId = opts.requested ? await requestGrantPayee(await actorOf(w, sideOf(w, side).adminKey), { grantId: g.grant.id, accountId }) : null;
  return { grantId: g.grant.id, accountId, changeId };
}

/** The funder's own account to pay from (kept by its admin; written here as the admin would). */
export async function debtorAccount(w: World, opts: { fresh?: boolean } = {}) {
  // A fresh one for scenarios that retire it: batches keep using the shared one.
  if (opts.fresh) return db.funderBankAccount.create({ data: { funderId: w.funder.id, holderName: "Ministry of Foreign Affairs", iban: randomIban(), currency: "EUR" } });
  return db.funderBankAccount.upsert({
    where: { funderId_iban_currency: { funderId: w.funder.id, iban: "CZ6508000000192000145399", currency: "EUR" } },
    update: {},
    create: { funderId: w.funder.id, holderName: "Ministry of Foreign Affairs", iban: "CZ6508000000192000145399", bic: "GIBACZPX", currency: "EUR" },
  });
}

/** An approved tranche ready to pay and the funder's account: what a batch is prepared from. */
export async function payableTranche(w: World) {
  const g = await grant(w, { stage: "approved" });
  return { ...g, debtor: await debtorAccount(w) };
}

/** A batch prepared by the helper finance user (released by the helper approver when asked). */
export async function paymentBatch(w: World, opts: { released?: boolean } = {}) {
  const { prepareBatch, releaseBatch } = await import("@/lib/bank/batches");
  const p = await payableTranche(w);
  const { batchId } = await prepareBatch(w.helpers.finance, { funderId: w.funder.id, debtorAccountId: p.debtor.id, kind: "SEPA", requestedExecutionDate: today(), trancheIds: [p.tranche.id] });
  if (opts.released) await releaseBatch(w.helpers.approver, batchId);
  return { ...p, batchId };
}

/**
 * A released batch and the bank's statement for it (camt.053, one booked debit per payment).
 * With `unmatched`, the bank lost the reference: the helper finance user has imported it and
 * the line waits for a decision, with the batch's payment offered.
 */
export async function bankStatement(w: World, opts: { unmatched?: boolean } = {}) {
  const { importStatement } = await import("@/lib/bank/statements-import");
  const { prepareBatch, releaseBatch } = await import("@/lib/bank/batches");
  const { camt053FromBatch } = await import("../../support/camt053-from-batch");
  // An account of its own: the fallback offers a payment only when exactly one fits, and every
  // fixture's payment has the same amount and day.
  const g = await grant(w, { stage: "approved" });
  const debtor = await debtorAccount(w, { fresh: true });
  const { batchId } = await prepareBatch(w.helpers.finance, { funderId: w.funder.id, debtorAccountId: debtor.id, kind: "SEPA", requestedExecutionDate: today(), trancheIds: [g.tranche.id] });
  await releaseBatch(w.helpers.approver, batchId);
  const b = { ...g, debtor, batchId };
  const items = await db.paymentBatchItem.findMany({ where: { batchId: b.batchId }, include: { payeeAccount: { select: { masked: true } } } });
  // The payee's account as the bank prints it: same country and last four as the masked form
  // (the fallback match compares masked accounts; the real number stays sealed).
  const creditorIban = (masked: string) => `${masked.slice(0, 2)}000000${masked.slice(-4)}`;
  const xml = camt053FromBatch({
    messageId: `MSG-${uid()}`.slice(0, 35), createdAt: new Date(), requestedExecutionDate: today(),
    debtor: { name: "Ministry of Foreign Affairs", iban: b.debtor.iban },
    payments: items.map((i) => ({ endToEndId: opts.unmatched ? "NOTPROVIDED" : i.endToEndId, amount: i.amount.toFixed(2), currency: i.currency, creditor: { name: "Payee", iban: creditorIban(i.payeeAccount.masked) } })),
  }, { version: "camt.053.001.08", statementId: `STMT-${uid()}`.slice(0, 35), bookingDate: today(), opening: "100000.00" });
  if (!opts.unmatched) return { ...b, xml, lineId: "" };
  const { statementIds } = await importStatement(w.helpers.finance, { funderId: w.funder.id, file: new TextEncoder().encode(xml) });
  const line = await db.bankStatementLine.findFirstOrThrow({ where: { statementId: { in: statementIds }, outcome: "UNMATCHED" } });
  return { ...b, xml, lineId: line.id };
}
