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

export const ZAuditExport = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  format: z.enum(["csv", "json"]).default("csv"),
});

type Row = { id: string; at: string; actorId: string; actorRole: string; action: string; entityType: string; entityId: string; funderId: string; organisationId: string; before: string; after: string; requestId: string; prevHash: string; hash: string };

async function* events(scope: string[] | "all", from: Date, to: Date): AsyncGenerator<Row> {
  let after = 0n;
  for (;;) {
    const batch = await db.auditEvent.findMany({
      where: { id: { gt: after }, at: { gte: from, lt: to }, ...(scope === "all" ? {} : { funderId: { in: scope } }) },
      orderBy: { id: "asc" },
      take: 2000,
    });
    for (const e of batch) {
      yield {
        id: e.id.toString(), at: e.at.toISOString(), actorId: e.actorId ?? "", actorRole: e.actorRole ?? "", action: e.action, entityType: e.entityType,
        entityId: e.entityId ?? "", funderId: e.funderId ?? "", organisationId: e.organisationId ?? "",
        before: e.before === null ? "" : JSON.stringify(e.before), after: e.after === null ? "" : JSON.stringify(e.after),
        requestId: e.requestId ?? "", prevHash: e.prevHash, hash: e.hash,
      };
    }
    if (batch.length < 2000) return;
    after = batch.at(-1)!.id;
  }
}

const COLUMNS: Column<Row>[] = (["id", "at", "actorId", "actorRole", "action", "entityType", "entityId", "funderId", "organisationId", "before", "after", "requestId", "prevHash", "hash"] as const).map((key) => ({ key, title: key }));

export async function auditTrailExport(actor: Actor, input: z.output<typeof ZAuditExport>) {
  const scope = canPlatform(actor, "exports.unredacted") ? "all" as const : funderIdsWith(actor, "audit.view");
  if (scope !== "all" && scope.length === 0) throw new AppError("forbidden");
  const from = new Date(`${input.from}T00:00:00Z`);
  const to = new Date(new Date(`${input.to}T00:00:00Z`).getTime() + 86_400_000);
  await recordExport(actor, "audit-trail", input.format, { from: input.from, to: input.to }, false, scope);
  const head = await db.auditHead.findUnique({ where: { id: 1 } });
  const stamp = `${input.from}_${input.to}`;
  if (input.format === "csv") {
    return { stream: csvStream(events(scope, from, to), COLUMNS, () => [["Chain head", head?.lastId.toString() ?? "0", head?.hash ?? ""]]), contentType: "text/csv; charset=utf-8", fileName: `audit-trail-${stamp}.csv` };
  }
  async function* json() {
    yield `{"from":"${input.from}","to":"${input.to}","chainHead":{"lastId":"${head?.lastId ?? 0n}","hash":"${head?.hash ?? ""}"},"events":[`;
    let first = true;
    for await (const e of events(scope, from, to)) {
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
