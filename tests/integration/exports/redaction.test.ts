// A protected organisation appears only by codename in every export format; a region-only
// organisation shows no country; unredacted exports are for fresh platform admins only.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { disbursementExport, type ExportFormat } from "@/lib/exports/disbursement-export";
import { openDataExport } from "@/lib/exports/open-data-export";
import { ZDisbursementFilters } from "@/lib/reports/disbursements";
import { openIdentity } from "@/lib/organisations/identity";
import { actorFor, makeUser } from "../../factories";
import { pdfText, squeeze } from "./pdf-text";
import { disbursementWorld, parseCsv, readAll, staleMfa } from "./world";

let w: Awaited<ReturnType<typeof disbursementWorld>>;
let admin: Actor;
let secrets: string[];
let codename: string;
const regionalName = "Quiet Educators";

beforeAll(async () => {
  w = await disbursementWorld();
  admin = await actorFor((await makeUser({ admin: true })).id);
  const org = await db.organisation.findUniqueOrThrow({ where: { id: w.czk.org.id }, include: { key: true } });
  const identity = openIdentity(org, org.key)!;
  // What must never leave in a redacted file: the legal name, the registration number, the display name.
  secrets = [identity.legalName!, identity.registrationNumber!, identity.displayName];
  expect(secrets).toContain("OOO Skrytye Yuristy");
  codename = org.codename;
}, 120_000);


const filters = (f: Record<string, unknown> = {}) => ZDisbursementFilters.parse(f);

function expectRedacted(text: string) {
  for (const s of secrets) expect(text).not.toContain(s);
}

async function xlsxRows(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((r) => rows.push(r));
  return rows;
}

/** The PDF's text as a reader sees it (extracted), and its raw bytes. */
async function pdfTexts(actor: Actor, f = filters()) {
  const file = await disbursementExport(actor, f, "pdf");
  const bytes = await readAll(file.stream);
  return { text: await pdfText(bytes), bytes };
}

describe("redacted disbursement exports", () => {
  it("CSV: codename and generated identifier only, no country for a region-only organisation", async () => {
    const text = (await readAll((await disbursementExport(w.a.auditor, filters(), "csv")).stream)).toString("utf8");
    expectRedacted(text);
    const [header, ...rest] = parseCsv(text);
    const col = (name: string) => header!.indexOf(name);
    const hidden = rest.filter((r) => r[col("Grant")] === w.czk.grant.number);
    expect(hidden).toHaveLength(3);
    for (const r of hidden) {
      expect(r[col("Organisation")]).toBe(codename);
      expect(r[col("Organisation identifier")]).toMatch(/^XI-MOST-[0-9A-F]{16}$/);
    }
    const regional = rest.filter((r) => r[col("Grant")] === w.regional.grant.number);
    expect(regional).toHaveLength(1);
    expect(regional[0]![col("Country")]).toBe("");
    expect(regional[0]![col("Region")]).toBe("SOUTH_CAUCASUS");
    expect(text).not.toContain(",GE,");
    expect(header).not.toContain("Legal name");
  });

  it("XLSX: codename only, read back cell by cell", async () => {
    const buffer = await readAll((await disbursementExport(w.a.auditor, filters(), "xlsx")).stream);
    const rows = await xlsxRows(buffer);
    const cells = rows.flatMap((r) => (r.values as unknown[]).map((v) => String(v ?? "")));
    expect(cells).toContain(codename);
    for (const s of secrets) expect(cells.some((c) => c.includes(s))).toBe(false);
    const header = (rows[0]!.values as string[]).slice(1);
    const country = header.indexOf("Country") + 1;
    const regional = rows.find((r) => r.getCell(header.indexOf("Grant") + 1).value === w.regional.grant.number)!;
    expect(regional.getCell(country).value ?? "").toBe("");
  });

  it("PDF: codename in the extracted text, identity neither in the text nor in the bytes", async () => {
    const { text, bytes } = await pdfTexts(w.a.auditor);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(text.joined).toContain(squeeze(codename));
    expect(text.joined).toContain(squeeze(regionalName));
    for (const s of secrets) {
      expect(text.joined).not.toContain(squeeze(s));
      expect(bytes.includes(Buffer.from(s, "utf8"))).toBe(false);
    }
  });

  it("every format refuses to write a file for someone without the right", async () => {
    for (const format of ["csv", "xlsx", "pdf"] as ExportFormat[]) {
      await expect(disbursementExport(w.a.finance, filters(), format)).rejects.toMatchObject({ code: "forbidden" });
    }
  });
});

