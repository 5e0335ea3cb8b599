// Russia's Ministry of Justice registers (risk context, never a block): "undesirable organisations"
// and "foreign agents", as CSV (UTF-8, header row, "," or ";") or JSON (an array of objects), with
// the registers' Russian column names or the English keys below.
import { JSONParser } from "@streamparser/json";
import { ListFormatError, type EntryKind, type ListEntry, type ListFile, type ListHeader, type RiskSource } from "../types";
import { toIso2 } from "./countries";
import { csvRecords } from "./csv";
import { parseDmy, toIsoDay } from "./dates";
import { decodeFile, firstSignificant } from "./decode";
import { EntryDraft } from "./entry";
import { makeIdentifier } from "./identifiers";
import { collapse, detectScript } from "./text";

type Field = "number" | "name" | "birthDate" | "ogrn" | "inn" | "registrationNumber" | "snils" | "address" | "resource" | "members" | "grounds" | "includedOn" | "excludedOn" | "decisionDate" | "listedOn";

// Header text (lower case, "ё" → "е", spaces collapsed) or English key → field. Prefix matches allowed.
const COLUMNS: [string, Field][] = [
  ["№ п/п", "number"], ["№", "number"], ["number", "number"], ["no", "number"],
  ["полное наименование / фио", "name"], ["полное наименование/фио", "name"], ["наименование", "name"], ["фио", "name"], ["name", "name"],
  ["дата рождения", "birthDate"], ["birthdate", "birthDate"],
  ["огрн", "ogrn"], ["ogrn", "ogrn"], ["инн", "inn"], ["inn", "inn"],
  ["регистрационный номер", "registrationNumber"], ["registrationnumber", "registrationNumber"],
  ["снилс", "snils"], ["snils", "snils"], ["адрес", "address"], ["address", "address"],
  ["информационный ресурс", "resource"], ["resource", "resource"], ["участники", "members"], ["members", "members"],
  ["основания включения", "grounds"], ["grounds", "grounds"],
  ["дата принятия решения о включении", "includedOn"], ["includedon", "includedOn"],
  ["дата принятия решения об исключении", "excludedOn"], ["excludedon", "excludedOn"],
  ["дата решения", "decisionDate"], ["decisiondate", "decisionDate"], ["prosecutordecisiondate", "decisionDate"],
  ["дата внесения в перечень", "listedOn"], ["дата внесения", "listedOn"], ["listedon", "listedOn"],
];

function fieldOf(header: string): Field | undefined {
  const h = collapse(header).toLowerCase().replace(/ё/g, "е").replace(/^\ufeff/, "");
  const exact = COLUMNS.find(([k]) => h === k);
  if (exact) return exact[1];
  return COLUMNS.find(([k]) => k.length > 3 && h.startsWith(k))?.[1];
}

