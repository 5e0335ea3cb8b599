// Small EU FSF (xmlFullSanctionsList_1_1) files in the shape of the real export, for tests
// that need a list version to arrive: invented people, the publisher's element structure.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ListFile } from "@/lib/sanctions/types";

export type FsfPerson = {
  logicalId: number;
  kind?: "person" | "enterprise";
  names: { whole: string; first?: string; last?: string; lang?: string; strong?: boolean }[];
  birthDate?: string;
  citizenship?: string;
  programme?: string;
  /** FSF identificationTypeCode (regnumber, passport…) and number. */
  identifiers?: { code: string; number: string }[];
};

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

export function fsfXml(entities: FsfPerson[], generationDate = "2026-11-30T10:00:00.000+01:00"): string {
  const body = entities.map((e) => {
    const kind = e.kind ?? "person";
    const names = e.names.map((n, i) =>
      `    <nameAlias firstName="${esc(n.first ?? "")}" middleName="" lastName="${esc(n.last ?? "")}" wholeName="${esc(n.whole)}" function="" gender="" title="" nameLanguage="${n.lang ?? ""}" strong="${n.strong === false ? "false" : "true"}" regulationLanguage="en" logicalId="${e.logicalId * 100 + i}">
      <regulationSummary regulationType="regulation" publicationDate="2014-03-17" numberTitle="269/2014 (OJ L78)" publicationUrl=""/>
    </nameAlias>`).join("\n");
    const citizenship = e.citizenship ? `    <citizenship region="" countryIso2Code="${e.citizenship}" countryDescription="" regulationLanguage="en" logicalId="${e.logicalId * 100 + 90}"/>` : "";
    const [y, m, d] = e.birthDate?.split("-") ?? [];
    const birth = e.birthDate ? `    <birthdate circa="false" calendarType="GREGORIAN" city="" zipCode="" birthdate="${e.birthDate}" dayOfMonth="${Number(d)}" monthOfYear="${Number(m)}" year="${y}" region="" place="" countryIso2Code="" countryDescription="" regulationLanguage="en" logicalId="${e.logicalId * 100 + 91}"/>` : "";
    const ids = (e.identifiers ?? []).map((x, i) => `    <identification diplomatic="false" knownExpired="false" knownFalse="false" reportedLost="false" revokedByIssuer="false" issuedBy="" latinNumber="" nameOnDocument="" number="${esc(x.number)}" region="" countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" identificationTypeCode="${x.code}" identificationTypeDescription="" regulationLanguage="en" logicalId="${e.logicalId * 100 + 80 + i}"/>`).join("\n");
    return `  <sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.${e.logicalId}.1" logicalId="${e.logicalId}">
    <remark></remark>
    <regulation regulationType="regulation" organisationType="council" publicationDate="2014-03-17" entryIntoForceDate="2014-03-17" numberTitle="269/2014 (OJ L78)" programme="${e.programme ?? "UKR"}" logicalId="${e.logicalId * 100 + 95}">
      <publicationUrl>http://eur-lex.europa.eu/</publicationUrl>
    </regulation>
    <subjectType code="${kind}" classificationCode="${kind === "person" ? "P" : "E"}"/>
${names}
${citizenship}
${birth}
${ids}
  </sanctionEntity>`;
  }).join("\n");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="${generationDate}" globalFileId="1">
${body}
</export>
`;
}

export const memoryFile = (name: string, text: string): ListFile => ({
  name,
  async *open() {
    yield new TextEncoder().encode(text);
  },
});

/** Written to a temporary folder (for the command line and the browser's file chooser). */
export function writeTemp(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "most-sanctions-"));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Two invented listed people and one entity: a Russian official, a namesake, a company. */
export const LISTED = {
  official: { logicalId: 900001, names: [{ whole: "Pyotr Ilyich Chaikovsky", first: "Pyotr", last: "Chaikovsky" }, { whole: "Пётр Ильич Чайковский", lang: "RU" }], birthDate: "1971-05-07", citizenship: "RU" },
  other: { logicalId: 900002, names: [{ whole: "Anna Sergeevna Petrovskaya", first: "Anna", last: "Petrovskaya" }, { whole: "Анна Сергеевна Петровская", lang: "RU" }], birthDate: "1980-02-11", citizenship: "RU" },
  company: { logicalId: 900003, kind: "enterprise" as const, names: [{ whole: "Joint Stock Company Volga Defence Systems" }, { whole: "АО «Волжские оборонные системы»", lang: "RU" }] },
};
