// Shared by the two UK formats: Name 1…Name 6 (Name 6 is the surname or an entity's whole name),
// numbered lists "(1) … (2) …", alias types and qualities.
import type { EntryKind } from "../types";
import type { EntryDraft, NameInput } from "./entry";
import { makeIdentifier, peelValue } from "./identifiers";
import { collapse } from "./text";

export const UK_KINDS: Record<string, EntryKind> = { individual: "person", entity: "organisation", ship: "vessel" };

/** Name 1…5 are given names, Name 6 the family name: the full name is written in that order. */
export function ukName(parts: string[], aliasType: string, quality: string): NameInput {
  const [n1, n2, n3, n4, n5, n6] = parts.map(collapse);
  const type = collapse(aliasType).toLowerCase();
  return {
    full: [n1, n2, n3, n4, n5, n6].filter(Boolean).join(" "),
    firstName: n6 ? n1 : undefined,
    middleName: n6 ? [n2, n3, n4, n5].filter(Boolean).join(" ") : undefined,
    lastName: n1 ? n6 : undefined,
    primary: type === "prime alias" || type === "primary name",
    weak: /low/i.test(quality),
  };
}

/** "(1) Iraqi (2) Syrian" → ["Iraqi", "Syrian"]; text without numbers is one item. */
export function numbered(text: string): string[] {
  return collapse(text)
    .split(/\(\d+\)\s*/)
    .map((s) => s.trim().replace(/[.;,]$/, ""))
    .filter(Boolean);
}

/** UK passport / national id text: "(1) 6487 (Egypt). Issued 30 Jan 1986. (2) 388181 (Yemen)". */
export function addUkDocuments(draft: EntryDraft, text: string, label: string): void {
  for (const item of numbered(text)) {
    const first = (item.split(/\.\s+/)[0] ?? "").replace(/^(?:passport number|passport no\.?|passport|number|no\.?)[\s:]*/i, "");
    const { value, country, extra } = peelValue(first);
    if (!value || !/\d/.test(value)) continue;
    draft.addIdentifier(makeIdentifier(extra.length ? `${label} (${extra.join(") (")})` : label, value, country));
  }
}

/** "INN 7708004767; OGRN 1027700070518" or one bare number: registration numbers of an entity. */
export function addRegistrationNumbers(draft: EntryDraft, text: string, fallbackCountry?: string): void {
  for (const item of numbered(text).flatMap((s) => s.split(/;\s*/))) {
    const { value, country, extra } = peelValue(item);
    const m = /^(.*?)[:\s]*([A-Z]{0,3}-?\d[\w./-]*)$/i.exec(value);
    if (!m?.[2]) continue;
    const label = [collapse(m[1]) || "Business Registration Number", ...extra.map((e) => `(${e})`)].join(" ");
    draft.addIdentifier(makeIdentifier(label, m[2], country ?? fallbackCountry));
  }
}
