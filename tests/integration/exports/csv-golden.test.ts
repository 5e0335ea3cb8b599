// The CSV disbursement export, byte for byte, against the row-by-row writer it replaced
// (keyset batches through Prisma, redaction and formula guard in JavaScript, csv-stringify):
// awkward text (quotes, commas, line breaks, formula-looking cells, Cyrillic), protected and
// region-only organisations, several currencies, a reversal, filters, locales, unredacted.
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { disbursementExport } from "@/lib/exports/disbursement-export";
import { csvCell } from "@/lib/exports/csv-cell";
import { translatorFor } from "@/lib/i18n/messages";
import { disbursementRows, exportScope, ZDisbursementFilters, type DisbursementRow, type Totals } from "@/lib/reports/disbursements";
import { actorFor, makeUser } from "../../factories";
import { disbursementWorld, fundedGrant, pay, readAll } from "./world";

const KEYS = ["entryId", "valueDate", "kind", "grantNumber", "grantStatus", "funder", "programme", "call", "organisation", "organisationId", "country", "region", "amount", "currency", "eurAmount", "eurRate", "bankReference"] as const;

/** Today's CSV, written as the export wrote it before COPY: one JavaScript row at a time. */
async function reference(actor: Actor, raw: Record<string, unknown>): Promise<string> {
  const filters = ZDisbursementFilters.parse(raw);
  const t = translatorFor(actor.locale);
  const keys: Array<keyof DisbursementRow> = filters.unredacted ? [...KEYS, "legalName"] : [...KEYS];
  const totals: Totals = { byCurrency: [], eur: "0.00", rows: 0 };
  let out = "\uFEFF" + stringify([keys.map((k) => t(`exportFile.columns.${k}`))]);
  const rows: string[][] = [];
  for await (const row of disbursementRows(exportScope(actor, filters.unredacted), filters, totals)) rows.push(keys.map((k) => csvCell(row[k])));
  if (rows.length) out += stringify(rows);
  const lines = [
    [t("exportFile.totals")],
    ...totals.byCurrency.map((c) => [t("exportFile.total"), c.currency, c.amount, "EUR", c.eur, t("exportFile.rows", { count: c.rows })]),
    [t("exportFile.totalEur"), totals.eur, t("exportFile.rows", { count: totals.rows })],
  ];
  return out + stringify([[], ...lines.map((l) => l.map(csvCell))]);
}

async function exported(actor: Actor, raw: Record<string, unknown>): Promise<string> {
  return (await readAll((await disbursementExport(actor, ZDisbursementFilters.parse(raw), "csv")).stream)).toString("utf8");
}

let w: Awaited<ReturnType<typeof disbursementWorld>>;
let admin: Actor;

beforeAll(async () => {
  w = await disbursementWorld();
  admin = await actorFor((await makeUser({ admin: true })).id);
  // Text a CSV writer must quote, double or guard, in every column that carries free text.
  const awkward = await fundedGrant(w.a, {
    tranches: ["1234.56", "0.01", "99999.99", "500.00", "250.00"],
    org: { name: 'Kyiv "Free" Press, Ltd.\nNew line', legalName: 'ООО "Свободная, пресса"\r\n=1+1', country: "UA", registrationCountry: "CZ" },
  });
  await db.organisation.update({ where: { id: awkward.org.id }, data: { publicName: '@Вільна преса, "Київ"\n2-й рядок' } });
  await db.funder.update({ where: { id: w.a.funder.id }, data: { code: "-FUND,\"A\"" } });
  await db.programme.update({ where: { id: awkward.programme.id }, data: { code: "+P\nROG" } });
  await pay(w.a, awkward.tranches[0]!.id, "2026-02-01", 'REF, "quoted"\nsecond line');
  await pay(w.a, awkward.tranches[1]!.id, "2026-02-02", "\t=cmd|' /C calc'!A0");
  await pay(w.a, awkward.tranches[2]!.id, "2026-02-03", "-12.50");
  await pay(w.a, awkward.tranches[3]!.id, "2026-02-04", "");
  await pay(w.a, awkward.tranches[4]!.id, "2026-02-05", '\r=1+1, "x"');
  // A protected organisation whose codename itself looks like a formula.
  await db.organisation.update({ where: { id: w.czk.org.id }, data: { codename: '=Hidden "Owl", CR\rend' } });
}, 180_000);

