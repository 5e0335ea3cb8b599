// The one audit writer. Call it inside the transaction that makes the change, so the
// event and the change commit or fail together.
import "server-only";
import { Prisma, type Tx } from "../db";
import type { Actor } from "../auth/actor";
import { hashEvent, maskSensitive, normalise } from "./chain";
import { currentRequestId } from "../request";
import type { AuditAction, AuditEntityType } from "./events";

export type AuditInput = {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | null;
  funderId?: string | null;
  organisationId?: string | null;
  before?: unknown;
  after?: unknown;
};

export type AuditActor = Pick<Actor, "userId"> & { role?: string | null };

function json(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  if (value === undefined || value === null) return Prisma.DbNull;
  return normalise(maskSensitive(value)) as Prisma.InputJsonValue;
}

export async function writeAudit(tx: Tx, actor: AuditActor | null, input: AuditInput) {
  // Taking the next position on the head row locks it: appends are serialised, ids are
  // gapless, and under REPEATABLE READ or SERIALIZABLE a concurrent append fails with a
  // serialisation error so the caller retries.
  const [head] = await tx.$queryRaw<{ id: bigint; prevHash: string }[]>`
    UPDATE "AuditHead" SET "lastId" = "lastId" + 1 WHERE id = 1
    RETURNING "lastId" AS id, hash AS "prevHash"`;
  if (!head) throw new Error("audit head row missing");
  const before = json(input.before);
  const after = json(input.after);
  const content = {
    id: head.id,
    at: new Date(),
    actorId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    funderId: input.funderId ?? null,
    organisationId: input.organisationId ?? null,
    before: before === Prisma.DbNull ? null : before,
    after: after === Prisma.DbNull ? null : after,
    requestId: await currentRequestId(),
  };
  const hash = hashEvent(head.prevHash, content);
  const jsonOrNull = (v: unknown) => (v === null ? null : JSON.stringify(v));
  await tx.$executeRaw`
    WITH event AS (
      INSERT INTO "AuditEvent" (id, at, "actorId", "actorRole", action, "entityType", "entityId", "funderId", "organisationId", before, after, "requestId", "prevHash", hash)
      VALUES (${content.id}, ${content.at}, ${content.actorId}::uuid, ${content.actorRole}, ${content.action}, ${content.entityType}, ${content.entityId},
              ${content.funderId}::uuid, ${content.organisationId}::uuid, ${jsonOrNull(content.before)}::jsonb, ${jsonOrNull(content.after)}::jsonb,
              ${content.requestId}, ${head.prevHash}, ${hash})
      RETURNING id
    )
    UPDATE "AuditHead" SET hash = ${hash} WHERE id = 1 AND EXISTS (SELECT 1 FROM event)`;
  return { id: head.id, hash };
}
