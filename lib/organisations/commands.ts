// Applicants create and maintain their organisation: profile, lost US funding, members.
import "server-only";
import { hashToken, newToken } from "../auth/one-time-token";
import type { Actor } from "../auth/actor";
import { writeAudit } from "../audit/write";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { toDate } from "../validation";
import { generateCodename } from "./codename";
import { openIdentity, organisationDataKey, storeIdentity, type OrganisationIdentity } from "./identity";
import { requireMembership } from "./policy";
import { openInvitationEmail, sealInvitationEmail } from "./invitation-email";
import { emailIndex } from "../users/blind-index";
import { byEmail } from "../users/personal-data";
import { randomUUID } from "node:crypto";
import { screenSoon } from "../sanctions/screen";
import type { TLostFunding, TOrganisationProfile } from "./schemas";

const INVITATION_DAYS = 14;

function identityOf(p: TOrganisationProfile): OrganisationIdentity {
  return {
    displayName: p.displayName,
    legalName: p.legalName,
    registrationNumber: p.registrationNumber,
    contactName: p.contactName,
    contactEmail: p.contactEmail,
    contactPhone: p.contactPhone,
    website: p.website,
  };
}

/** What may appear in clear in the audit trail (identity fields are masked anyway). */
function publicFields(p: TOrganisationProfile) {
  return {
    operatingStatus: p.operatingStatus,
    operatingCountry: p.operatingCountry,
    registrationCountry: p.registrationCountry ?? null,
    sectors: p.sectors,
    foundedYear: p.foundedYear ?? null,
    staffSize: p.staffSize ?? null,
    annualBudget: p.annualBudget ?? null,
    annualBudgetCurrency: p.annualBudgetCurrency ?? null,
    isProtected: p.isProtected,
    regionOnly: p.regionOnly,
  };
}

async function freeCodename(tx: Tx): Promise<string> {
  for (;;) {
    const name = generateCodename();
    if (!(await tx.organisation.findUnique({ where: { codename: name }, select: { id: true } }))) return name;
  }
}

export async function createOrganisation(actor: Actor, profile: TOrganisationProfile) {
  return db.$transaction(async (tx) => {
    const org = await tx.organisation.create({
      data: {
        codename: await freeCodename(tx),
        publicName: profile.isProtected ? null : profile.displayName,
        ...publicFields(profile),
        operatingCountry: profile.operatingCountry!,
        createdById: actor.userId,
        memberships: { create: { userId: actor.userId, role: "ADMIN" } },
      },
    });
    await storeIdentity(tx, org.id, identityOf(profile));
    await writeAudit(tx, { userId: actor.userId, role: "APPLICANT" }, {
      action: "organisation.created",
      entityType: "Organisation",
      entityId: org.id,
      organisationId: org.id,
      after: publicFields(profile),
    });
    return { id: org.id, codename: org.codename };
  });
}

export async function updateOrganisation(actor: Actor, organisationId: string, version: number, profile: TOrganisationProfile) {
  await updateInTx(actor, organisationId, version, profile);
  await screenSoon(organisationId, "CHANGE");
}

