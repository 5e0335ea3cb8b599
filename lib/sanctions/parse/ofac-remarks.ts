// The Remarks field of OFAC's legacy sdn.csv (continued in sdn_comments.csv): "DOB 28 Jul 1963;
// POB …; nationality Russia; Passport P0017003 (Belize); a.k.a. 'BURTON BURGESS'." The a.k.a.s
// quoted there are OFAC's weak aliases (strong ones are in alt.csv).
import { parseTextDate } from "./dates";
import type { EntryDraft } from "./entry";
import { identifierFromRemark } from "./identifiers";
import { collapse } from "./text";

/** Splits remarks at "; " outside single-quoted aliases. */
export function splitRemarks(remarks: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < remarks.length; i++) {
    const ch = remarks[i];
    const next = remarks[i + 1];
    // An alias quote opens right after "a.k.a. " and closes before a space, ";", "." or the end.
    const closes = next === undefined || /[\s;.,]/.test(next);
    const opens = /k\.a\.,?\s$/.test(cur);
    if (ch === "'" && (quoted ? closes : opens)) quoted = !quoted;
    if (ch === ";" && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => collapse(s).replace(/\.$/, "")).filter(Boolean);
}

export function applyRemarks(draft: EntryDraft, remarks: string): void {
  for (const item of splitRemarks(remarks)) {
    // Items are whitespace-collapsed: single spaces only.
    const text = item.replace(/^alt\. /i, "");
    let m = /^DOB (.+)$/i.exec(text);
    if (m?.[1]) {
      draft.addBirthDateText(m[1], parseTextDate(m[1]));
      continue;
    }
    m = /^(?:nationality|citizen) (.+)$/i.exec(text);
    if (m?.[1]) {
      draft.addNationality(m[1]);
      continue;
    }
    m = /^([afn])\.k\.a\.,? '(.+)'$/i.exec(text);
    if (m?.[2]) {
      draft.addName({ full: m[2], weak: true });
      continue;
    }
    draft.addIdentifier(identifierFromRemark(item));
  }
}
