// The ledger is covered by the audit trail's proofs: every ledger row written by the portal
// has an audit event carrying its content, and verification compares the table with those
// events. A row rewritten, forged or deleted behind the append-only trigger (by whoever
// holds the database owner's login) is reported, naming the row and, for a change, the field.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ownerDb } from "../../scripts/lib/owner-client";
import { verifyLedgerAgainstTrail } from "@/lib/audit/ledger-proof";
import { setGrantStatus } from "@/lib/grants/status";
import { LEDGER_PROOF_SELECT, ledgerProofContent } from "@/lib/ledger/proof-content";
import { fundedGrant, funderTeam, pay, reverse } from "./exports/world";

/**
 * An attacker with the owner's login, acting past the ledger's triggers (append-only and
 * guard) in one transaction. Here the test login is the superuser; once tests connect as
 * the app role, this is the one place to point at the owner's client.
 */
/** As a thief of the owner's login (the portal's own may not touch the ledger at all). */
async function asOwner<T = unknown>(sql: string, ...params: unknown[]): Promise<T[]> {
  return ownerDb().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
    return tx.$queryRawUnsafe<T[]>(sql, ...params);
  });
}

/** One funder, two grants: payments and a reversal on one, a termination (commitment cut) on the other. */
async function ledgerWorld() {
  const team = await funderTeam();
  const paid = await fundedGrant(team, { tranches: ["30000.00", "30000.00"] });
  const p1 = await pay(team, paid.tranches[0]!.id, "2026-03-10", "BANK-P1");
  const p2 = await pay(team, paid.tranches[1]!.id, "2026-04-15", "BANK-P2");
  const r2 = await reverse(team, p2.ledgerEntryId, "2026-04-20");
  const cut = await fundedGrant(team, { tranches: ["20000.00", "20000.00"] });
  await pay(team, cut.tranches[0]!.id, "2026-05-05", "BANK-C1");
  await setGrantStatus(team.officer, cut.grant.id, "TERMINATED", "Organisation dissolved");
  return { team, paid, cut, p1, p2, r2 };
}

// Built once: the file has its own database, and each test puts back what it tampered with.
let world: Awaited<ReturnType<typeof ledgerWorld>>;
beforeAll(async () => {
  world = await ledgerWorld();
});

