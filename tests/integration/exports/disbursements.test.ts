// The disbursement export reconciles with the ledger, stays inside the auditor's funders
// and narrows correctly under every filter.
import { beforeAll, describe, expect, it } from "vitest";
import { db, Prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { disbursementExport } from "@/lib/exports/disbursement-export";
import { disbursementPreview } from "@/lib/reports/disbursement-preview";
import { ZDisbursementFilters } from "@/lib/reports/disbursements";
import { actorFor, makeUser } from "../../factories";
import { pdfText, squeeze } from "./pdf-text";
import { disbursementWorld, parseCsv, readAll } from "./world";

let w: Awaited<ReturnType<typeof disbursementWorld>>;
let admin: Actor;

beforeAll(async () => {
  w = await disbursementWorld();
  admin = await actorFor((await makeUser({ admin: true })).id);
}, 120_000);

type Parsed = { header: string[]; rows: Record<string, string>[]; totals: string[][] };

async function exportCsv(actor: Actor, filters: Record<string, unknown> = {}): Promise<Parsed> {
  const file = await disbursementExport(actor, ZDisbursementFilters.parse(filters), "csv");
  const lines = parseCsv((await readAll(file.stream)).toString("utf8"));
  const header = lines[0]!;
  const end = lines.findIndex((l) => l[0] === "Totals");
  expect(end).toBeGreaterThan(0);
  const rows = lines.slice(1, end).filter((l) => l.some((c) => c !== "")).map((l) => Object.fromEntries(header.map((h, i) => [h, l[i] ?? ""])));
  return { header, rows, totals: lines.slice(end + 1).filter((l) => l.some((c) => c !== "")) };
}

async function ledgerSums(funderIds: string[]) {
  return db.$queryRaw<Array<{ currency: string; amount: Prisma.Decimal; eur: Prisma.Decimal; n: bigint }>>`
    SELECT l.currency, sum(l.amount) AS amount, sum(l."eurAmount") AS eur, count(*) AS n
    FROM "LedgerEntry" l JOIN "Grant" g ON g.id = l."grantId"
    WHERE g."funderId" = ANY(${funderIds}::uuid[]) AND l.kind <> 'COMMITMENT'
    GROUP BY l.currency ORDER BY l.currency`;
}

describe("disbursement export totals", () => {
  it("reconcile with the ledger per currency and in EUR, row for row", async () => {
    const csv = await exportCsv(w.a.auditor);
    const sums = await ledgerSums([w.a.funder.id]);
    expect(sums.map((s) => s.currency)).toEqual(["CZK", "EUR"]);
    const perCurrency = csv.totals.filter((l) => l[0] === "Total");
    expect(perCurrency).toEqual(sums.map((s) => ["Total", s.currency, s.amount.toFixed(2), "EUR", s.eur.toFixed(2), `${s.n} rows`]));
    const eurTotal = sums.reduce((a, s) => a.plus(s.eur), new Prisma.Decimal(0)).toFixed(2);
    const rowCount = sums.reduce((a, s) => a + Number(s.n), 0);
    expect(csv.totals.find((l) => l[0] === "Total EUR")).toEqual(["Total EUR", eurTotal, `${rowCount} rows`]);
    expect(csv.rows).toHaveLength(rowCount);
    // And by hand: 30 000 + 40 000 EUR; 200 000 + 300 000 − 300 000 CZK = 8 000 EUR at 25 CZK/EUR.
    expect(perCurrency).toEqual([
      ["Total", "CZK", "200000.00", "EUR", "8000.00", "3 rows"],
      ["Total", "EUR", "70000.00", "EUR", "70000.00", "2 rows"],
    ]);
    expect(eurTotal).toBe("78000.00");
    // The rows themselves add up to the printed totals.
    const sumOf = (cur: string, col: string) => csv.rows.filter((r) => r.Currency === cur).reduce((a, r) => a.plus(r[col]!), new Prisma.Decimal(0)).toFixed(2);
    expect([sumOf("CZK", "Amount"), sumOf("CZK", "Amount EUR"), sumOf("EUR", "Amount")]).toEqual(["200000.00", "8000.00", "70000.00"]);
    expect(csv.rows.filter((r) => r.Kind === "REVERSAL").map((r) => [r.Amount, r["Amount EUR"]])).toEqual([["-300000.00", "-12244.90"]]);
  });

  it("agree with the preview's database totals", async () => {
    const csv = await exportCsv(w.a.auditor);
    const preview = await disbursementPreview(w.a.auditor, ZDisbursementFilters.parse({}));
    expect(preview.totals.byCurrency.map((c) => ["Total", c.currency, c.amount, "EUR", c.eur, `${c.rows} rows`])).toEqual(csv.totals.filter((l) => l[0] === "Total"));
    expect(preview.rows.map((r) => r.entryId)).toEqual(csv.rows.map((r) => r["Ledger entry"]));
  });

  it("are printed in the reader's language with the same figures", async () => {
    const file = await disbursementExport({ ...w.a.auditor, locale: "ru" }, ZDisbursementFilters.parse({}), "csv");
    const lines = parseCsv((await readAll(file.stream)).toString("utf8")).filter((l) => l.some((c) => c !== ""));
    expect(lines[0]!.slice(0, 3)).toEqual(["Запись реестра", "Дата валютирования", "Вид"]);
    expect(lines.slice(-4)).toEqual([
      ["Итоги"],
      ["Итого", "CZK", "200000.00", "EUR", "8000.00", "3 строки"],
      ["Итого", "EUR", "70000.00", "EUR", "70000.00", "2 строки"],
      ["Итого EUR", "78000.00", "5 строк"],
    ]);
  });

  it("are the same when read in tiny keyset batches", async () => {
    const { disbursementRows, exportScope } = await import("@/lib/reports/disbursements");
    const totals = { byCurrency: [], eur: "0", rows: 0 };
    const ids: string[] = [];
    for await (const r of disbursementRows(exportScope(w.a.auditor, false), ZDisbursementFilters.parse({}), totals, 2)) ids.push(r.entryId);
    expect(ids).toEqual([...ids].sort((x, y) => Number(x) - Number(y)));
    expect(new Set(ids).size).toBe(5);
    expect(totals).toMatchObject({ eur: "78000.00", rows: 5 });
  });

  it("never show another funder's grants to an auditor", async () => {
    const a = await exportCsv(w.a.auditor);
    const b = await exportCsv(w.b.auditor);
    const aNumbers = new Set(a.rows.map((r) => r.Grant));
    expect(aNumbers).toEqual(new Set([w.eur.grant.number, w.czk.grant.number, w.regional.grant.number]));
    expect(b.rows.map((r) => r.Grant)).toEqual([w.other.grant.number]);
    // Asking for the other funder explicitly yields nothing, not its rows.
    const sneaky = await exportCsv(w.a.auditor, { funderId: w.b.funder.id });
    expect(sneaky.rows).toHaveLength(0);
    expect(sneaky.totals.find((l) => l[0] === "Total EUR")).toEqual(["Total EUR", "0.00", "0 rows"]);
    // Staff without exports.run are refused.
    await expect(disbursementExport(w.a.officer, ZDisbursementFilters.parse({}), "csv")).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("disbursement PDF", () => {
  it("shows every figure whole: dates, grant numbers, bank references, amounts and totals", async () => {
    const csv = await exportCsv(w.a.auditor);
    const file = await disbursementExport(w.a.auditor, ZDisbursementFilters.parse({}), "pdf");
    const pdf = await pdfText(await readAll(file.stream));
    expect(pdf.joined).not.toContain("…");
    expect(csv.rows.length).toBeGreaterThan(0);
    // The CSV guards text against formula injection with a leading quote; the PDF draws it as is.
    const raw = (v: string | undefined) => squeeze((v ?? "").replace(/^'(?=[=+\-@])/, ""));
    for (const r of csv.rows) {
      // Figures and dates stay on one line: each is one piece of text, exactly as in the CSV.
      for (const col of ["Ledger entry", "Value date", "Amount", "Currency", "Amount EUR", "Rate per EUR"]) expect(pdf.items, `${col} of ${r["Ledger entry"]}`).toContain(r[col]);
      // Grant numbers and bank references are whole, if need be over two lines of their cell.
      expect(pdf.joined).toContain(raw(r.Grant));
      expect(pdf.joined).toContain(raw(r["Bank reference"]));
      expect(pdf.joined).toContain(raw(r["Organisation identifier"]));
    }
    // Every cell of the totals, whole.
    expect(csv.totals.length).toBeGreaterThan(2);
    for (const line of csv.totals) for (const cell of line.filter(Boolean)) expect(pdf.items, `totals: ${line.join(" | ")}`).toContain(cell);
  });
});

describe("disbursement XLSX", () => {
  it("writes the totals as numbers a spreadsheet can add up", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readAll((await disbursementExport(w.a.auditor, ZDisbursementFilters.parse({}), "xlsx")).stream)) as unknown as ArrayBuffer);
    const lines: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => lines.push((r.values as unknown[]).slice(1)));
    const totals = lines.filter((l) => l[0] === "Total" || l[0] === "Total EUR");
    expect(totals).toEqual([
      ["Total", "CZK", 200000, "EUR", 8000, "3 rows"],
      ["Total", "EUR", 70000, "EUR", 70000, "2 rows"],
      ["Total EUR", 78000, "5 rows"],
    ]);
  });
});

describe("disbursement export filters", () => {
  const ids = (p: Parsed) => p.rows.map((r) => r["Ledger entry"]).sort();
  const entries = (...e: Array<{ ledgerEntryId: string } | string>) => e.map((x) => (typeof x === "string" ? x : x.ledgerEntryId)).sort();

  it("narrow by value-date period, inclusive at both ends", async () => {
    const { p2, p3, r3 } = w.payments;
    expect(ids(await exportCsv(w.a.auditor, { from: "2026-04-15", to: "2026-07-01" }))).toEqual(entries(p2, p3));
    expect(ids(await exportCsv(w.a.auditor, { from: "2026-07-02" }))).toEqual(entries(r3, w.payments.p4));
    expect(ids(await exportCsv(w.a.auditor, { to: "2026-03-10" }))).toEqual(entries(w.payments.p1));
    for (const r of (await exportCsv(w.a.auditor, { from: "2026-04-01", to: "2026-08-01" })).rows) {
      expect(r["Value date"]! >= "2026-04-01" && r["Value date"]! <= "2026-08-01").toBe(true);
    }
  });

  it("narrow by currency, with totals for that currency only", async () => {
    const czk = await exportCsv(w.a.auditor, { currency: "CZK" });
    expect(czk.rows.every((r) => r.Currency === "CZK")).toBe(true);
    expect(ids(czk)).toEqual(entries(w.payments.p2, w.payments.p3, w.payments.r3));
    expect(czk.totals.filter((l) => l[0] === "Total").map((l) => l[1])).toEqual(["CZK"]);
    expect(czk.totals.find((l) => l[0] === "Total EUR")).toEqual(["Total EUR", "8000.00", "3 rows"]);
  });

  it("narrow by funder (for an actor who sees all) and by organisation", async () => {
    const onlyB = await exportCsv(admin, { funderId: w.b.funder.id });
    expect(ids(onlyB)).toEqual(entries(w.payments.p5));
    const all = await exportCsv(admin);
    expect(ids(all)).toEqual(entries(...Object.values(w.payments)));
    const org = await exportCsv(w.a.auditor, { organisationId: w.czk.org.id });
    expect(ids(org)).toEqual(entries(w.payments.p2, w.payments.p3, w.payments.r3));
    expect(new Set(org.rows.map((r) => r.Grant))).toEqual(new Set([w.czk.grant.number]));
    const grant = await exportCsv(w.a.auditor, { grantId: w.eur.grant.id });
    expect(ids(grant)).toEqual(entries(w.payments.p1));
  });

  it("narrow by country, but never reveal a region-only organisation's country", async () => {
    expect(ids(await exportCsv(w.a.auditor, { country: "LV" }))).toEqual(entries(w.payments.p1));
    expect(ids(await exportCsv(w.a.auditor, { country: "RU" }))).toEqual(entries(w.payments.p2, w.payments.p3, w.payments.r3));
    // The Georgian organisation asked to be shown by region only: filtering by GE must not find it.
    expect(ids(await exportCsv(w.a.auditor, { country: "GE" }))).toEqual([]);
    const preview = await disbursementPreview(w.a.auditor, ZDisbursementFilters.parse({ country: "GE" }));
    expect([preview.rows, preview.totals.rows]).toEqual([[], 0]);
  });
});