async function updateInTx(actor: Actor, organisationId: string, version: number, profile: TOrganisationProfile) {
  return db.$transaction(async (tx) => {
    await requireMembership(tx, actor, organisationId, "ADMIN");
    // The key before the organisation's row: the order renewal and erase lock them in.
    await organisationDataKey(tx, organisationId, { lock: true });
    // Serialised with key-people edits: the identity read here is the one written over.
    await tx.$queryRaw`SELECT id FROM "Organisation" WHERE id = ${organisationId}::uuid FOR UPDATE`;
    const before = await tx.organisation.findUniqueOrThrow({ where: { id: organisationId }, include: { key: true } });
    if (before.key?.destroyedAt) throw new AppError("conflict");
    const updated = await tx.organisation.updateMany({
      where: { id: organisationId, version },
      data: {
        publicName: profile.isProtected ? null : profile.displayName,
        ...publicFields(profile),
        operatingCountry: profile.operatingCountry!,
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1) throw new AppError("staleVersion");
    // Key people and former names are kept (edited on their own page).
    const earlier = openIdentity(before, before.key);
    await storeIdentity(tx, organisationId, { ...identityOf(profile), formerNames: earlier?.formerNames, keyPeople: earlier?.keyPeople });
    await writeAudit(tx, { userId: actor.userId, role: "APPLICANT" }, {
      action: "organisation.updated",
      entityType: "Organisation",
      entityId: organisationId,
      organisationId,
      before: {
        operatingStatus: before.operatingStatus,
        operatingCountry: before.operatingCountry,
        sectors: before.sectors,
        isProtected: before.isProtected,
        regionOnly: before.regionOnly,
      },
      after: { ...publicFields(profile), identityChanged: true },
    });
  });
}

export async function addLostFunding(actor: Actor, input: TLostFunding) {
  return db.$transaction(async (tx) => {
    await requireMembership(tx, actor, input.organisationId);
    const row = await tx.lostFunding.create({
      data: {
        organisationId: input.organisationId,
        donor: input.donor,
        donorOther: input.donor === "OTHER" ? input.donorOther : null,
        programmeName: input.programmeName,
        annualAmount: input.annualAmount,
        currency: input.currency,
        startedOn: input.startedOn ? toDate(input.startedOn) : null,
        endedOn: toDate(input.endedOn),
        purpose: input.purpose,
        createdById: actor.userId,
      },
    });
    await writeAudit(tx, { userId: actor.userId, role: "APPLICANT" }, {
      action: "lostFunding.added",
      entityType: "LostFunding",
      entityId: row.id,
      organisationId: input.organisationId,
      after: { donor: input.donor, annualAmount: input.annualAmount, currency: input.currency, endedOn: input.endedOn },
    });
    return row.id;
  });
}

export async function removeLostFunding(actor: Actor, organisationId: string, lostFundingId: string) {
  return db.$transaction(async (tx) => {
    await requireMembership(tx, actor, organisationId);
    const row = await tx.lostFunding.findFirst({ where: { id: lostFundingId, organisationId } });
    if (!row) throw new AppError("notFound");
    await tx.lostFunding.delete({ where: { id: row.id } });
    await writeAudit(tx, { userId: actor.userId, role: "APPLICANT" }, {
      action: "lostFunding.removed",
      entityType: "LostFunding",
      entityId: row.id,
      organisationId,
      before: { donor: row.donor, annualAmount: row.annualAmount, currency: row.currency },
    });
  });
}

/** Returns the one-time token; only its hash is stored. */
export async function inviteMember(actor: Actor, input: { organisationId: string; email: string; role: "ADMIN" | "MEMBER" }) {
  return db.$transaction(async (tx) => {
    await requireMembership(tx, actor, input.organisationId, "ADMIN");
    const existing = await tx.membership.findFirst({
      where: { organisationId: input.organisationId, user: byEmail(input.email) },
    });
    if (existing) throw new AppError("duplicate", { email: "errors.field.alreadyMember" });
    const { token, hash } = newToken(24);
    const id = randomUUID();
    const invitation = await tx.invitation.create({
      data: {
        id,
        organisationId: input.organisationId,
        ...(await sealInvitationEmail(tx, input.organisationId, id, input.email)),
        role: input.role,
        tokenHash: hash,
        invitedById: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
      },
    });
    await writeAudit(tx, { userId: actor.userId, role: "APPLICANT" }, {
      action: "organisation.memberInvited",
      entityType: "Invitation",
      entityId: invitation.id,
      organisationId: input.organisationId,
      after: { role: input.role },
    });
    return { token, expiresAt: invitation.expiresAt };
  });
}

export async function findInvitation(token: string) {
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { organisation: { include: { key: true } } } });
  if (!invitation || invitation.acceptedAt || invitation.expiresAt <= new Date()) return null;
  const o = invitation.organisation;
  const email = await openInvitationEmail(db, invitation);
  if (!email) return null;
  return {
    email,
    role: invitation.role,
    organisationName: o.publicName ?? openIdentity(o, o.key)?.displayName ?? o.codename,
  };
}

/** Only the invited address can accept; anything else looks like an unknown token. */
export async function acceptInvitation(actor: Actor, token: string) {
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!invitation || invitation.acceptedAt || invitation.expiresAt <= new Date() || invitation.emailIndex !== emailIndex(actor.email)) {
      throw new AppError("notFound");
    }
    await tx.membership.upsert({
      where: { userId_organisationId: { userId: actor.userId, organisationId: invitation.organisationId } },
      create: { userId: actor.userId, organisationId: invitation.organisationId, role: invitation.role },
      update: {},
    });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } });
    await writeAudit(tx, { userId: actor.userId, role: "APPLICANT" }, {
      action: "organisation.memberJoined",
      entityType: "Membership",
      entityId: invitation.organisationId,
      organisationId: invitation.organisationId,
      after: { role: invitation.role },
    });
    return invitation.organisationId;
  });
}
