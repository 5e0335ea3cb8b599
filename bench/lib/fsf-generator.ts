// Writes an EU FSF file (xmlFullSanctionsList_1_1) in the shape of the real one: persons and
// enterprises, several aliases each (Latin, Cyrillic, Greek, with regulationSummary children),
// birth dates, citizenships, identifications, regulations. Streamed with backpressure; reused by
// the parse, import and screening benchmarks. `names: "realistic"` draws people (first name,
// patronymic, surname) and companies from the pools in russian-names.ts instead of numbered
// surnames, so common names are shared by many entries as in the real list.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { company, person, prng, type GeneratedPerson } from "./russian-names";

const FIRST = ["Aleksandr", "Dmitry", "Sergei", "Olga", "Natalia", "Ivan", "Yekaterina", "Mikhail", "Pavel", "Tatiana", "Andrei", "Yulia"];
const LAST = ["Ivanov", "Petrov", "Sidorov", "Kuznetsov", "Smirnov", "Volkov", "Sokolov", "Lebedev", "Kozlov", "Novikov", "Morozov", "Popov"];
const CYR_FIRST = ["Александр", "Дмитрий", "Сергей", "Ольга", "Наталья", "Иван", "Екатерина", "Михаил", "Павел", "Татьяна", "Андрей", "Юлия"];
const CYR_LAST = ["Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Волков", "Соколов", "Лебедев", "Козлов", "Новиков", "Морозов", "Попов"];
const LANGS = ["", "BG", "CS", "DE", "EL", "ES", "FR", "IT", "PL", "RU"];
const REG = 'regulationType="amendment" publicationDate="2022-03-15" numberTitle="2022/427 (OJ L87I)" publicationUrl="http://eur-lex.europa.eu/legal-content/EN/TXT/PDF/?uri=CELEX:32022R0427&amp;from=EN"';

export interface FsfShape {
  entities: number;
  persons: number;
  names: number;
  weakNames: number;
  cyrillicNames: number;
  birthDates: number;
  identifiers: number;
}

function summary(): string {
  return `<regulationSummary ${REG}/>`;
}

/**
 * `first`: index of the first entry (its logicalId is 100000 + index), so two files can hold
 * different entries; `changeEvery`: every n-th entry cites a later amendment (a changed entry
 * of a next version: same id, other content).
 */
export type FsfOptions = { bytes?: number; entities?: number; names?: "numbered" | "realistic"; first?: number; changeEvery?: number };

const SEED = 14_000_000;
/** Listed entity i of a realistic file is a person when i % 3 !== 0; this is who. */
export const listedPerson = (i: number): GeneratedPerson => person(prng(SEED + i));

type Alias = [first: string | undefined, middle: string, last: string, lang: string | undefined];

function realisticAliases(i: number, isPerson: boolean): Alias[] {
  if (isPerson) {
    const p = listedPerson(i);
    return [
      [p.first[1], p.middle[1], p.last[1], ""],
      [p.altFirst ?? p.first[1], p.middle[1], p.last[1], "DE"],
      [p.first[0], p.middle[0], p.last[0], "RU"],
      [p.first[0], p.middle[0], p.last[0], "UK"],
      [p.first[1], "", p.last[1].toUpperCase(), LANGS[i % LANGS.length]],
    ];
  }
  const c = company(prng(SEED + i));
  return [
    ["", "", `Joint Stock Company ${c.latin}`, ""],
    ["", "", `Акционерное общество «${c.cyrillic}»`, "RU"],
    ["", "", `АО «${c.cyrillic}»`, "RU"],
    ["", "", `${c.latin} JSC`, "DE"],
    ["", "", `JSC ${c.latin}`, ""],
  ];
}

