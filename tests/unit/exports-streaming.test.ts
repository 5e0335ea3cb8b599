// The XLSX and PDF writers stop pulling rows while nobody reads the file (a slow download)
// and stop altogether when the reader goes away, instead of buffering the whole export.
import { describe, expect, it } from "vitest";
import type { Readable } from "node:stream";
import { pdfStream, xlsxStream, type Column } from "@/lib/exports/writers";

type Row = { id: string; text: string; amount: string };
const COLUMNS: Column<Row>[] = [
  { key: "id", title: "Id" },
  { key: "text", title: "Text" },
  { key: "amount", title: "Amount", numeric: true },
];
const TOTAL = 30_000;

function source() {
  const state = { pulled: 0 };
  async function* rows(): AsyncGenerator<Row> {
    for (let i = 0; i < TOTAL; i++) {
      state.pulled++;
      yield { id: String(i), text: `Row ${i} ${"x".repeat(40)} ${Math.random()}`, amount: `${i}.50` };
    }
  }
  return { state, rows: rows() };
}

/** Lets the writer run until it stops pulling rows (or has pulled them all). */
async function settle(state: { pulled: number }) {
  let last = -1;
  let still = 0;
  while (still < 30 && state.pulled < TOTAL) {
    await new Promise((r) => setTimeout(r, 10));
    still = state.pulled === last ? still + 1 : 0;
    last = state.pulled;
  }
}

async function drain(stream: Readable) {
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  return bytes;
}

const writers: Array<[string, (rows: AsyncIterable<Row>) => Readable]> = [
  ["xlsx", (rows) => xlsxStream(rows, COLUMNS, () => [["Total", "1"]], "Rows")],
  ["pdf", (rows) => pdfStream(rows, COLUMNS, () => [["Total", "1"]], "Rows")],
];

describe.each(writers)("%s writer back-pressure", (_name, make) => {
  it("pauses while the output is not read, then finishes when it is", async () => {
    const { state, rows } = source();
    const stream = make(rows);
    await settle(state);
    expect(state.pulled).toBeLessThan(TOTAL);
    expect(await drain(stream)).toBeGreaterThan(1000);
    expect(state.pulled).toBe(TOTAL);
  }, 120_000);

  it("stops reading rows when the reader goes away", async () => {
    const { state, rows } = source();
    const stream = make(rows);
    await settle(state);
    stream.destroy();
    await settle(state);
    const after = state.pulled;
    await settle(state);
    expect(state.pulled).toBe(after);
    expect(after).toBeLessThan(TOTAL);
  }, 120_000);
});