const LEGAL_FORM = /^(ООО|АО|ПАО|ЗАО|ОАО|АНО|НКО|МОО|РОО|ООД|фонд|общество|ассоциация|автономная|некоммерческая|региональн|межрегиональн|общественн|движение|организация|компания|центр|проект)\b|[«"]|\b(inc|ltd|llc|foundation|fund|gmbh|s\.r\.o)\b/i;
const NAME_PART = /^[А-ЯЁ][а-яё]+$/;

/** "Фамилия Имя Отчество": two or three capitalised Cyrillic words (double surnames hyphenated). */
function looksLikeFio(name: string): boolean {
  const words = name.split(" ");
  return words.length >= 2 && words.length <= 3 && words.every((w) => w.split("-").every((p) => NAME_PART.test(p)));
}

function kindOf(row: Partial<Record<Field, string>>, source: RiskSource): EntryKind {
  if (source === "ru-undesirable") return "organisation";
  if (row.birthDate || row.snils) return "person";
  if (row.ogrn || (row.inn && row.inn.replace(/\D/g, "").length === 10)) return "organisation";
  const name = collapse(row.name).replace(/\s*\(.*\)$/, "");
  return looksLikeFio(name) && !LEGAL_FORM.test(name) ? "person" : "organisation";
}

/**
 * "Национальный фонд … (National Endowment for Democracy) (Соединенные Штаты Америки)": the name,
 * an alias for each bracket in another script (the original-language name), the country. A bracket
 * in the name's own script ("Институт «Открытое общество» (Фонд содействия)") is part of the name.
 */
function addNames(draft: EntryDraft, text: string): void {
  const full = collapse(text);
  const script = detectScript(full.replace(/\([^()]+\)/g, " "));
  const groups: string[] = [];
  const main = collapse(
    full.replace(/\(([^()]+)\)/g, (whole, inner: string) => {
      const g = inner.trim();
      if (toIso2(g) || detectScript(g) !== script) {
        groups.push(g);
        return " ";
      }
      return whole;
    }),
  );
  if (draft.kind === "person") {
    const [last, first, ...rest] = main.split(" ");
    draft.addName({ full: main, lastName: last, firstName: first, middleName: rest.join(" "), primary: true, lang: "ru" });
  } else draft.addName({ full: main || full, primary: true, lang: detectScript(main) === "Cyrl" ? "ru" : undefined });
  for (const g of groups) {
    const country = toIso2(g);
    if (country) draft.addNationality(country);
    else draft.addName({ full: g });
  }
}

function toEntry(row: Partial<Record<Field, string>>, source: RiskSource, where: string, seen: Set<string>): ListEntry {
  const id = collapse(row.number) || collapse(row.registrationNumber);
  if (!id) throw new ListFormatError("malformed", `${where}: a row has no number`);
  if (seen.has(id)) throw new ListFormatError("malformed", `${where}: number ${id} appears twice`);
  seen.add(id);
  const draft = new EntryDraft(source, id, kindOf(row, source));
  addNames(draft, row.name ?? "");
  if (row.birthDate) draft.addBirthDateText(row.birthDate, parseDmy(row.birthDate));
  draft.addIdentifier(makeIdentifier("ОГРН", row.ogrn ?? "", "RU"));
  draft.addIdentifier(makeIdentifier("ИНН", row.inn ?? "", "RU"));
  draft.addIdentifier(makeIdentifier("СНИЛС", row.snils ?? "", "RU"));
  draft.addIdentifier(makeIdentifier("Регистрационный номер в реестре", row.registrationNumber ?? "", "RU"));
  if (source === "ru-undesirable") {
    draft.addProgramme("RU undesirable organisations (Federal Law 272-FZ, art. 3.1)");
    const decided = toIsoDay(row.decisionDate);
    if (decided) draft.addLegalBasis(`Решение Генеральной прокуратуры РФ от ${decided}`);
    draft.listedOn = toIsoDay(row.listedOn) ?? decided;
  } else {
    draft.addProgramme("RU foreign agents (Federal Law 255-FZ)");
    draft.addLegalBasis(row.grounds);
    draft.listedOn = toIsoDay(row.includedOn);
    draft.delistedOn = toIsoDay(row.excludedOn);
  }
  return draft.finish(where);
}

async function* csvRows(file: ListFile): AsyncGenerator<Partial<Record<Field, string>>> {
  let fields: (Field | undefined)[] | undefined;
  for await (const rec of csvRecords(file, { encoding: "utf-8", delimiter: "sniff" })) {
    if (!fields) {
      fields = rec.fields.map(fieldOf);
      if (!fields.includes("name")) throw new ListFormatError("wrong-format", `${file.name}: no name column (Наименование / ФИО) in the header`);
      continue;
    }
    if (rec.fields.length !== fields.length && rec.unterminated) throw new ListFormatError("truncated", `${file.name}: the last line is cut off`);
    if (rec.fields.length !== fields.length) throw new ListFormatError("malformed", `${file.name}: line ${rec.line} has ${rec.fields.length} fields, the header ${fields.length}`);
    const row: Partial<Record<Field, string>> = {};
    rec.fields.forEach((v, i) => {
      const f = fields![i];
      if (f && collapse(v) && collapse(v) !== "-") row[f] = v;
    });
    yield row;
  }
}

async function* jsonRows(file: ListFile): AsyncGenerator<Partial<Record<Field, string>>> {
  const parser = new JSONParser({ paths: ["$.*"], keepStack: false });
  const ready: Partial<Record<Field, string>>[] = [];
  let index = 0;
  parser.onValue = ({ value }) => {
    index++;
    if (!value || typeof value !== "object" || Array.isArray(value)) throw new ListFormatError("malformed", `${file.name}: item ${index} is not an object`);
    const row: Partial<Record<Field, string>> = {};
    for (const [k, v] of Object.entries(value)) {
      const f = fieldOf(k);
      if (f && v !== null && v !== undefined && String(v).trim()) row[f] = String(v);
    }
    ready.push(row);
  };
  const sniff = (first: Uint8Array) => {
    if (firstSignificant(first) !== 0x5b) throw new ListFormatError("wrong-format", `${file.name}: JSON must be an array of objects`);
  };
  for await (const text of decodeFile(file, { encoding: "utf-8", sniff })) {
    try {
      parser.write(text);
    } catch (e) {
      if (e instanceof ListFormatError) throw e;
      throw new ListFormatError("malformed", `${file.name}: not valid JSON (${e instanceof Error ? e.message : e})`);
    }
    while (ready.length) yield ready.shift()!;
  }
  if (!parser.isEnded) {
    try {
      parser.end();
    } catch {
      throw new ListFormatError("truncated", `${file.name}: the JSON ends before the array is closed`);
    }
    if (!parser.isEnded) throw new ListFormatError("truncated", `${file.name}: the JSON ends before the array is closed`);
  }
  while (ready.length) yield ready.shift()!;
}

/** Reads the first bytes to choose JSON ("[" / "{") or CSV. */
async function isJson(file: ListFile): Promise<boolean> {
  for await (const chunk of file.open()) {
    const b = firstSignificant(chunk);
    if (b === -1) continue;
    return b === 0x5b || b === 0x7b;
  }
  return false;
}

export async function* parseRuRegister(source: RiskSource, file: ListFile): AsyncGenerator<ListEntry, ListHeader> {
  const rows = (await isJson(file)) ? jsonRows(file) : csvRows(file);
  const seen = new Set<string>();
  for await (const row of rows) {
    if (!collapse(row.name)) throw new ListFormatError("malformed", `${file.name}: row ${collapse(row.number) || seen.size + 1} has no name`);
    yield toEntry(row, source, file.name, seen);
  }
  if (seen.size === 0) throw new ListFormatError("empty", `${file.name}: no rows`);
  return {};
}