function entity(i: number, shape: FsfShape, realistic: boolean, changed = false): string {
  const person = i % 3 !== 0;
  const f = i % FIRST.length;
  const first = FIRST[f] ?? "Ivan";
  const l = Math.floor(i / FIRST.length) % LAST.length;
  const parts: string[] = [];
  parts.push(`<sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.${1000 + i}.${i % 97}" logicalId="${100000 + i}">`);
  parts.push(`<remark>Generated entry ${i} for the import benchmark.</remark>`);
  parts.push(`<regulation regulationType="regulation" organisationType="council" publicationDate="2014-03-17" entryIntoForceDate="2014-03-17" numberTitle="269/2014 (OJ L78)" programme="UKR" logicalId="${200000 + i}"><publicationUrl>http://eur-lex.europa.eu/legal-content/EN/TXT/PDF/?uri=CELEX:32014R0269&amp;from=EN</publicationUrl></regulation>`);
  if (changed) parts.push(`<regulation regulationType="amendment" organisationType="council" publicationDate="2026-11-30" entryIntoForceDate="2026-11-30" numberTitle="2026/2000 (OJ L300)" programme="UKR" logicalId="${250000 + i}"/>`);
  parts.push(`<subjectType code="${person ? "person" : "enterprise"}" classificationCode="${person ? "P" : "E"}"/>`);
  const aliases: Alias[] = realistic ? realisticAliases(i, person) : person
    ? [
        [first, "", `${LAST[l]}${i}`, ""],
        [first.replace("ei", "ey"), "", `${LAST[l]}${i}`, "DE"],
        [CYR_FIRST[f], "", `${CYR_LAST[l]}${i}`, "RU"],
        [CYR_FIRST[f], "", `${CYR_LAST[l]}${i}`, "BG"],
        ["", "", `${LAST[l]}${i}`, LANGS[i % LANGS.length]],
      ]
    : [
        ["", "", `Joint Stock Company Bench ${LAST[l]} ${i}`, ""],
        ["", "", `Акционерное общество «Бенч ${CYR_LAST[l]} ${i}»`, "RU"],
        ["", "", `АО «Бенч ${CYR_LAST[l]} ${i}»`, "RU"],
        ["", "", `Ανώνυμη Εταιρεία Bench ${i}`, "EL"],
        ["", "", `JSC Bench ${i}`, ""],
      ];
  aliases.forEach(([first, middle, last, lang], k) => {
    const whole = [first, middle, last].filter(Boolean).join(" ");
    const strong = k === aliases.length - 1 && i % 4 === 0 ? "false" : "true";
    parts.push(`<nameAlias firstName="${first}" middleName="${middle}" lastName="${person ? last : ""}" wholeName="${whole}" function="" gender="${person ? "M" : ""}" title="" nameLanguage="${lang}" strong="${strong}" regulationLanguage="en" logicalId="${300000 + i * 10 + k}">${summary()}</nameAlias>`);
    shape.names++;
    if (strong === "false") shape.weakNames++;
    if (/[А-я]/.test(whole)) shape.cyrillicNames++;
  });
  parts.push(`<citizenship region="" countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" regulationLanguage="en" logicalId="${400000 + i}">${summary()}</citizenship>`);
  if (person) {
    const listed = realistic ? listedPerson(i).birthDate : null;
    const year = listed ? Number(listed.slice(0, 4)) : 1940 + (i % 60);
    const circa = i % 10 === 0;
    parts.push(
      circa
        ? `<birthdate circa="true" calendarType="GREGORIAN" city="" zipCode="" year="${year}" region="" place="" countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" regulationLanguage="en" logicalId="${500000 + i}">${summary()}</birthdate>`
        : `<birthdate circa="false" calendarType="GREGORIAN" city="Moscow" zipCode="" birthdate="${listed ?? `${year}-0${1 + (i % 9)}-1${i % 10}`}" dayOfMonth="${listed ? Number(listed.slice(8)) : `1${i % 10}`}" monthOfYear="${listed ? Number(listed.slice(5, 7)) : 1 + (i % 9)}" year="${year}" region="" place="" countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" regulationLanguage="en" logicalId="${500000 + i}">${summary()}</birthdate>`,
    );
    shape.birthDates++;
    shape.persons++;
  }
  parts.push(`<identification diplomatic="false" knownExpired="false" knownFalse="false" reportedLost="false" revokedByIssuer="false" issuedBy="" latinNumber="" nameOnDocument="" number="${person ? 700000000 + i : 1027700000000 + i}" region="" countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" identificationTypeCode="${person ? "passport" : "regnumber"}" identificationTypeDescription="${person ? "National passport" : "Registration Number"}" regulationLanguage="en" logicalId="${600000 + i}"><remark>(${person ? "passport" : "OGRN"})</remark>${summary()}</identification>`);
  shape.identifiers++;
  parts.push("</sanctionEntity>\n");
  shape.entities++;
  return parts.join("\n");
}

/**
 * Writes entries until the file reaches `bytes` (a number: that many bytes) or holds
 * `entities` entries; returns what was written.
 */
export async function writeFsfFile(path: string, target: number | FsfOptions): Promise<FsfShape & { bytes: number }> {
  const opts = typeof target === "number" ? { bytes: target } : target;
  const realistic = opts.names === "realistic";
  const first = opts.first ?? 1;
  const more = (n: number, bytes: number) => (opts.entities !== undefined ? n <= opts.entities : bytes < (opts.bytes ?? 0));
  const out = createWriteStream(path, { encoding: "utf8" });
  const shape: FsfShape = { entities: 0, persons: 0, names: 0, weakNames: 0, cyrillicNames: 0, birthDates: 0, identifiers: 0 };
  let bytes = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, "drain");
  };
  await write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-11-30T21:00:00.000+01:00" globalFileId="999999">\n');
  for (let i = first; more(i - first + 1, bytes); i++) await write(entity(i, shape, realistic, opts.changeEvery !== undefined && i % opts.changeEvery === 0));
  await write("</export>\n");
  out.end();
  await once(out, "finish");
  return { ...shape, bytes };
}
