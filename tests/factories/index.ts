// Builders for test data, written straight to the test database. Every value that must
// be unique gets a random suffix, so tests never depend on each other's rows.
import { randomBytes } from "node:crypto";
import type { ApplicationStatus, MemberRole, OperatingStatus, StaffRoleKind } from "@prisma/client";
import { db } from "../../lib/db";
import { actorForUser, type Actor } from "../../lib/auth/actor";
import { hashPassword } from "../../lib/auth/password";
import { generateCodename } from "../../lib/organisations/codename";
import { storeIdentity } from "../../lib/organisations/identity";
import { nextApplicationReference } from "../../lib/applications/reference";
import { createPerson } from "../../lib/users/personal-data";
import type { Locale } from "../../lib/i18n/locales";

export const uid = () => randomBytes(4).toString("hex");
export const TEST_PASSWORD = "correct horse battery staple";

let cachedHash: string | undefined;
export async function passwordHash() {
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  return cachedHash;
}

export async function makeFunder(code = `F${uid()}`.toUpperCase()) {
  return db.funder.create({ data: { code: code.slice(0, 16), name: `Funder ${code}`, country: "CZ" } });
}

export async function makeUser(opts: {
  roles?: Array<{ funderId: string; role: StaffRoleKind }>;
  admin?: boolean;
  locale?: Locale;
  email?: string;
  name?: string;
} = {}) {
  const hash = await passwordHash();
  // The portal's own way (sealed name and address): the row plus both in clear for the test.
  return db.$transaction((tx) =>
    createPerson(tx, {
      email: opts.email ?? `user-${uid()}@test.most`,
      name: opts.name ?? `Test User ${uid()}`,
      passwordHash: hash,
      locale: opts.locale ?? "en",
      isPlatformAdmin: opts.admin ?? false,
      staffRoles: opts.roles ? { create: opts.roles.map((r) => ({ funderId: r.funderId, role: r.role })) } : undefined,
    }),
  );
}

/** An Actor as lib/ receives it, for a user created by makeUser. */
export const actorFor = (userId: string): Promise<Actor> => actorForUser(userId);

export async function makeStaff(funderId: string, ...roles: StaffRoleKind[]) {
  const user = await makeUser({ roles: roles.map((role) => ({ funderId, role })) });
  return actorFor(user.id);
}

export async function makeProgramme(funderId: string, currency = "EUR", budget = "1000000.00") {
  return db.programme.create({
    data: { funderId, code: `P${uid()}`.toUpperCase(), name: `Programme ${uid()}`, currency, budget },
  });
}

export async function makeCall(programmeId: string, opts: {
  kind?: "REGULAR" | "EMERGENCY";
  status?: "DRAFT" | "OPEN" | "CLOSED";
  currency?: string;
  envelope?: string;
  minGrant?: string;
  maxGrant?: string;
  cofinancingPct?: string;
  overheadLimitPct?: string;
  opensAt?: Date;
  closesAt?: Date;
} = {}) {
  const now = Date.now();
  return db.call.create({
    data: {
      programmeId,
      reference: `C-${uid()}`,
      kind: opts.kind ?? "REGULAR",
      status: opts.status ?? "OPEN",
      title: { en: `Call ${uid()}`, ru: "Конкурс", cs: "Výzva" },
      summary: { en: "Summary" },
      eligibilitySummary: { en: "Eligibility" },
      languages: ["en", "ru"],
      opensAt: opts.opensAt ?? new Date(now - 86_400_000),
      closesAt: opts.closesAt ?? new Date(now + 30 * 86_400_000),
      currency: opts.currency ?? "EUR",
      envelope: opts.envelope ?? "500000.00",
      minGrant: opts.minGrant ?? "10000.00",
      maxGrant: opts.maxGrant ?? "100000.00",
      cofinancingPct: opts.cofinancingPct ?? "0",
      overheadLimitPct: opts.overheadLimitPct ?? "7",
      eligibilityCriteria: { create: [{ position: 0, label: { en: "Works on the theme" } }, { position: 1, label: { en: "Has a safety plan" } }] },
      scoringCriteria: {
        create: [
          { position: 0, label: { en: "Relevance" }, weight: "60" },
          { position: 1, label: { en: "Capacity" }, weight: "40" },
        ],
      },
    },
    include: { eligibilityCriteria: true, scoringCriteria: true },
  });
}

export async function makeOrganisation(opts: {
  protected?: boolean;
  members?: Array<{ userId: string; role?: MemberRole }>;
  status?: OperatingStatus;
  country?: string;
  name?: string;
  legalName?: string;
} = {}) {
  const name = opts.name ?? `Organisation ${uid()}`;
  return db.$transaction(async (tx) => {
    const org = await tx.organisation.create({
      data: {
        codename: `${generateCodename()} ${uid()}`,
        publicName: opts.protected ? null : name,
        operatingStatus: opts.status ?? "EXILE",
        operatingCountry: opts.country ?? "LV",
        sectors: ["HUMAN_RIGHTS"],
        isProtected: opts.protected ?? false,
        memberships: opts.members
          ? { create: opts.members.map((m) => ({ userId: m.userId, role: m.role ?? "ADMIN" })) }
          : undefined,
      },
    });
    await storeIdentity(tx, org.id, {
      displayName: name,
      legalName: opts.legalName ?? `${name} Legal Entity`,
      registrationNumber: `REG-${uid()}`,
      contactEmail: `contact-${uid()}@example.org`,
    });
    return org;
  });
}

export async function makeApplication(callId: string, organisationId: string, createdById: string, opts: {
  status?: ApplicationStatus;
  amount?: string;
  currency?: string;
  title?: string;
  submittedAt?: Date | null;
} = {}) {
  const call = await db.call.findUniqueOrThrow({ where: { id: callId }, include: { programme: true } });
  return db.$transaction(async (tx) =>
    tx.application.create({
      data: {
        reference: await nextApplicationReference(tx),
        callId,
        funderId: call.programme.funderId,
        organisationId,
        status: opts.status ?? "SUBMITTED",
        title: opts.title ?? `Application ${uid()}`,
        requestedAmount: opts.amount ?? "50000.00",
        currency: opts.currency ?? "EUR",
        createdById,
        submittedAt: opts.submittedAt === undefined ? new Date() : opts.submittedAt,
      },
    }),
  );
}
