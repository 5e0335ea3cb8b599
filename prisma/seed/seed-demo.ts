// Writes the demo data set. Runs once on an empty database (see scripts/run.ts).
import { Prisma } from "@prisma/client";
import { db } from "../../lib/db";
import { hashPassword } from "../../lib/auth/password";
import { sealWithMaster } from "../../lib/crypto/envelope";
import { writeAudit } from "../../lib/audit/write";
import { nextApplicationReference } from "../../lib/applications/reference";
import { generateCodename } from "../../lib/organisations/codename";
import { storeIdentity } from "../../lib/organisations/identity";
import { actorForUser, type Actor } from "../../lib/auth/actor";
import { byEmail, createPerson } from "../../lib/users/personal-data";
import { confirmDecision, recommendDecision } from "../../lib/decisions/commands";
import { saveSchedule } from "../../lib/grants/schedule";
import { approvePayment, recordPayment, requestPayment } from "../../lib/ledger/payments";
import { ZPayeeAccount } from "../../lib/bank/account";
import { addPayeeAccount } from "../../lib/bank/accounts";
import { confirmGrantPayee, requestGrantPayee } from "../../lib/bank/accounts-grant";
import { confirmPayeeVerification, recordPayeeVerification } from "../../lib/bank/accounts-verification";
import { ownerDb } from "../../scripts/lib/owner-client";
import {
  APPLICATIONS,
  CALLS,
  DEMO_ACCOUNTS,
  DEMO_FX,
  DEMO_TOTP_SECRET,
  DEMO_PASSWORD,
  ELIGIBILITY_CRITERIA,
  FUNDERS,
  ORGANISATIONS,
  PROGRAMMES,
  SCORING_CRITERIA,
} from "./demo-data";

const DAY = 86_400_000;
const HOUR = 3_600_000;

const usedCodenames = new Set<string>();
function uniqueCodename(): string {
  for (;;) {
    const name = generateCodename();
    if (!usedCodenames.has(name)) {
      usedCodenames.add(name);
      return name;
    }
  }
}

export async function isSeeded(): Promise<boolean> {
  return (await db.funder.count()) > 0;
}

