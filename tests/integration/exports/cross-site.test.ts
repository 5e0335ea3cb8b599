// Export downloads write an audit event, so a request another site started (a link or an
// image on a hostile page, carrying the auditor's cookie) is refused before anything runs.
import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../../setup/next-mocks")).nextHeaders);
vi.mock("next/cache", async () => (await import("../../setup/next-mocks")).nextCache);
vi.mock("next/navigation", async () => (await import("../../setup/next-mocks")).nextNavigation);
vi.mock("next-intl/server", async () => (await import("../../setup/next-mocks")).nextIntlServer);

import { GET as auditTrail } from "@/app/api/exports/audit/route";
import { GET as disbursements } from "@/app/api/exports/disbursements/route";
import { GET as iati } from "@/app/api/exports/iati/route";
import { createSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { makeFunder, makeUser } from "../../factories";
import { newRequest, signInAs } from "../../setup/next-mocks";

async function signedInAuditor() {
  const funder = await makeFunder();
  const user = await makeUser({ roles: [{ funderId: funder.id, role: "AUDITOR" }] });
  const session = await createSession(user.id, "staff", { mfaVerified: true });
  newRequest();
  await signInAs({ userId: user.id, sessionId: session.id });
  return user;
}

const get = (path: string, site?: string) =>
  new Request(`http://localhost:3000${path}`, { headers: site ? { "sec-fetch-site": site } : {} });
const exportEvents = (userId: string) => db.auditEvent.count({ where: { actorId: userId, entityType: "Export" } });

describe("export downloads started by another site", () => {
  it("are refused and leave no export on record", async () => {
    const auditor = await signedInAuditor();
    for (const site of ["cross-site", "same-site"]) {
      expect((await disbursements(get("/api/exports/disbursements?format=csv", site))).status).toBe(403);
      expect((await iati(get("/api/exports/iati", site))).status).toBe(403);
      expect((await auditTrail(get("/api/exports/audit?format=json&from=2026-01-01&to=2026-12-31", site))).status).toBe(403);
    }
    expect(await exportEvents(auditor.id)).toBe(0);
  });

  it("work from the portal's own pages, a bookmark, or a client that sends no such header", async () => {
    const auditor = await signedInAuditor();
    for (const site of ["same-origin", "none", undefined]) {
      const response = await disbursements(get("/api/exports/disbursements?format=csv", site));
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    expect(await exportEvents(auditor.id)).toBe(3);
  });
});
