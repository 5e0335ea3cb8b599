// IATI 2.03 and 360Giving 1.4.3 exports validated against the standards' own schemas
// (copied with their licences into tests/fixtures/standards/).
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { validateXML } from "xmllint-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { openDataExport } from "@/lib/exports/open-data-export";
import { iatiChunks, iatiXml } from "@/lib/exports/iati";
import { loadOpenGrants, openGrantBatches } from "@/lib/exports/open-data";
import { threeSixtyCsv, threeSixtyCsvChunks, threeSixtyJsonChunks, threeSixtyPackage } from "@/lib/exports/threesixty";
import { db } from "@/lib/db";
import { disbursementWorld, parseCsv, readAll } from "./world";

const STANDARDS = path.join(process.cwd(), "tests/fixtures/standards");
const file = (...p: string[]) => readFileSync(path.join(STANDARDS, ...p), "utf8");

let w: Awaited<ReturnType<typeof disbursementWorld>>;
beforeAll(async () => {
  w = await disbursementWorld();
}, 120_000);

async function validateIati(xml: string) {
  return validateXML({
    xml: [{ fileName: "activities.xml", contents: xml }],
    schema: [{ fileName: "iati-activities-schema.xsd", contents: file("iati-2.03", "iati-activities-schema.xsd") }],
    preload: [
      { fileName: "iati-common.xsd", contents: file("iati-2.03", "iati-common.xsd") },
      { fileName: "xml.xsd", contents: file("iati-2.03", "xml.xsd") },
    ],
  });
}

function threeSixtyValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const pkg = JSON.parse(file("360giving-1.4.3", "360-giving-package-schema.json")) as { properties: { grants: { items: { $ref: string } } } };
  const grant = JSON.parse(file("360giving-1.4.3", "360-giving-schema.json")) as Record<string, unknown>;
  // The 1.4.3 package schema still points at the grant schema by its 1.4.2 address.
  // Both say "$schema": "http://json-schema.org/draft/2020-12/schema" (http): ajv knows the
  // 2020-12 meta-schema by its https id.
  const meta = "https://json-schema.org/draft/2020-12/schema";
  ajv.addSchema({ ...grant, $schema: meta, $id: pkg.properties.grants.items.$ref });
  return ajv.compile({ ...pkg, $schema: meta });
}

/** Attribute values of `<tag …>` elements inside one activity, in document order. */
const attrs = (xml: string, tag: string, attr: string) => [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${attr}="([^"]*)"`, "g"))].map((m) => m[1]!);
const activityOf = (xml: string, grantNumber: string) => xml.split("<iati-activity ").find((a) => a.includes(`-${grantNumber}</iati-identifier>`))!;

describe("IATI 2.03", () => {
  it("validates against the official activities schema", async () => {
    const xml = (await readAll((await openDataExport(w.a.auditor, "iati", "xml", false)).stream)).toString("utf8");
    const result = await validateIati(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml.match(/<iati-activity /g)).toHaveLength(3);
  });

  it("the validator does reject a broken file (so the check above means something)", async () => {
    const xml = iatiXml(await loadOpenGrants([w.a.funder.id])).replace(/<reporting-org [^>]*>.*?<\/reporting-org>/, "");
    expect((await validateIati(xml)).valid).toBe(false);
  });

  it("has commitments (2) and disbursements (3), reversals negative, DAC sectors, places and org identifiers", async () => {
    const xml = iatiXml(await loadOpenGrants([w.a.funder.id]));
    const czk = activityOf(xml, w.czk.grant.number);
    expect(attrs(czk, "transaction-type", "code")).toEqual(["2", "3", "3", "3"]);
    expect([...czk.matchAll(/<value currency="CZK"[^>]*>([^<]+)<\/value>/g)].map((m) => m[1])).toEqual(["500000.00", "200000.00", "300000.00", "-300000.00"]);
    expect(attrs(czk, "transaction-date", "iso-date").slice(1)).toEqual(["2026-04-15", "2026-07-01", "2026-07-20"]);
    expect(attrs(czk, "sector", "code")).toEqual(["15160"]);
    expect(attrs(czk, "sector", "vocabulary")).toEqual(["1"]);
    expect(attrs(czk, "recipient-country", "code")).toEqual(["RU"]);
    const funderRef = `XI-MOST-${w.a.funder.code}`;
    expect(czk).toContain(`<iati-identifier>${funderRef}-${w.czk.grant.number}</iati-identifier>`);
    expect(attrs(czk, "reporting-org", "ref")).toEqual([funderRef]);
    expect(attrs(czk, "receiver-org", "ref")[0]).toMatch(/^XI-MOST-[0-9A-F]{16}$/);

    const eur = activityOf(xml, w.eur.grant.number);
    expect(attrs(eur, "transaction-type", "code")).toEqual(["2", "3"]);
    expect(attrs(eur, "recipient-country", "code")).toEqual(["LV"]);
    // A Latvian registration gets its org-id.guide prefix.
    expect(attrs(eur, "participating-org", "ref")[1]).toMatch(/^LV-RE-REG[0-9a-f]{8}$/);

    const regional = activityOf(xml, w.regional.grant.number);
    expect(regional).not.toContain("<recipient-country");
    expect(attrs(regional, "recipient-region", "code")).toEqual(["619"]);
    // Funder B's grant is not in funder A's file.
    expect(xml).not.toContain(w.other.grant.number);
  });

  it("stays valid with characters XML forbids in an organisation's name", async () => {
    const grants = await loadOpenGrants([w.a.funder.id]);
    grants[0]!.recipient.name = "Bad\u0001name\u000b & <co>";
    grants[0]!.title = "Title\u001f";
    const result = await validateIati(iatiXml(grants));
    expect(result.errors).toEqual([]);
  });
});

