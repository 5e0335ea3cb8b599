// How an organisation appears in exports. Protected organisations: codename, no legal
// identity, generated identifier; country as region when the organisation asked. Only a
// platform admin's unredacted export opens identities, and that export is audited.
import "server-only";
import { openIdentity, type OrganisationIdentity } from "../organisations/identity";
import { regionOf } from "../regions";
import { generatedOrgId } from "./org-id";

export type OrgForExport = {
  id: string;
  codename: string;
  publicName: string | null;
  isProtected: boolean;
  regionOnly: boolean;
  operatingCountry: string;
  registrationCountry: string | null;
  identity: Uint8Array | null;
  key: { wrappedKey: Uint8Array | null; masterKeyId: string; destroyedAt: Date | null } | null;
};

/** org-id.guide prefixes for registers we know; others get a generated identifier. */
const ORG_ID_PREFIX: Record<string, string> = { CZ: "CZ-ICO", LV: "LV-RE", EE: "EE-RIK", PL: "PL-KRS", DE: "DE-CR", LT: "LT-RC", GE: "GE-BR", SK: "SK-ICO", GB: "GB-COH", NL: "NL-KVK" };


export type ExportedOrg = { id: string; name: string; country: string | null; region: string; legalName?: string; registrationNumber?: string };

export function exportOrg(org: OrgForExport, unredacted: boolean, cache = new Map<string, OrganisationIdentity | null>()): ExportedOrg {
  const region = regionOf(org.operatingCountry);
  const hideCountry = org.regionOnly;
  if (org.isProtected && !unredacted) {
    return { id: generatedOrgId(org), name: org.codename, country: hideCountry ? null : org.operatingCountry, region };
  }
  if (!cache.has(org.id)) cache.set(org.id, openIdentity(org, org.key));
  const identity = cache.get(org.id) ?? null;
  const prefix = org.registrationCountry ? ORG_ID_PREFIX[org.registrationCountry] : undefined;
  const regNo = identity?.registrationNumber?.replace(/[^A-Za-z0-9]/g, "");
  return {
    id: prefix && regNo ? `${prefix}-${regNo}` : generatedOrgId(org),
    name: org.publicName ?? identity?.displayName ?? org.codename,
    country: hideCountry && !unredacted ? null : org.operatingCountry,
    region,
    ...(unredacted ? { legalName: identity?.legalName, registrationNumber: identity?.registrationNumber } : {}),
  };
}
