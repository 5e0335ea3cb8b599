// Bank references and organisation names that a spreadsheet would run as formulas are
// escaped in CSV and written as plain strings in XLSX; amounts stay numbers.
import { isDecimalText } from "@/lib/amounts";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { disbursementExport } from "@/lib/exports/disbursement-export";
import { ZDisbursementFilters } from "@/lib/reports/disbursements";
import { fundedGrant, funderTeam, parseCsv, pay, readAll, reverse, type FunderTeam } from "./world";

const REFS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+420 123", "-10+20", "@SUM(A1:A9)", "\tTAB-REF", "\r=1+1"];
let team: FunderTeam;

beforeAll(async () => {
  team = await funderTeam();
  const g = await fundedGrant(team, { tranches: REFS.map(() => "1000.00"), org: { name: "=2+5 Collective" } });
  const receipts = [];
  for (const [i, ref] of REFS.entries()) receipts.push(await pay(team, g.tranches[i]!.id, "2026-05-0" + (i + 1), ref));
  await reverse(team, receipts[0]!.ledgerEntryId, "2026-05-20");
}, 120_000);

describe("formula injection", () => {
  it("CSV: dangerous text gets a leading quote, negative amounts do not", async () => {
    const text = (await readAll((await disbursementExport(team.auditor, ZDisbursementFilters.parse({}), "csv")).stream)).toString("utf8");
    const [header, ...rest] = parseCsv(text);
    const rows = rest.filter((r) => /^\d+$/.test(r[0] ?? ""));
    expect(rows).toHaveLength(REFS.length + 1);
    const col = (n: string) => header!.indexOf(n);
    const refs = rows.map((r) => r[col("Bank reference")]);
    for (const ref of REFS) expect(refs).toContain(`'${ref}`);
    for (const r of rows) {
      expect(r[col("Organisation")]).toBe("'=2+5 Collective");
      for (const cell of r) {
        if (cell.startsWith("-") && isDecimalText(cell.slice(1), 30, 10)) continue;
        expect(cell).not.toMatch(/^[=+\-@\t\r\0]/);
      }
    }
    const reversal = rows.find((r) => r[col("Kind")] === "REVERSAL")!;
    expect([reversal[col("Amount")], reversal[col("Amount EUR")]]).toEqual(["-1000.00", "-1000.00"]);
  });

  it("XLSX: text cells are strings (never formulas), amounts are numbers", async () => {
    const buffer = await readAll((await disbursementExport(team.auditor, ZDisbursementFilters.parse({}), "xlsx")).stream);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const numeric = new Set(["Amount", "Amount EUR", "Rate per EUR"].map((h) => header.indexOf(h) + 1));
    const refs: unknown[] = [];
    let dataRows = 0;
    sheet.eachRow((row, n) => {
      row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
      if (n === 1 || !/^\d+$/.test(String(row.getCell(1).value))) return;
      dataRows++;
      for (let c = 1; c <= header.length; c++) {
        const v = row.getCell(c).value;
        if (numeric.has(c)) expect(typeof v).toBe("number");
        else if (v !== null) expect(typeof v).toBe("string");
      }
      refs.push(row.getCell(header.indexOf("Bank reference") + 1).value);
      if (row.getCell(header.indexOf("Kind") + 1).value === "REVERSAL") expect(row.getCell(header.indexOf("Amount") + 1).value).toBe(-1000);
    });
    expect(dataRows).toBe(REFS.length + 1);
    // XML parsing turns a bare CR into LF on the way back in; the text is otherwise intact.
    const lf = (v: unknown) => String(v).replace(/\r/g, "\n");
    for (const ref of REFS) expect(refs.map(lf)).toContain(lf(ref));
  });
});