export async function seedDemo(now = new Date()) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Forty days of reference rates, so approvals and payments have a rate for their date.
  const fxRows = [];
  for (let d = 0; d < 40; d++) {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - d));
    for (const [currency, perEur] of Object.entries(DEMO_FX)) fxRows.push({ currency, date, perEur });
  }
  await db.fxRate.createMany({ data: fxRows, skipDuplicates: true });
  const funders = new Map<string, string>();
  for (const f of FUNDERS) {
    const row = await db.funder.create({ data: { ...f } });
    funders.set(f.code, row.id);
  }
  const users = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS) {
    const user = await db.$transaction((tx) => createPerson(tx, { email: a.email, name: a.name, locale: a.locale, passwordHash, isPlatformAdmin: a.role === "ADMIN" }));
    users.set(a.email, user.id);
    if ("funder" in a) {
      await db.staffRole.create({ data: { userId: user.id, funderId: funders.get(a.funder)!, role: a.role } });
    }
    if (a.role !== "APPLICANT") {
      const { sealed, masterKeyId } = sealWithMaster(Buffer.from(DEMO_TOTP_SECRET), `totp:${user.id}`);
      await db.totpFactor.create({ data: { userId: user.id, secret: new Uint8Array(sealed), masterKeyId, confirmedAt: now } });
    }
  }
  const programmes = new Map<string, { id: string; currency: string; funderId: string }>();
  for (const p of PROGRAMMES) {
    const row = await db.programme.create({
      data: { funderId: funders.get(p.funder)!, code: p.code, name: p.name, currency: p.currency, budget: p.budget },
    });
    programmes.set(p.code, { id: row.id, currency: p.currency, funderId: row.funderId });
  }
  const calls = new Map<string, { id: string; funderId: string; currency: string; cofinancingPct: string; criteria: string[] }>();
  for (const c of CALLS) {
    const programme = programmes.get(c.programme)!;
    const row = await db.call.create({
      data: {
        programmeId: programme.id,
        reference: c.reference,
        kind: c.kind,
        status: c.status,
        title: c.title,
        summary: c.summary,
        eligibilitySummary: c.eligibility,
        languages: ["en", "ru", "cs"],
        opensAt: new Date(now.getTime() + c.opensDays * DAY),
        closesAt: new Date(now.getTime() + c.closesDays * DAY),
        currency: programme.currency,
        envelope: c.envelope,
        minGrant: c.minGrant,
        maxGrant: c.maxGrant,
        cofinancingPct: c.cofinancingPct,
        overheadLimitPct: "7.00",
        createdById: users.get("officer@demo.most"),
        eligibilityCriteria: { create: ELIGIBILITY_CRITERIA.map((label, position) => ({ position, label })) },
        scoringCriteria: {
          create: SCORING_CRITERIA.map(({ weight, ...label }, position) => ({ position, label, weight })),
        },
      },
      include: { eligibilityCriteria: true },
    });
    calls.set(c.key, {
      id: row.id,
      funderId: programme.funderId,
      currency: programme.currency,
      cofinancingPct: c.cofinancingPct,
      criteria: row.eligibilityCriteria.map((e) => e.id),
    });
  }
  const organisations = new Map<string, string>();
  for (const [i, o] of ORGANISATIONS.entries()) {
    const email = i === 0 || i === 1 ? "applicant@demo.most" : `contact.${o.key}@demo.most`;
    if (!users.has(email)) {
      const u = await db.$transaction((tx) => createPerson(tx, { email, name: o.contactName, locale: i % 2 ? "en" : "ru", passwordHash }));
      users.set(email, u.id);
    }
    await db.$transaction(async (tx) => {
      const org = await tx.organisation.create({
        data: {
          codename: uniqueCodename(),
          publicName: o.isProtected ? null : o.displayName,
          operatingStatus: o.status,
          operatingCountry: o.country,
          registrationCountry: o.registrationCountry,
          sectors: o.sectors,
          foundedYear: o.foundedYear,
          staffSize: o.staffSize,
          annualBudget: o.budget[0],
          annualBudgetCurrency: o.budget[1],
          isProtected: o.isProtected,
          regionOnly: o.regionOnly ?? false,
          createdById: users.get(email),
          memberships: { create: { userId: users.get(email)!, role: "ADMIN" } },
          lostFunding: {
            create: o.lost.map((l) => ({
              donor: l.donor,
              programmeName: l.programme,
              annualAmount: l.amount,
              currency: l.currency,
              endedOn: new Date(`${l.ended}T00:00:00Z`),
              purpose: l.purpose,
            })),
          },
        },
      });
      await storeIdentity(tx, org.id, {
        displayName: o.displayName,
        legalName: o.legalName,
        registrationNumber: o.registrationNumber,
        contactName: o.contactName,
        contactEmail: email,
      });
      organisations.set(o.key, org.id);
    });
  }
  // A colleague at the newsroom: notices about its bank accounts reach the member who did not act.
  const colleague = await db.$transaction((tx) => createPerson(tx, { email: "contact.freeword@demo.most", name: "Dmitry K.", locale: "en", passwordHash }));
  await db.membership.create({ data: { organisationId: organisations.get("freeword")!, userId: colleague.id, role: "MEMBER" } });
  for (const a of APPLICATIONS) {
    const call = calls.get(a.call)!;
    const orgId = organisations.get(a.org)!;
    const author = await db.membership.findFirstOrThrow({ where: { organisationId: orgId }, orderBy: { createdAt: "asc" } });
    const amount = new Prisma.Decimal(a.amount);
    const pct = new Prisma.Decimal(call.cofinancingPct);
    const cofinancing = pct.isZero() ? new Prisma.Decimal(0) : amount.mul(pct).div(new Prisma.Decimal(100).minus(pct)).toDecimalPlaces(2, Prisma.Decimal.ROUND_UP);
    const submittedAt =
      a.submittedDaysAgo !== undefined
        ? new Date(now.getTime() - a.submittedDaysAgo * DAY)
        : a.submittedHoursAgo !== undefined
          ? new Date(now.getTime() - a.submittedHoursAgo * HOUR)
          : null;
    await db.$transaction(async (tx) => {
      const app = await tx.application.create({
        data: {
          reference: await nextApplicationReference(tx, now),
          callId: call.id,
          funderId: call.funderId,
          organisationId: orgId,
          status: a.status,
          title: a.title,
          sections: {
            summary: `${a.title}.`,
            problem: "Since the US funding ended in 2025 this work has no other source of support.",
            objectives: "Continue the core activity for twelve months.",
            activities: "Month 1–12: the activities listed in the budget.",
            results: "People helped and cases documented, reported quarterly.",
            risks: "Staff use encrypted channels; no names are published.",
            sustainability: "We are diversifying towards European and private donors.",
          },
          requestedAmount: amount,
          currency: call.currency,
          cofinancingAmount: cofinancing,
          startDate: new Date(Date.UTC(now.getUTCFullYear() + 1, 0, 1)),
          durationMonths: 12,
          createdById: author.userId,
          lastEditedById: author.userId,
          lastEditedAt: submittedAt ?? now,
          submittedAt,
          budgetLines: {
            create: a.lines.map(([category, description, lineAmount], position) => ({
              position,
              category,
              description,
              amount: lineAmount,
            })),
          },
        },
      });
      if (a.status === "ELIGIBLE" || a.status === "INELIGIBLE" || a.status === "IN_REVIEW" || a.status === "REVIEWED" || a.status === "REJECTED") {
        const eligible = a.status !== "INELIGIBLE";
        await tx.screening.create({
          data: {
            applicationId: app.id,
            eligible,
            results: call.criteria.map((criterionId, idx) => ({ criterionId, met: eligible || idx !== 1, note: "" })),
            reasonsForApplicant: eligible ? null : "The requested amount exceeds the call's maximum grant.",
            screenedById: users.get("officer@demo.most")!,
          },
        });
      }
    });
  }
  await seedDemoGrant(now);
  await db.$transaction((tx) =>
    writeAudit(tx, null, { action: "demo.seeded", entityType: "Instance", after: { organisations: ORGANISATIONS.length } }),
  );
}

