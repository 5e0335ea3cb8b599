// The one audit writer. Call it inside the transaction that makes the change, so the
// event and the change commit or fail together.
import "server-only";
import { Prisma, type Tx } from "../db";
import type { Actor } from "../auth/actor";
import { GENESIS_HASH, contentDigest, maskSensitive, normalise, streamOf } from "./chain";
import { currentRequestId } from "../request";
import type { AuditAction, AuditEntityType } from "./events";
import { memberActorId } from "../organisations/member-pseudonym";

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

/** What an event says, its stream and digest: everything but its place in the chain. */
export async function eventContent(tx: Tx, actor: AuditActor | null, input: AuditInput) {
  const stream = streamOf(input.funderId);
  const before = json(input.before);
  const after = json(input.after);
  const content = {
    at: new Date(),
    // A member acting for an organisation: its pseudonym there (organisations/member-pseudonym.ts).
    actorId: actor && actor.role === "APPLICANT" && input.organisationId ? await memberActorId(tx, input.organisationId, actor.userId) : (actor?.userId ?? null),
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
  // Everything but the place in the chain is hashed here, before any lock.
  return { content, stream, digest: contentDigest(content) };
}

export async function writeAudit(tx: Tx, actor: AuditActor | null, input: AuditInput) {
  const { content, stream, digest } = await eventContent(tx, actor, input);
  // One parameter for the whole event (unpacked by PostgreSQL): per-parameter work in the
  // driver is a noticeable share of a small transaction's cost (bench:audit).
  const e = JSON.stringify({ ...content, at: content.at.toISOString(), stream, digest });
  // One statement: take the stream's next position and id, link and hash them (chain.ts's
  // linkHash, computed by PostgreSQL), move the head and append the event. The head row stays
  // locked until commit, so appends to one stream are serialised and gapless; other streams do
  // not wait. The first event of a stream creates its head.
  const [row] = await tx.$queryRaw<{ id: bigint; seq: bigint; hash: string }[]>`
    WITH p AS (SELECT ${e}::jsonb AS e),
    n AS (SELECT nextval('"AuditEvent_id_seq"'::regclass) AS id, p.e->>'stream' AS stream, p.e->>'digest' AS digest FROM p),
    h AS (
      INSERT INTO "AuditHead" (stream, "lastSeq", "lastId", "prevHash", hash)
      SELECT n.stream, 1, n.id, ${GENESIS_HASH}::text,
             encode(sha256(convert_to(${GENESIS_HASH}::text || ':' || n.stream || ':1:' || n.id::text || ':' || n.digest, 'UTF8')), 'hex')
      FROM n
      ON CONFLICT (stream) DO UPDATE SET
        "lastSeq" = "AuditHead"."lastSeq" + 1,
        "lastId" = EXCLUDED."lastId",
        "prevHash" = "AuditHead".hash,
        hash = encode(sha256(convert_to("AuditHead".hash || ':' || "AuditHead".stream || ':' || ("AuditHead"."lastSeq" + 1)::text || ':' || EXCLUDED."lastId"::text || ':' || (SELECT digest FROM n), 'UTF8')), 'hex')
      RETURNING "lastSeq", "lastId", "prevHash", hash
    )
    INSERT INTO "AuditEvent" (id, at, "actorId", "actorRole", action, "entityType", "entityId", "funderId", "organisationId", before, after, "requestId", stream, "streamSeq", "prevHash", hash)
    SELECT h."lastId", (p.e->>'at')::timestamptz, (p.e->>'actorId')::uuid, p.e->>'actorRole', p.e->>'action', p.e->>'entityType', p.e->>'entityId',
           (p.e->>'funderId')::uuid, (p.e->>'organisationId')::uuid, NULLIF(p.e->'before', 'null'::jsonb), NULLIF(p.e->'after', 'null'::jsonb),
           p.e->>'requestId', p.e->>'stream', h."lastSeq", h."prevHash", h.hash
    FROM h, p
    RETURNING id, "streamSeq" AS seq, hash`;
  if (!row) throw new Error("audit event not written");
  return { id: row.id, hash: row.hash, stream, streamSeq: row.seq };
}
