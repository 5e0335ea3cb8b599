// What is screened for an organisation: its names (display, legal, former) and registration
// number, and each key person. Opened from the sealed identity only here, inside screening.
import "server-only";
import type { OrganisationIdentity } from "../organisations/identity";
import type { ScreeningSubject } from "./match";

export type Subject = { ref: string; subject: ScreeningSubject };

const clean = (names: (string | null | undefined)[]) => [...new Set(names.map((n) => n?.trim()).filter((n): n is string => !!n))];

export function subjectsOf(publicName: string | null, identity: OrganisationIdentity | null): Subject[] {
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
  return out;
}