/** The demo applicant's newsroom grant, taken through the real approval and payment path. */
async function seedDemoGrant(now: Date) {
  const app = await db.application.findFirstOrThrow({ where: { title: "Keeping the newsroom on air in 2026" } });
  const [officer, approver, finance] = await Promise.all(["officer@demo.most", "approver@demo.most", "finance@demo.most"].map(actorOf));
  const decisionId = await recommendDecision(officer!, {
    applicationId: app.id,
    kind: "APPROVE",
    amount: "120000.00",
    reasonsForApplicant: "A strong newsroom with a clear distribution plan. The equipment line is reduced.",
    internalNotes: "Both reviewers recommended funding.",
  });
  const { grantId } = await confirmDecision(approver!, decisionId, now);
  const grant = await db.grant.findUniqueOrThrow({ where: { id: grantId! } });
  const year = now.getUTCFullYear();
  await saveSchedule(officer!, {
    grantId: grant.id,
    version: grant.version,
    tranches: [
      { plannedAmount: "50000.00", plannedDate: `${year}-12-01`, condition: "NONE" },
      { plannedAmount: "40000.00", plannedDate: `${year + 1}-03-01`, condition: "NONE" },
      // Paid through a bank batch in the browser tests (payment-run-journey.spec.ts).
      { plannedAmount: "20000.00", plannedDate: `${year + 1}-06-01`, condition: "NONE" },
      { plannedAmount: "10000.00", plannedDate: `${year + 1}-09-01`, condition: "FINAL_REPORT_ACCEPTED" },
    ],
  });
  const [t1, t2] = await db.tranche.findMany({ where: { grantId: grant.id }, orderBy: { sequence: "asc" } });
  const cooled = await seedDemoPayee(grant, finance!, approver!);
  // The ministry's own account, which payment batches leave from (its admin would add it on
  // /staff/bank-accounts).
  await db.funderBankAccount.create({ data: { funderId: grant.funderId, holderName: "Ministry of Foreign Affairs of the Czech Republic", iban: "CZ6508000000192000145399", bic: "GIBACZPX", currency: "EUR" } });
  await requestPayment(officer!, t1!.id);
  await approvePayment(approver!, t1!.id);
  // The first tranche is pre-financing: paid before the grant's start, confirmed as such.
  if (cooled) await recordPayment(finance!, { trancheId: t1!.id, idempotencyKey: "demo-seed-payment-0001", valueDate: now.toISOString().slice(0, 10), bankReference: "CZ-MFA/2026/771", beforeStart: true });
  await requestPayment(officer!, t2!.id);
}

