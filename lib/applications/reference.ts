import "server-only";
import type { Tx } from "../db";

/** A-2026-000042: year of creation and a number from one database sequence. */
export async function nextApplicationReference(tx: Tx, now = new Date()): Promise<string> {
  const [row] = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('application_reference_seq') AS n`;
  return `A-${now.getUTCFullYear()}-${String(row!.n).padStart(6, "0")}`;
}