describe("CSV disbursement export, byte for byte", () => {
  const cases: Array<[string, () => Actor, () => Record<string, unknown>]> = [
    ["an auditor's redacted export", () => w.a.auditor, () => ({})],
    ["the other funder's auditor", () => w.b.auditor, () => ({})],
    ["a platform admin, redacted, every funder", () => admin, () => ({})],
    ["a platform admin, unredacted (legal names)", () => admin, () => ({ unredacted: "1" })],
    ["Russian titles and totals", () => ({ ...w.a.auditor, locale: "ru" }), () => ({})],
    ["a period and a currency", () => w.a.auditor, () => ({ from: "2026-02-02", to: "2026-07-01", currency: "EUR" })],
    ["a country filter", () => w.a.auditor, () => ({ country: "UA" })],
    ["a region-only country filter (no rows)", () => w.a.auditor, () => ({ country: "GE" })],
    ["the other funder asked for (no rows)", () => w.a.auditor, () => ({ funderId: w.b.funder.id })],
    ["one organisation, grant status", () => w.a.auditor, () => ({ organisationId: w.czk.org.id, status: "ACTIVE" })],
  ];
  it.each(cases)("%s", async (_name, actor, filters) => {
    const expected = await reference(actor(), filters());
    const actual = await exported(actor(), filters());
    expect(actual).toBe(expected);
    expect(Buffer.from(actual, "utf8").equals(Buffer.from(expected, "utf8"))).toBe(true);
  });

  it("has the awkward cells the comparison is about", async () => {
    const text = await reference(admin, { unredacted: "1" });
    for (const cell of ['"\'@Вільна преса, ""Київ""\n2-й рядок"', '"REF, ""quoted""\nsecond line"', "'\t=cmd|' /C calc'!A0", ",-12.50,\"ООО", '"\'-FUND,""A"""', '"\'+P\nROG"', '"\'\r=1+1, ""x"""', ",-300000.00,"]) {
      expect(text).toContain(cell);
    }
    expect(text).toContain('"ООО ""Свободная, пресса""\r\n=1+1"');
    expect(await reference(admin, {})).toContain('"\'=Hidden ""Owl"", CR\rend"');
  });
});

describe("XLSX disbursement export, cell for cell", () => {
  it.each([
    ["redacted", () => w.a.auditor, {}],
    ["unredacted", () => admin, { unredacted: "1" }],
  ] as Array<[string, () => Actor, Record<string, unknown>]>)("%s: every row as the row-by-row reader gives it, figures as numbers", async (_name, actor, raw) => {
    const filters = ZDisbursementFilters.parse(raw);
    const keys: Array<keyof DisbursementRow> = filters.unredacted ? [...KEYS, "legalName"] : [...KEYS];
    const numeric = new Set<string>(["amount", "eurAmount", "eurRate"]);
    const totals: Totals = { byCurrency: [], eur: "0.00", rows: 0 };
    const expected: unknown[][] = [];
    for await (const row of disbursementRows(exportScope(actor(), filters.unredacted), filters, totals)) {
      expected.push(keys.map((k) => (numeric.has(k) ? Number(row[k]) : row[k] === "" ? undefined : row[k])));
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readAll((await disbursementExport(actor(), filters, "xlsx")).stream)) as unknown as ArrayBuffer);
    const lines: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r, n) => lines.push([n, ...Array.from({ length: keys.length }, (_, i) => r.getCell(i + 1).value ?? undefined)]));
    expect(lines[0]!.slice(1)).toEqual(keys.map((k) => translatorFor("en")(`exportFile.columns.${k}`)));
    expect(lines.slice(1, expected.length + 1)).toEqual(expected.map((cells, i) => [i + 2, ...cells]));
    // A blank row, then the totals with their figures as numbers.
    expect(lines[expected.length + 1]![0]).toBe(expected.length + 3);
    const eur = totals.byCurrency.find((c) => c.currency === "EUR")!;
    expect(lines.slice(expected.length + 1).map((l) => l.slice(1).filter((c) => c !== undefined))).toEqual([
      ["Totals"],
      ...totals.byCurrency.map((c) => ["Total", c.currency, Number(c.amount), "EUR", Number(c.eur), `${c.rows} rows`]),
      ["Total EUR", Number(totals.eur), `${totals.rows} rows`],
    ]);
    expect(eur.rows).toBeGreaterThan(3);
  });
});
