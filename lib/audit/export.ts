// Auditors export the audit trail of their funders for a period (CSV or JSON), streamed.
import "server-only";
import { Readable } from "node:stream";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { canPlatform, funderIdsWith } from "../auth/permissions";
import { db } from "../db";
import { AppError } from "../errors";
import { recordExport } from "../reports/disbursements";
import { csvStream, type Column } from "../exports/writers";
import { CHECKPOINT_FORMAT } from "./checkpoint";
import { checkpointsFor } from "./checkpoints";

export const ZAuditExport = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  format: z.enum(["csv", "json"]).default("csv"),
});

type Row = { id: string; stream: string; streamSeq: string; at: string; actorId: string; actorRole: string; action: string; entityType: string; entityId: string; funderId: string; organisationId: string; before: string; after: string; requestId: string; prevHash: string; hash: string };

/** The streams an export covers: the funders' own, or every stream for the platform. */
async function streamsIn(scope: string[] | "all"): Promise<string[]> {
  const heads = await db.auditHead.findMany({ where: scope === "all" ? {} : { stream: { in: scope } }, select: { stream: true }, orderBy: { stream: "asc" } });
  return heads.map((h) => h.stream);
}

async function* events(streams: string[], from: Date, to: Date): AsyncGenerator<Row> {
  for (const stream of streams) {
    // The period's first and last positions, then every event between them: times taken
    // before the head lock can differ by a few milliseconds from position order, and a file
    // with a hole in a stream would not verify.
    const inPeriod = { stream, at: { gte: from, lt: to } };
    const [first, last] = await Promise.all([
      db.auditEvent.findFirst({ where: inPeriod, orderBy: { streamSeq: "asc" }, select: { streamSeq: true } }),
      db.auditEvent.findFirst({ where: inPeriod, orderBy: { streamSeq: "desc" }, select: { streamSeq: true } }),
    ]);
    if (!first || !last) continue;
    let after = first.streamSeq - 1n;
    for (;;) {
      const batch = await db.auditEvent.findMany({
        where: { stream, streamSeq: { gt: after, lte: last.streamSeq } },
        // Position order within each stream: a verifier reads each stream in one pass.
        orderBy: { streamSeq: "asc" },
        take: 2000,
      });
      for (const e of batch) {
        yield {
          id: e.id.toString(), stream: e.stream, streamSeq: e.streamSeq.toString(), at: e.at.toISOString(), actorId: e.actorId ?? "", actorRole: e.actorRole ?? "", action: e.action, entityType: e.entityType,
          entityId: e.entityId ?? "", funderId: e.funderId ?? "", organisationId: e.organisationId ?? "",
          before: e.before === null ? "" : JSON.stringify(e.before), after: e.after === null ? "" : JSON.stringify(e.after),
          requestId: e.requestId ?? "", prevHash: e.prevHash, hash: e.hash,
        };
      }
      if (batch.length < 2000) break;
      after = batch.at(-1)!.streamSeq;
    }
  }
}

const COLUMNS: Column<Row>[] = (["id", "stream", "streamSeq", "at", "actorId", "actorRole", "action", "entityType", "entityId", "funderId", "organisationId", "before", "after", "requestId", "prevHash", "hash"] as const).map((key) => ({ key, title: key }));

export async function auditTrailExport(actor: Actor, input: z.output<typeof ZAuditExport>) {
  const scope = canPlatform(actor, "exports.unredacted") ? "all" as const : funderIdsWith(actor, "audit.view");
  if (scope !== "all" && scope.length === 0) throw new AppError("forbidden");
  const from = new Date(`${input.from}T00:00:00Z`);
  const to = new Date(new Date(`${input.to}T00:00:00Z`).getTime() + 86_400_000);
  await recordExport(actor, "audit-trail", input.format, { from: input.from, to: input.to }, false, scope);
  const streams = await streamsIn(scope);
  const heads = await db.auditHead.findMany({ where: { stream: { in: streams } }, orderBy: { stream: "asc" } });
  // The signed checkpoints of the period (and each stream's latest), so that the file can be
  // verified offline with the instance's public key alone: npm run audit:verify -- --trail FILE.
  const checkpoints = await checkpointsFor(streams, from, to);
  const stamp = `${input.from}_${input.to}`;
  if (input.format === "csv") {
    const trailer = () => [
      ...heads.map((h) => ["Stream head", h.stream, h.lastSeq.toString(), h.hash]),
      ...checkpoints.map((c) => ["Checkpoint", c.stream, c.seq, c.headHash, c.count, c.at, c.keyId, c.signature]),
    ];
    return { stream: csvStream(events(streams, from, to), COLUMNS, trailer), contentType: "text/csv; charset=utf-8", fileName: `audit-trail-${stamp}.csv` };
  }
  async function* json() {
    const head = { format: CHECKPOINT_FORMAT, version: 1, from: input.from, to: input.to, heads: heads.map((h) => ({ stream: h.stream, lastSeq: h.lastSeq.toString(), hash: h.hash })), checkpoints };
    yield `${JSON.stringify(head).slice(0, -1)},"events":[`;
    let first = true;
    for await (const e of events(streams, from, to)) {
      yield `${first ? "" : ","}\n${JSON.stringify({ ...e, before: e.before ? JSON.parse(e.before) : null, after: e.after ? JSON.parse(e.after) : null })}`;
      first = false;
    }
    yield "\n]}\n";
  }
  return { stream: Readable.from(json()), contentType: "application/json; charset=utf-8", fileName: `audit-trail-${stamp}.json` };
}

/** Exports recently made by the actor or at the actor's funders (for the auditor's landing page). */
export async function recentExports(actor: Actor) {
  const funders = funderIdsWith(actor, "audit.view");
  const rows = await db.auditEvent.findMany({
    where: { action: { in: ["export.created", "export.unredacted"] }, OR: [{ actorId: actor.userId }, { funderId: { in: funders } }] },
    orderBy: { id: "desc" },
    take: 10,
    select: { id: true, at: true, action: true, after: true, actorRole: true },
  });
  return rows.map((r) => ({ id: r.id.toString(), at: r.at, unredacted: r.action === "export.unredacted", ...(r.after as { kind: string; format: string }) }));
}
