// Key people (director, board, signatories, account holders) and former names: part of the
// sealed identity, screened against the sanctions lists whenever they change.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "../auth/actor";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { AppError } from "../errors";
import { screenSoon } from "../sanctions/screen";
import { openIdentity, organisationDataKey, storeIdentity, type OrganisationIdentity } from "./identity";
import { requireMembership } from "./policy";
import type { TKeyPersonInput } from "./schemas";

const MAX_KEY_PEOPLE = 30;

async function changeIdentity(actor: Actor, organisationId: string, change: (identity: OrganisationIdentity) => OrganisationIdentity, summary: Record<string, unknown>) {
  await db.$transaction(async (tx) => {
    await requireMembership(tx, actor, organisationId, "ADMIN");
    await organisationDataKey(tx, organisationId, { lock: true });
    // Two edits of the identity at once: the second reads what the first wrote.
    await tx.$queryRaw`SELECT id FROM "Organisation" WHERE id = ${organisationId}::uuid FOR UPDATE`;
    const org = await tx.organisation.findUniqueOrThrow({ where: { id: organisationId }, include: { key: true } });
    const identity = org.key?.destroyedAt ? null : openIdentity(org, org.key);
    if (!identity) throw new AppError("conflict");
    await storeIdentity(tx, organisationId, change(identity));
    // A new version: the screening of the old one no longer counts for awards and payments.
    await tx.organisation.update({ where: { id: organisationId }, data: { version: { increment: 1 } } });
    await writeAudit(tx, { userId: actor.userId, role: "APPLICANT" }, {
      action: "organisation.updated", entityType: "Organisation", entityId: organisationId, organisationId, after: { identityChanged: true, ...summary },
    });
  });
  await screenSoon(organisationId, "CHANGE");
}

export async function addKeyPerson(actor: Actor, input: TKeyPersonInput) {
  const id = randomUUID();
  await changeIdentity(actor, input.organisationId, (identity) => {
    const people = identity.keyPeople ?? [];
    if (people.length >= MAX_KEY_PEOPLE) throw new AppError("validation", { name: "errors.field.tooMany" });
    const person = { id, role: input.role, name: input.name, latinName: input.latinName, birthDate: input.birthDate, nationality: input.nationality };
    return { ...identity, keyPeople: [...people, person] };
  }, { keyPersonAdded: input.role });
  return id;
}

export async function removeKeyPerson(actor: Actor, organisationId: string, personId: string) {
  await changeIdentity(actor, organisationId, (identity) => {
    const people = identity.keyPeople ?? [];
    if (!people.some((p) => p.id === personId)) throw new AppError("notFound");
    return { ...identity, keyPeople: people.filter((p) => p.id !== personId) };
  }, { keyPersonRemoved: true });
}

export async function setFormerNames(actor: Actor, organisationId: string, formerNames: string[]) {
  await changeIdentity(actor, organisationId, (identity) => ({ ...identity, formerNames }), { formerNames: formerNames.length });
}