describe("360Giving 1.4.3", () => {
  it("the JSON package validates against the standard's schema", async () => {
    const json = (await readAll((await openDataExport(w.a.auditor, "360giving", "json", false)).stream)).toString("utf8");
    const pkg = JSON.parse(json);
    const validate = threeSixtyValidator();
    const ok = validate(pkg);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(pkg.grants).toHaveLength(3);
    const czk = pkg.grants.find((g: { id: string }) => g.id === `360G-MOST-${w.czk.grant.number}`);
    expect(czk).toMatchObject({ currency: "CZK", amountAwarded: 500000, amountDisbursed: 200000 });
    expect(czk.disbursementTransaction.map((t: { value: number }) => t.value)).toEqual([200000, 300000, -300000]);
  });

  it("the validator rejects a package missing a required field", async () => {
    const pkg = threeSixtyPackage(await loadOpenGrants([w.a.funder.id]));
    const broken = { ...pkg, grants: pkg.grants.map(({ awardDate: _drop, ...g }) => g) };
    expect(threeSixtyValidator()(broken)).toBe(false);
  });

  it("the CSV has the standard column titles and one row per grant", async () => {
    const csv = (await readAll((await openDataExport(w.a.auditor, "360giving", "csv", false)).stream)).toString("utf8");
    const [header, ...rows] = parseCsv(csv).filter((r) => r.some((c) => c !== ""));
    expect(header).toEqual(expect.arrayContaining([
      "Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
      "Planned Dates:Start Date", "Planned Dates:End Date", "Planned Dates:Duration (months)",
      "Recipient Org:Identifier", "Recipient Org:Name", "Recipient Org:Country",
      "Funding Org:Identifier", "Funding Org:Name", "Grant Programme:Code", "Grant Programme:Title",
    ]));
    expect(rows).toHaveLength(3);
    const ids = rows.map((r) => r[header!.indexOf("Identifier")]);
    expect(ids.sort()).toEqual([w.czk.grant.number, w.eur.grant.number, w.regional.grant.number].map((n) => `360G-MOST-${n}`).sort());
    // Amount Disbursed (360Giving 1.4.3 field amountDisbursed), net of reversals, as in the JSON package.
    const disbursed = Object.fromEntries(rows.map((r) => [r[header!.indexOf("Identifier")], r[header!.indexOf("Amount Disbursed")]]));
    expect(disbursed).toEqual({ [`360G-MOST-${w.eur.grant.number}`]: "30000.00", [`360G-MOST-${w.czk.grant.number}`]: "200000.00", [`360G-MOST-${w.regional.grant.number}`]: "40000.00" });
    const pkg = threeSixtyPackage(await loadOpenGrants([w.a.funder.id]));
    for (const g of pkg.grants) expect(disbursed[g.id]).toBe(g.amountDisbursed.toFixed(2));
    // Every export is audited.
    expect(await db.auditEvent.count({ where: { action: "export.created", actorId: w.a.auditor.userId, entityId: "360giving" } })).toBe(2);
  });
});

describe("open-data files streamed a batch of grants at a time", () => {
  const now = new Date("2026-12-03T10:00:00Z");
  const join = async (chunks: AsyncIterable<string>) => {
    let text = "";
    for await (const c of chunks) text += c;
    return text;
  };
  it.each([1, 2, 100])("are the whole-set writers' text, byte for byte, in batches of %i", async (size) => {
    const all = await loadOpenGrants("all");
    expect(all.length).toBeGreaterThan(2);
    expect(all.flatMap((g) => g.transactions).length).toBeGreaterThan(4);
    expect(all.map((g) => g.number)).toEqual([...all.map((g) => g.number)].sort());
    const batches = () => openGrantBatches("all", false, size);
    expect(await join(iatiChunks(batches(), now))).toBe(iatiXml(all, now));
    expect(await join(threeSixtyJsonChunks(batches(), now))).toBe(JSON.stringify(threeSixtyPackage(all, now), null, 2));
    expect(await join(threeSixtyCsvChunks(batches()))).toBe(threeSixtyCsv(all));
  });

  it("are the whole-set writers' text when there is no grant", async () => {
    const none = async function* () {
      yield* openGrantBatches([], false);
    };
    expect(await join(iatiChunks(none(), now))).toBe(iatiXml([], now));
    expect(await join(threeSixtyJsonChunks(none(), now))).toBe(JSON.stringify(threeSixtyPackage([], now), null, 2));
    expect(await join(threeSixtyCsvChunks(none()))).toBe(threeSixtyCsv([]));
  });
});
