// The one audit writer. Call it inside the transaction that makes the change, so the
// event and the change commit or fail together.
import "server-only";
import { Prisma, type Tx } from "../db";
import type { Actor } from "../auth/actor";
import { GENESIS_HASH, hashEvent, maskSensitive, normalise, streamOf } from "./chain";
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
  const stream = streamOf(input.funderId);
  // Taking the stream's next position locks only that stream's head row until commit:
  // appends to one stream are serialised and its positions gapless, other streams do not
  // wait. The first event of a stream creates its head. The id comes from the sequence in
  // the same statement, so ids rise with positions within a stream.
  const [head] = await tx.$queryRaw<{ id: bigint; seq: bigint; prevHash: string }[]>`
    INSERT INTO "AuditHead" (stream, "lastSeq", hash) VALUES (${stream}, 1, ${GENESIS_HASH})
    ON CONFLICT (stream) DO UPDATE SET "lastSeq" = "AuditHead"."lastSeq" + 1
    RETURNING nextval(pg_get_serial_sequence('"AuditEvent"', 'id')) AS id, "lastSeq" AS seq, hash AS "prevHash"`;
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
    stream,
    streamSeq: head.seq,
  };
  const hash = hashEvent(head.prevHash, content);
  const jsonOrNull = (v: unknown) => (v === null ? null : JSON.stringify(v));
  await tx.$executeRaw`
    WITH event AS (
      INSERT INTO "AuditEvent" (id, at, "actorId", "actorRole", action, "entityType", "entityId", "funderId", "organisationId", before, after, "requestId", stream, "streamSeq", "prevHash", hash)
      VALUES (${content.id}, ${content.at}, ${content.actorId}::uuid, ${content.actorRole}, ${content.action}, ${content.entityType}, ${content.entityId},
              ${content.funderId}::uuid, ${content.organisationId}::uuid, ${jsonOrNull(content.before)}::jsonb, ${jsonOrNull(content.after)}::jsonb,
              ${content.requestId}, ${stream}, ${head.seq}, ${head.prevHash}, ${hash})
      RETURNING id
    )
    UPDATE "AuditHead" SET hash = ${hash} WHERE stream = ${stream} AND EXISTS (SELECT 1 FROM event)`;
  return { id: head.id, hash, stream, streamSeq: head.seq };
}
