// Legal-form words of organisations (Russian, Ukrainian, Belarusian, English, German, Czech and
// their romanisations; and the forms exiled groups register under: Latvian, Estonian, Lithuanian,
// Polish, Georgian, Finnish, Dutch, Belgian, Serbian and Montenegrin, Kazakh and Kyrgyz). They are stripped from the start and end of a name, longest phrase
// first, and recorded; a form word inside a name ("Open Society Fund Praha") stays.

import type { NormalWord } from "./normalise";

const PHRASES = `
ооо|оао|пао|ао|зао|нао|ано|нко|ип|фгуп|гуп|муп|фгбу|гбу|ано до|ооо нпо
общество с ограниченной ответственностью|акционерное общество|открытое акционерное общество
публичное акционерное общество|закрытое акционерное общество|непубличное акционерное общество
автономная некоммерческая организация|некоммерческая организация|некоммерческое партнерство
благотворительный фонд|фонд|ассоциация|общественная организация|региональная общественная организация
межрегиональная общественная организация|общероссийская общественная организация|госкорпорация
государственная корпорация|индивидуальный предприниматель|федеральное государственное унитарное предприятие
тов|пат|прат|ат|го|бф|пп|фоп|товариство з обмеженою відповідальністю|публічне акціонерне товариство
приватне акціонерне товариство|акціонерне товариство|громадська організація|благодійний фонд|асоціація
благодійна організація|приватне підприємство|тав|аат|зат|таварыства з абмежаванай адказнасцю
ooo|oao|pao|zao|ao|ano|nko|tov|pat|prat|bf|fgup|gup|llc|ltd|limited|plc|llp|lp|inc|incorporated|corp|corporation
co|company|jsc|pjsc|ojsc|cjsc|ngo|npo|joint stock company|public joint stock company|open joint stock company
closed joint stock company|limited liability company|autonomous non profit organisation|autonomous non profit organization
autonomous nonprofit organisation|autonomous nonprofit organization|non profit organisation|non profit organization
nonprofit organisation|nonprofit organization|non commercial organisation|non commercial organization
charitable foundation|charity foundation|charitable fund|charity fund|charity|foundation|fund|fond|association
assotsiatsiya|obshchestvo s ogranichennoy otvetstvennostyu|state corporation|goskorporatsiya|blagotvoritelnyy fond
gmbh|g m b h|mbh|ggmbh|gemeinnützige gmbh|ag|kg|ohg|ug|e v|ev|eingetragener verein|stiftung|verein|gmbh co kg
s r o|sro|a s|as|z s|zs|o p s|ops|z u|zu|nadace|nadační fond|spolek|o s|v o s|k s|družstvo|sa|bv|nv|srl|spa
sia|biedrība|nodibinājums|mtü|mtu|oü|ou|sihtasutus|mittetulundusühing|osaühing|uab|všį|vsi|ab|viešoji įstaiga
labdaros fondas|labdaros ir paramos fondas|asociacija|sp z o o|spółka z ograniczoną odpowiedzialnością|fundacja
stowarzyszenie|nnle|non entrepreneurial non commercial legal entity|ააიპ|შპს|ry|oy|säätiö|stichting|vereniging
asbl|vzw|d o o|doo|udruženje|udruzenje|тоо|оф|ооф
`;

const FORMS = new Set(
  PHRASES.split(/[|\n]/)
    .map((s) => s.trim())
    .filter(Boolean),
);
const LONGEST = Math.max(...[...FORMS].map((f) => f.split(" ").length));

/** Short words that carry no identity in organisation names. */
export const ORG_STOPWORDS = new Set(["of", "the", "and", "und", "и", "і", "for", "de", "la", "des", "der", "die", "das", "a", "v", "i", "&"]);

/** Split an organisation's words into the name proper and its legal forms (as written, normalised). */
export function stripLegalForms(words: NormalWord[]): { words: NormalWord[]; forms: string[] } {
  let start = 0;
  let end = words.length;
  const forms: string[] = [];
  const take = (from: number, to: number) => words.slice(from, to).map((w) => w.text).join(" ");
  let changed = true;
  while (changed && end - start > 1) {
    changed = false;
    for (let n = Math.min(LONGEST, end - start - 1); n >= 1; n--) {
      if (FORMS.has(take(start, start + n))) {
        forms.push(take(start, start + n));
        start += n;
        changed = true;
        break;
      }
      if (FORMS.has(take(end - n, end))) {
        forms.push(take(end - n, end));
        end -= n;
        changed = true;
        break;
      }
    }
  }
  return { words: words.slice(start, end), forms };
}