/**
 * The newsroom's account, verified by finance (a call-back), confirmed by the approver and
 * chosen for the grant, as in real life; so is an account of the families' organisation (its
 * emergency application is awarded in the sanctions journey). Their cooling-off periods are
 * made to have passed weeks ago with the owner's login (OWNER_DATABASE_URL, given to the seed
 * only): the portal's own login cannot backdate a confirmation. False when that login is not at
 * hand (nothing is paid then).
 */
async function seedDemoPayee(grant: { id: string; organisationId: string; funderId: string }, finance: Actor, approver: Actor): Promise<boolean> {
  const newsroom = await verifiedDemoAccount(grant.organisationId, grant.funderId, "LV80 BANK 0000 4351 9500 1", "Independent Newsroom Foundation", finance, approver);
  await confirmGrantPayee(approver, await requestGrantPayee(newsroom.member, { grantId: grant.id, accountId: newsroom.accountId }));
  const families = await db.application.findFirstOrThrow({ where: { title: "Urgent lawyers for newly detained relatives" }, select: { organisationId: true, funderId: true } });
  const familiesAccount = await verifiedDemoAccount(families.organisationId, families.funderId, "LT12 1000 0111 0100 1000", "Prisoners Families Aid", finance, approver);
  if (!process.env.OWNER_DATABASE_URL) return false;
  try {
    await ownerDb().$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
      for (const id of [newsroom.verificationId, familiesAccount.verificationId]) {
        await tx.$executeRaw`UPDATE "PayeeVerification" SET "decidedAt" = "decidedAt" - interval '30 days', "usableFrom" = "usableFrom" - interval '30 days', "recordedAt" = "recordedAt" - interval '31 days' WHERE id = ${id}::uuid`;
      }
    });
    return true;
  } catch (e) {
    console.warn(`Demo payee accounts left in their cooling-off period: ${(e as Error).message}`);
    return false;
  }
}

async function verifiedDemoAccount(organisationId: string, funderId: string, iban: string, holderName: string, finance: Actor, approver: Actor) {
  const membership = await db.membership.findFirstOrThrow({ where: { organisationId, role: "ADMIN" }, orderBy: { createdAt: "asc" } });
  const member = await actorForUser(membership.userId);
  const { id: accountId } = await addPayeeAccount(member, { organisationId, account: ZPayeeAccount.parse({ kind: "sepa", iban, holderName }) });
  const verificationId = await recordPayeeVerification(finance, { accountId, funderId, method: "CALL_BACK", note: "Called the organisation back on the number given in its application; IBAN read back and confirmed." });
  await confirmPayeeVerification(approver, verificationId);
  return { member, accountId, verificationId };
}

async function actorOf(email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: byEmail(email), select: { id: true } });
  return actorForUser(user.id);
}