describe("the ledger checked against the audit trail", () => {
  it("agrees when every row was written by the portal: commitments, payments, a reversal, a termination", async () => {
    const w = world;
    const rows = await db.ledgerEntry.findMany({ orderBy: { id: "asc" }, select: LEDGER_PROOF_SELECT });
    // 2 commitments on approval, 3 payments, 1 payment reversal, 1 commitment reversal and
    // 1 reduced commitment at the termination.
    expect(rows).toHaveLength(8);
    const report = await verifyLedgerAgainstTrail();
    expect(report).toEqual({ ok: true, rows: 8, problems: [] });
    // Page by page (3 rows, 3 events at a time) it comes to the same.
    expect(await verifyLedgerAgainstTrail({ pageSize: 3 })).toEqual(report);

    // Each row's event is on the row itself and carries its content exactly, whichever path wrote it.
    const events = await db.auditEvent.findMany({ where: { entityType: "LedgerEntry" }, orderBy: { id: "asc" }, select: { action: true, entityId: true, after: true } });
    expect(events.map((e) => e.entityId)).toEqual(rows.map((r) => r.id.toString()));
    expect(events.map((e) => (e.after as { ledgerEntry: unknown }).ledgerEntry)).toEqual(rows.map(ledgerProofContent));
    expect(events.map((e) => e.action)).toEqual([
      "commitment.recorded", "payment.recorded", "payment.recorded", "payment.reversed",
      "commitment.recorded", "payment.recorded", "commitment.reversed", "commitment.recorded",
    ]);
    const p1 = events.find((e) => e.entityId === w.p1.ledgerEntryId)!;
    expect((p1.after as { ledgerEntry: unknown }).ledgerEntry).toEqual({
      id: w.p1.ledgerEntryId, grantId: w.paid.grant.id, trancheId: w.paid.tranches[0]!.id, kind: "DISBURSEMENT",
      amount: "30000.00", currency: "EUR", eurAmount: "30000.00", eurRate: "1.00000000", valueDate: "2026-03-10",
      reversesId: null, bankReference: "BANK-P1", paidCurrency: null, paidAmount: null, paidFxRate: null,
      noteCode: null, note: null, createdById: w.team.finance.userId, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
  });

  it("reports a ledger amount rewritten behind the trigger, naming the row and the field", async () => {
    const w = world;
    const id = w.p1.ledgerEntryId;
    await asOwner(`UPDATE "LedgerEntry" SET amount = amount - 29000 WHERE id = $1::bigint`, id);
    try {
      expect((await db.ledgerEntry.findUniqueOrThrow({ where: { id: BigInt(id) } })).amount.toFixed(2)).toBe("1000.00");
      const report = await verifyLedgerAgainstTrail();
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([{ ledgerEntryId: id, reason: "differs", detail: expect.stringContaining("differs in amount — amount: table \"1000.00\", event \"30000.00\"") }]);
      expect(await verifyLedgerAgainstTrail({ pageSize: 1 })).toEqual(report);
    } finally {
      await asOwner(`UPDATE "LedgerEntry" SET amount = amount + 29000 WHERE id = $1::bigint`, id);
    }
    expect((await verifyLedgerAgainstTrail()).ok).toBe(true);
  });

  it("reports a ledger row forged behind the trigger, with no audit event", async () => {
    const w = world;
    const [forged] = await asOwner<{ id: bigint }>(
      `INSERT INTO "LedgerEntry" ("grantId", "trancheId", kind, amount, currency, "eurAmount", "eurRate", "valueDate", "bankReference", "createdById")
       VALUES ($1::uuid, $2::uuid, 'DISBURSEMENT', 5000.00, 'EUR', 5000.00, 1, '2026-06-01', 'FORGED-1', $3::uuid) RETURNING id`,
      w.paid.grant.id, w.paid.tranches[1]!.id, w.team.finance.userId,
    );
    try {
      const report = await verifyLedgerAgainstTrail();
      expect(report).toEqual({ ok: false, rows: 9, problems: [{ ledgerEntryId: forged!.id.toString(), reason: "noEvent", detail: "no audit event names this ledger row" }] });
      expect(await verifyLedgerAgainstTrail({ pageSize: 4 })).toEqual(report);
    } finally {
      await asOwner(`DELETE FROM "LedgerEntry" WHERE id = $1::bigint`, forged!.id.toString());
    }
    expect((await verifyLedgerAgainstTrail()).ok).toBe(true);
  });

  it("reports a ledger row deleted behind the trigger, from the event that recorded it", async () => {
    const w = world;
    const id = w.p1.ledgerEntryId;
    const [saved] = await asOwner<{ row: string }>(`SELECT row_to_json(l)::text AS row FROM "LedgerEntry" l WHERE id = $1::bigint`, id);
    await asOwner(`DELETE FROM "LedgerEntry" WHERE id = $1::bigint`, id);
    try {
      const report = await verifyLedgerAgainstTrail();
      expect(report).toEqual({ ok: false, rows: 7, problems: [{ ledgerEntryId: id, reason: "missingRow", detail: expect.stringMatching(/^event \d+ \(payment\.recorded\) names ledger row \d+, which is not in the table$/) }] });
      expect(await verifyLedgerAgainstTrail({ pageSize: 2 })).toEqual(report);
    } finally {
      // Put back as it was, every column, so the proof holds again.
      await asOwner(`INSERT INTO "LedgerEntry" SELECT * FROM json_populate_record(NULL::"LedgerEntry", $1::json)`, saved!.row);
    }
    expect(await verifyLedgerAgainstTrail()).toEqual({ ok: true, rows: 8, problems: [] });
  });
});
