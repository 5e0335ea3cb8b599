// A copy of the database without the master key reveals no organisation's identity: for a
// protected organisation nothing of it, for an unprotected one nothing but its public name.
import { describe, expect, it } from "vitest";
import { createOrganisation, updateOrganisation } from "@/lib/organisations/commands";
import { ZOrganisationProfile } from "@/lib/organisations/schemas";
import { actorFor, makeUser, uid } from "../factories";
import { everythingStored } from "../factories/dump";

function sealedFields() {
  const u = uid();
  return {
    legalName: `Zashchita Legal ${u}`,
    registrationNumber: `77${parseInt(u, 16)}`,
    contactName: `Ivan Tikhonov ${u}`,
    contactEmail: `quiet-${u}@example.org`,
    contactPhone: `+420 777 ${parseInt(u.slice(0, 4), 16)}`,
    website: `https://quiet-${u}.example.org`,
  };
}

const profile = (displayName: string, sealed: ReturnType<typeof sealedFields>, isProtected: boolean) =>
  ZOrganisationProfile.parse({
    displayName,
    ...sealed,
    operatingStatus: "INSIDE_RUSSIA",
    sectors: ["HUMAN_RIGHTS"],
    isProtected: isProtected ? "on" : undefined,
  });

describe("organisation identity at rest", () => {
  it("is not readable anywhere in the database, protected or not", async () => {
    const actor = await actorFor((await makeUser()).id);
    const secretName = `Quiet Group ${uid()}`;
    const hidden = sealedFields();
    const open = sealedFields();
    const publicName = `Open Circle ${uid()}`;
    const prot = await createOrganisation(actor, profile(secretName, hidden, true));
    const unprot = await createOrganisation(actor, profile(publicName, open, false));
    // An update writes the identity again and audits before and after.
    const renamed = sealedFields();
    await updateOrganisation(await actorFor(actor.userId), unprot.id, 1, profile(publicName, renamed, false));

    const text = await everythingStored();
    expect(text).toContain(prot.codename);
    // An unprotected organisation's display name is public; the rest of its identity is not.
    expect(text).toContain(publicName);
    const secrets = [secretName, ...Object.values(hidden), ...Object.values(open), ...Object.values(renamed)];
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      // Nor as the hex of stored bytes (bytea columns appear as \x… in row_to_json).
      expect(text).not.toContain(Buffer.from(secret).toString("hex"));
    }
  });
});
