// A copy of the database without the master key reveals no organisation's identity.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeOrganisation, uid } from "../factories";

describe("organisation identity at rest", () => {
  it("is not readable anywhere in the database, protected or not", async () => {
    const legal = `Zashchita Legal ${uid()}`;
    const secretName = `Quiet Group ${uid()}`;
    await makeOrganisation({ protected: true, name: secretName, legalName: legal });
    // Everything PostgreSQL stores for the organisation tables, as text.
    const dump = await db.$queryRawUnsafe<{ t: string }[]>(
      `SELECT row_to_json(o)::text AS t FROM "Organisation" o
       UNION ALL SELECT row_to_json(k)::text FROM "OrganisationKey" k
       UNION ALL SELECT row_to_json(a)::text FROM "AuditEvent" a`,
    );
    const text = dump.map((r) => r.t).join("\n");
    expect(text).not.toContain(legal);
    expect(text).not.toContain(secretName);
    // The hex of the stored bytes does not contain it either.
    expect(text).not.toContain(Buffer.from(legal).toString("hex"));
  });
});