describe("redacted open-data exports", () => {
  it("IATI XML names the protected organisation by codename, with a neutral title", async () => {
    const xml = (await readAll((await openDataExport(w.a.auditor, "iati", "xml", false)).stream)).toString("utf8");
    expectRedacted(xml);
    expect(xml).toContain(`<narrative>${codename}</narrative>`);
    expect(xml).toContain(`<title><narrative>Grant ${w.czk.grant.number}</narrative></title>`);
    expect(xml).not.toContain(`recipient-country code="GE"`);
  });

  it("360Giving JSON and CSV do the same", async () => {
    const json = (await readAll((await openDataExport(w.a.auditor, "360giving", "json", false)).stream)).toString("utf8");
    expectRedacted(json);
    const pkg = JSON.parse(json) as { grants: Array<{ id: string; title: string; recipientOrganization: Array<{ id: string; name: string; addressCountry?: string }> }> };
    const hidden = pkg.grants.find((g) => g.id.endsWith(w.czk.grant.number))!;
    expect(hidden.recipientOrganization).toEqual([{ id: expect.stringMatching(/^XI-MOST-/), name: codename, addressCountry: "RU" }]);
    const regional = pkg.grants.find((g) => g.id.endsWith(w.regional.grant.number))!;
    expect(regional.recipientOrganization[0]).not.toHaveProperty("addressCountry");
    const csv = (await readAll((await openDataExport(w.a.auditor, "360giving", "csv", false)).stream)).toString("utf8");
    expectRedacted(csv);
    const [header, ...rows] = parseCsv(csv);
    const name = header!.indexOf("Recipient Org:Name");
    const country = header!.indexOf("Recipient Org:Country");
    expect(rows.map((r) => r[name])).toContain(codename);
    expect(rows.find((r) => r[name] === regionalName)![country]).toBe("");
  });
});

describe("unredacted exports", () => {
  it("are refused to an auditor", async () => {
    await expect(disbursementExport(w.a.auditor, filters({ unredacted: "1" }), "csv")).rejects.toMatchObject({ code: "forbidden" });
    await expect(openDataExport(w.a.auditor, "iati", "xml", true)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("need a second factor from the last ten minutes", async () => {
    const before = await db.auditEvent.count({ where: { action: "export.unredacted" } });
    await expect(disbursementExport(staleMfa(admin), filters({ unredacted: "1" }), "csv")).rejects.toMatchObject({ code: "stepUpRequired" });
    await expect(openDataExport(staleMfa(admin), "360giving", "json", true)).rejects.toMatchObject({ code: "stepUpRequired" });
    expect(await db.auditEvent.count({ where: { action: "export.unredacted" } })).toBe(before);
  });

  it("open identities for a fresh platform admin and are audited as such", async () => {
    const file = await disbursementExport(admin, filters({ unredacted: "1" }), "csv");
    expect(file.fileName).toMatch(/UNREDACTED\.csv$/);
    const text = (await readAll(file.stream)).toString("utf8");
    expect(text).toContain("OOO Skrytye Yuristy");
    // On the record of every funder, since it covers all of them.
    const funderIds = (await db.funder.findMany({ select: { id: true } })).map((f) => f.id).sort();
    expect(funderIds.length).toBeGreaterThan(1);
    const events = await db.auditEvent.findMany({ where: { action: "export.unredacted", actorId: admin.userId } });
    expect(events.map((e) => e.funderId).sort()).toEqual(funderIds);
    for (const e of events) expect(e).toMatchObject({ actorRole: "ADMIN", after: { kind: "disbursements", format: "csv", unredacted: true } });
    // The redacted export by the same admin is an ordinary export event.
    await readAll((await disbursementExport(admin, filters(), "csv")).stream);
    const plain = await db.auditEvent.findMany({ where: { action: "export.created", actorId: admin.userId } });
    expect(plain).toHaveLength(funderIds.length);
    expect(new Set(plain.map((e) => e.actorRole))).toEqual(new Set(["ADMIN"]));
  });
});
