// Streams a query's rows with COPY … TO STDOUT on a connection of the copy pool, then reads
// the totals in the same REPEATABLE READ snapshot, so the totals add up to exactly the rows
// that were written even while payments are being recorded.
import "server-only";
import { escapeLiteral } from "pg";
import { to as copyTo } from "pg-copy-streams";
import { copyPool, Prisma } from "../db";
import type { Totals } from "../reports/disbursements";

type TotalRow = { currency: string; amount: string; eur: string; rows: number };

export function totalsOf(rows: TotalRow[]): Totals {
  const byCurrency = rows.map((r) => ({ currency: r.currency, amount: new Prisma.Decimal(r.amount).toFixed(2), eur: new Prisma.Decimal(r.eur).toFixed(2), rows: r.rows }));
  return {
    byCurrency,
    eur: byCurrency.reduce((acc, c) => acc.plus(c.eur), new Prisma.Decimal(0)).toFixed(2),
    rows: byCurrency.reduce((acc, c) => acc + c.rows, 0),
  };
}

/**
 * The COPY output chunk by chunk (backpressure is the reader's); `totals` is filled before the
 * last yield returns. The totals are summed beside the COPY on a second connection that
 * imports the first one's snapshot, so both see exactly the same rows.
 */
export async function* copyWithTotals(copySql: string, totalsSql: string, totals: Totals, options = "FORMAT csv"): AsyncGenerator<Buffer> {
  const client = await copyPool().connect();
  const side = await copyPool("sums").connect();
  let clean = false;
  let sums: Promise<TotalRow[]> | undefined;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows } = await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
    await side.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await side.query(`SET TRANSACTION SNAPSHOT ${escapeLiteral(rows[0]!.id)}`);
    sums = side.query<TotalRow>(totalsSql).then((r) => r.rows);
    sums.catch(() => undefined); // awaited below; a rejection before then is not unhandled
    for await (const chunk of client.query(copyTo(`COPY (${copySql}) TO STDOUT WITH (${options})`))) yield chunk as Buffer;
    Object.assign(totals, totalsOf(await sums));
    await side.query("COMMIT");
    await client.query("COMMIT");
    clean = true;
  } finally {
    // A download given up half-way leaves the COPY (and maybe the sums) running: those connections are closed, not reused.
    client.release(!clean);
    side.release(!clean);
  }
}
