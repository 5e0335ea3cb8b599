// What an import stores, row by row: each entry as parsed (data, hash), and each name with its
// script, language, weak flag, keys and tokens as the matcher computes them; a next version
// ends the rows of changed and removed entries and leaves unchanged ones alone.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importListVersion } from "@/lib/sanctions/import";
import { entryHash } from "@/lib/sanctions/lists";
import { nameKeys } from "@/lib/sanctions/match";
import { parseList } from "@/lib/sanctions/parse";
import type { ListEntry } from "@/lib/sanctions/types";
import { fsfXml, LISTED, memoryFile, type FsfPerson } from "../support/sanctions-files";

const QUOTED: FsfPerson = {
  logicalId: 930001,
  kind: "enterprise",
  names: [{ whole: 'Trading House "Volga\\Don" LLC' }, { whole: "ТД «Волга-Дон»", lang: "RU" }, { whole: "Volga Don", strong: false }],
  identifiers: [{ code: "regnumber", number: "1027700000001" }],
};

async function parsed(xml: string): Promise<ListEntry[]> {
  const out: ListEntry[] = [];
  for await (const e of parseList("eu-fsf", [memoryFile("x.xml", xml)])) out.push(e);
  return out;
}

/** The rows an entry must have, computed here from the parser and the matcher's keys. */
function expectedRows(e: ListEntry) {
  return {
    entry: { sourceId: e.sourceId, kind: e.kind, contentHash: entryHash(e), primaryName: e.names.find((n) => n.primary)?.full, data: JSON.parse(JSON.stringify(e)) },
    names: e.names.map((n) => {
      const k = nameKeys(n.full, e.kind === "person" ? "person" : "organisation");
      return { full: n.full, script: n.script, lang: n.lang ?? null, weak: n.weak, primary: n.primary, key: k.key, tokens: k.tokens.map((t) => t.replace(/["\\]/g, "")), current: true };
    }),
  };
}

async function storedRows(versionId: string) {
  const entries = await db.sanctionsEntry.findMany({
    where: { list: "eu", fromVersionId: versionId },
    orderBy: { sourceId: "asc" },
    include: { names: { orderBy: { id: "asc" }, select: { full: true, script: true, lang: true, weak: true, primary: true, key: true, tokens: true, current: true } } },
  });
  return entries.map(({ names, sourceId, kind, contentHash, primaryName, data }) => ({ entry: { sourceId, kind, contentHash, primaryName, data: data as unknown as ListEntry }, names }));
}

describe("an import's rows", () => {
  it("hold each entry as parsed and each name with its keys; a next version ends only what changed or left", async () => {
    const v1Xml = fsfXml([LISTED.official, LISTED.other, LISTED.company, QUOTED]);
    const v1 = await importListVersion(null, { source: "eu-fsf", files: [memoryFile("v1.xml", v1Xml)] });
    const want = (await parsed(v1Xml)).sort((a, b) => a.sourceId.localeCompare(b.sourceId)).map(expectedRows);
    expect(await storedRows(v1.versionId)).toEqual(want);
    const quoted = want.find((w) => w.entry.sourceId === "930001")!;
    expect(quoted.names.map((n) => [n.script, n.lang, n.weak])).toEqual([["Latn", null, false], ["Cyrl", "ru", false], ["Latn", null, true]]);
    expect(quoted.entry.data.identifiers).toEqual([expect.objectContaining({ type: "ogrn", value: "1027700000001", country: "RU" })]);

    const kept = await db.sanctionsEntry.findFirstOrThrow({ where: { list: "eu", sourceId: "900003", toVersionId: null } });
    const changed = { ...LISTED.official, birthDate: "1971-05-08" };
    const added: FsfPerson = { logicalId: 930002, names: [{ whole: "Ivan Petrovich Sidorov" }], birthDate: "1960-01-02" };
    const v2Xml = fsfXml([changed, LISTED.company, QUOTED, added], "2026-12-01T10:00:00.000+01:00");
    const v2 = await importListVersion(null, { source: "eu-fsf", files: [memoryFile("v2.xml", v2Xml)] });
    expect(v2).toMatchObject({ entries: 4, added: 1, removed: 1, changed: 1 });
    const fresh = (await parsed(v2Xml)).filter((e) => ["900001", "930002"].includes(e.sourceId)).sort((a, b) => a.sourceId.localeCompare(b.sourceId));
    expect(await storedRows(v2.versionId)).toEqual(fresh.map(expectedRows));
    expect((await storedRows(v2.versionId))[0]!.entry.data.birthDates).toEqual([expect.objectContaining({ date: "1971-05-08" })]);

    // The unchanged entry keeps its row; the changed and removed ones end, their names no longer current.
    expect(await db.sanctionsEntry.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ fromVersionId: v1.versionId, toVersionId: null });
    const ended = await db.sanctionsEntry.findMany({ where: { list: "eu", toVersionId: v2.versionId }, orderBy: { sourceId: "asc" }, include: { names: { select: { current: true } } } });
    expect(ended.map((e) => [e.sourceId, e.fromVersionId, e.names.every((n) => !n.current)])).toEqual([["900001", v1.versionId, true], ["900002", v1.versionId, true]]);
    const inForce = await db.sanctionsEntry.findMany({ where: { list: "eu", toVersionId: null }, select: { sourceId: true } });
    expect(inForce.map((e) => e.sourceId).sort()).toEqual(["900001", "900003", "930001", "930002"]);
    // Names in force: the changed official 2, the company 2, the quoted company 3, the added person 1.
    expect(await db.sanctionsName.count({ where: { current: true, entry: { list: "eu" } } })).toBe(8);
  });
});
