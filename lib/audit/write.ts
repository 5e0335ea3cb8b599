// The one audit writer. Call it inside the transaction that makes the change, so the
// event and the change commit or fail together.
import "server-only";
import { Prisma, type Tx } from "../db";
import type { Actor } from "../auth/actor";
import { hashEvent, maskSensitive, normalise } from "./chain";
import { currentRequestId } from "../request";

export type AuditInput = {
  action: string;
  entityType: string;
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
  // Locking the head row serialises appends; under REPEATABLE READ or SERIALIZABLE a
  // concurrent append makes this fail with a serialisation error, and the caller retries.
  const [head] = await tx.$queryRaw<{ lastId: bigint; hash: string }[]>`
    SELECT "lastId", hash FROM "AuditHead" WHERE id = 1 FOR UPDATE`;
  if (!head) throw new Error("audit head row missing");
  const [next] = await tx.$queryRaw<{ id: bigint }[]>`
    SELECT nextval(pg_get_serial_sequence('"AuditEvent"', 'id')) AS id`;
  const id = next!.id;
  const at = new Date();
  const before = json(input.before);
  const after = json(input.after);
  const content = {
    id,
    at,
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
  const hash = hashEvent(head.hash, content);
  await tx.auditEvent.create({
    data: { ...content, before, after, prevHash: head.hash, hash },
  });
  await tx.$executeRaw`UPDATE "AuditHead" SET "lastId" = ${id}, hash = ${hash} WHERE id = 1`;
  return { id, hash };
}
