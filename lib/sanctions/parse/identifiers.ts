// Identifier labels as publishers write them ("Passport", "Tax ID No.", "National ID No.") to the
// normalised ListIdentifier types, plus the Russian refinement (INN / OGRN by length).
import type { ListIdentifier } from "../types";
import { toIso2 } from "./countries";
import { collapse } from "./text";

const TYPES: [RegExp, string][] = [
  [/\bIMO\b/i, "imo"],
  [/passport|pasaporte|passeport|паспорт/i, "passport"],
  [/swift|\bBIC\b/i, "swift"],
  [/\bINN\b|ИНН/i, "inn"],
  [/\bOGRN(IP)?\b|ОГРН/i, "ogrn"],
  [/tax|v\.?a\.?t\.?|fiscal|\bR\.?F\.?C\b|\bNIT\b|R\.U\.C|\bCUIT\b|\bTIN\b|\bKPP\b|КПП/i, "tax"],
  [/regist|company (number|no)|business (number|no)|legal entity number|\bLEI\b|chamber of commerce|gazette|certificate of incorporation|enterprise number|social credit code|trade licen[cs]e|regnumber|\bUSCC\b/i, "registration"],
  [/national id|identification|identity|cedula|c\.u\.r\.p|\bSSN\b|social security|personal id|\bD\.?N\.?I\b|id card|^id$|national insurance|\bNI number|SNILS|СНИЛС|residency|birth certificate|electoral|citizen'?s card/i, "national-id"],
];

// Remarks / id labels that carry no identifier: contact data, dates, sanction notes.
const NOT_IDENTIFIERS = /^(gender|linked to|website|e-?mail|phone|telephone|fax|organization (established|type)|target type|additional sanctions|secondary sanctions|transactions prohibited|purchase\/sales|executive order|ifca|caatsa|peesa|effective date|listing date|for more information|aircraft (model|manufacture date|operator)|nationality of registration|registration country|(former |other )?vessel (flag|type|year|tonnage|owner)|title|dob|pob|place of birth|nationality|citizen|alt\.)/i;

/** The ListIdentifier type for a label; "other" when the label names no known kind. */
export function identifierType(label: string): string {
  return TYPES.find(([re]) => re.test(label))?.[1] ?? "other";
}

/** INN / OGRN are Russian tax and registration numbers, recognised by country and length. */
export function refineRussian(id: ListIdentifier): ListIdentifier {
  const digits = id.value.replace(/\D/g, "");
  if (id.country !== "RU" || digits !== id.value.replace(/[\s-]/g, "")) return id;
  if ((id.type === "registration" || id.type === "other") && (digits.length === 13 || digits.length === 15)) return { ...id, type: "ogrn" };
  if ((id.type === "tax" || id.type === "other") && (digits.length === 10 || digits.length === 12)) return { ...id, type: "inn" };
  return id;
}

export function makeIdentifier(label: string, value: string, country?: string): ListIdentifier | null {
  const v = collapse(value);
  if (!v) return null;
  const l = collapse(label);
  const id: ListIdentifier = { type: identifierType(l), value: v };
  if (l) id.label = l;
  if (country) id.country = country;
  // "Vessel Registration Identification: IMO 9486910": the value says what it is.
  if (/^IMO\s*\d{7}$/i.test(v)) id.type = "imo";
  if (id.type === "imo") id.value = v.replace(/^IMO\s*/i, "");
  return refineRussian(id);
}

/**
 * "6487 (Egypt). Issued 30 Jan 1986" / "0582030 (Connecticut) (United States)": the value, the
 * trailing groups, and the country when the last group names one.
 */
export function peelValue(text: string): { value: string; country?: string; extra: string[] } {
  let s = collapse(text)
    .replace(/[.;,]?\s+(issued|expires?|expiring|expiration|expired|issue date|valid until|date of issue)\b.*$/i, "")
    .replace(/[.;,]\s*$/, "");
  const groups: string[] = [];
  for (;;) {
    const m = /\s*\(([^()]*)\)\s*$/.exec(s);
    if (!m || m.index === 0) break;
    groups.unshift((m[1] ?? "").trim());
    s = s.slice(0, m.index).trim();
  }
  let country: string | undefined;
  if (groups.length > 0) {
    const code = toIso2(groups[groups.length - 1]);
    if (code) {
      country = code;
      groups.pop();
    }
  }
  return { value: s.replace(/[.;,]\s*$/, ""), country, extra: groups };
}

/** OFAC remark item "Passport P0017003 (Belize)": label up to the first word with a digit. */
export function identifierFromRemark(item: string): ListIdentifier | null {
  const text = collapse(item).replace(/^alt\.\s+/i, "");
  if (NOT_IDENTIFIERS.test(text)) return null;
  const words = text.split(" ");
  const at = words.findIndex((w, i) => i > 0 && /\d/.test(w));
  if (at < 1) {
    // SWIFT/BIC codes have no digit: "SWIFT/BIC BKIDCNBJ".
    const swift = /^(SWIFT\/BIC|SWIFT|BIC)\s+([A-Z0-9]{8,11})\b(.*)$/i.exec(text);
    if (!swift) return null;
    return makeIdentifier(swift[1] ?? "SWIFT/BIC", swift[2] ?? "", peelValue(swift[3] ?? "").country);
  }
  const label = words.slice(0, at).join(" ");
  const { value, country, extra } = peelValue(words.slice(at).join(" "));
  return makeIdentifier(extra.length ? `${label} (${extra.join(") (")})` : label, value, country);
}

/** An id with an explicit label (OFAC XML idType, UN document type): null for non-identifiers. */
export function identifierFromLabel(label: string, value: string, countryText?: string): ListIdentifier | null {
  if (NOT_IDENTIFIERS.test(collapse(label))) return null;
  const peeled = peelValue(value);
  const country = toIso2(countryText ?? "") ?? peeled.country;
  return makeIdentifier(label, peeled.value || value, country);
}
