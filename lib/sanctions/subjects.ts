// What is screened for an organisation: its names (display, legal, former) and registration
// number, each key person, and the holder of each payee account in use. Opened from the sealed
// identity and accounts only here, inside screening.
import "server-only";
import type { OrganisationIdentity } from "../organisations/identity";
import { normaliseWords, stripLegalForms, type ScreeningSubject } from "./match";

export type Subject = { ref: string; subject: ScreeningSubject };

const clean = (names: (string | null | undefined)[]) => [...new Set(names.map((n) => n?.trim()).filter((n): n is string => !!n))];

/** The holder named on a payee account (opened from the sealed account by the caller). */
export type AccountHolder = { accountId: string; name: string };

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: "base" }) === 0;

export function subjectsOf(publicName: string | null, identity: OrganisationIdentity | null, holders: AccountHolder[] = []): Subject[] {
  const orgNames = clean([publicName, identity?.displayName, identity?.legalName, ...(identity?.formerNames ?? [])]);
  const out: Subject[] = [];
  if (orgNames.length > 0) {
    out.push({
      ref: "organisation",
      subject: {
        kind: "organisation",
        names: orgNames,
        identifiers: identity?.registrationNumber ? [{ type: "registration", value: identity.registrationNumber }] : [],
      },
    });
  }
  for (const p of identity?.keyPeople ?? []) {
    const names = clean([p.name, p.latinName]);
    if (names.length === 0) continue;
    out.push({ ref: `key-person:${p.id}`, subject: { kind: "person", names, birthDate: p.birthDate, nationality: p.nationality } });
  }
  const screened = out.flatMap((s) => s.subject.names);
  for (const h of holders) {
    const name = h.name.trim();
    // The organisation itself or one of its people holds most accounts: screened already.
    if (!name || screened.some((n) => sameName(n, name))) continue;
    screened.push(name);
    // A holder is a person or an organisation, and a bank form does not say which: a legal
    // form ("SIA", "e.V.", "ООО") says organisation; otherwise it is screened as both.
    const organisation = stripLegalForms(normaliseWords(name)).forms.length > 0;
    out.push({ ref: `account-holder:${h.accountId}`, subject: { kind: "organisation", names: [name] } });
    if (!organisation) out.push({ ref: `account-holder:${h.accountId}:person`, subject: { kind: "person", names: [name] } });
  }
  return out;
}
