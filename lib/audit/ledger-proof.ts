// The ledger checked against the audit trail. Every ledger insert writes, in its own
// transaction, an audit event on the entity ("LedgerEntry", the row's id) whose
// `after.ledgerEntry` holds the row's canonical content (lib/ledger/proof-content.ts). The
// chain proves those events unchanged; this proves the table agrees with them, so a ledger
// row rewritten, forged or removed behind the append-only trigger (by whoever holds the
// owner's login) is found even though the table itself can no longer vouch for it.
//
// Two keyset passes, each in pages: the ledger in id order with the events of each page's
// ids (the (entityType, entityId) index), then the ledger's events in id order with a
// look-up of their rows. Memory holds one page of each, plus the problems found.
import "server-only";
import { db } from "../db";
import { LEDGER_PROOF_SELECT, ledgerProofContent, ledgerProofDifferences, type LedgerProofContent } from "../ledger/proof-content";

export type LedgerProofProblem = { ledgerEntryId: string; reason: "noEvent" | "differs" | "missingRow"; detail: string };
export type LedgerProofReport = { ok: boolean; rows: number; problems: LedgerProofProblem[] };

const DEFAULT_PAGE = 2000;
const ENTITY = "LedgerEntry";

type EventRow = { id: bigint; action: string; entityId: string | null; after: unknown };
const EVENT_SELECT = { id: true, action: true, entityId: true, after: true } as const;

/** The ledger content an event carries, or undefined when it carries none (events before proofs). */
function carried(e: EventRow): unknown {
  const after = e.after;
  if (after === null || typeof after !== "object" || Array.isArray(after)) return undefined;
  return (after as Record<string, unknown>).ledgerEntry;
}

const show = (v: unknown) => (v === undefined ? "absent" : JSON.stringify(v));

function describeDifferences(expected: LedgerProofContent, recorded: unknown, fields: string[], e: EventRow): string {
  const r = recorded !== null && typeof recorded === "object" ? (recorded as Record<string, unknown>) : {};
  const parts = fields.map((f) => `${f}: table ${show((expected as Record<string, unknown>)[f])}, event ${show(r[f])}`);
  return `event ${e.id} (${e.action}) differs in ${fields.join(", ")} — ${parts.join("; ")}`;
}

/** `pageSize` is for tests of the paging; callers leave it. */
export async function verifyLedgerAgainstTrail(opts: { pageSize?: number } = {}): Promise<LedgerProofReport> {
  const PAGE = opts.pageSize ?? DEFAULT_PAGE;
  const problems: LedgerProofProblem[] = [];
  let rows = 0;

  // Pass 1: every row has an event carrying exactly its content.
  let lastRowId = -1n;
  for (;;) {
    const page = await db.ledgerEntry.findMany({ where: { id: { gt: lastRowId } }, orderBy: { id: "asc" }, take: PAGE, select: LEDGER_PROOF_SELECT });
    if (page.length === 0) break;
    const ids = page.map((r) => r.id.toString());
    const events = await db.auditEvent.findMany({ where: { entityType: ENTITY, entityId: { in: ids } }, orderBy: { id: "asc" }, select: EVENT_SELECT });
    const byRow = new Map<string, EventRow[]>();
    for (const e of events) byRow.set(e.entityId!, [...(byRow.get(e.entityId!) ?? []), e]);
    for (const row of page) {
      const id = row.id.toString();
      const expected = ledgerProofContent(row);
      const withContent = (byRow.get(id) ?? []).filter((e) => carried(e) !== undefined);
      if (withContent.length === 0) {
        const bare = byRow.get(id) ?? [];
        problems.push({
          ledgerEntryId: id,
          reason: "noEvent",
          detail: bare.length
            ? `no audit event carries this row's content (event ${bare.map((e) => `${e.id} (${e.action})`).join(", ")} names it without)`
            : "no audit event names this ledger row",
        });
      } else {
        // Normally one event per row; should there be more, each must agree with the table.
        for (const e of withContent) {
          const fields = ledgerProofDifferences(expected, carried(e));
          if (fields.length) problems.push({ ledgerEntryId: id, reason: "differs", detail: describeDifferences(expected, carried(e), fields, e) });
        }
      }
    }
    rows += page.length;
    lastRowId = page[page.length - 1]!.id;
    if (page.length < PAGE) break;
  }

  // Pass 2: every ledger event's row is still there.
  const reported = new Set<string>();
  let lastEventId = 0n;
  for (;;) {
    const events = await db.auditEvent.findMany({ where: { entityType: ENTITY, id: { gt: lastEventId } }, orderBy: { id: "asc" }, take: PAGE, select: EVENT_SELECT });
    if (events.length === 0) break;
    const named = [...new Set(events.map((e) => e.entityId).filter((id): id is string => id !== null && /^\d+$/.test(id)))];
    const present = new Set(
      (await db.ledgerEntry.findMany({ where: { id: { in: named.map((id) => BigInt(id)) } }, select: { id: true } })).map((r) => r.id.toString()),
    );
    for (const e of events) {
      const id = e.entityId ?? "";
      if (present.has(id) || reported.has(id)) continue;
      reported.add(id);
      problems.push({
        ledgerEntryId: id,
        reason: "missingRow",
        detail: /^\d+$/.test(id) ? `event ${e.id} (${e.action}) names ledger row ${id}, which is not in the table` : `event ${e.id} (${e.action}) names no ledger row id`,
      });
    }
    lastEventId = events[events.length - 1]!.id;
    if (events.length < PAGE) break;
  }

  return { ok: problems.length === 0, rows, problems };
}
