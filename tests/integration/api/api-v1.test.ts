// REST API v1 (issue 18): tokens shown once and kept as a hash, one funder per token, scopes,
// paging and incremental sync, problem details in four languages, the rate limit, an audit
// event per call, and every response checked against the OpenAPI document the API serves.
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../../setup/next-mocks")).nextHeaders);

import { GET as getGrant } from "@/app/api/v1/grants/[id]/route";
import { GET as listGrants } from "@/app/api/v1/grants/route";
import { GET as listLedger } from "@/app/api/v1/ledger/route";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { GET as listTranches } from "@/app/api/v1/tranches/route";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/api/tokens";
import { API_RATE_LIMIT } from "@/lib/api/scopes";
import { db } from "@/lib/db";
import { setGrantStatus } from "@/lib/grants/status";
import { translatorFor } from "@/lib/i18n/messages";
import { requestPayment } from "@/lib/ledger/payments";
import { checkedBody, doc } from "./contract";
import { apiWorld, inDays, sha256 } from "./world";

const BASE = "http://localhost:3000/api/v1";
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: Array<[RegExp, Handler]> = [
  [/^\/grants\/([^/]+)$/, getGrant as Handler],
  [/^\/grants$/, listGrants as Handler],
  [/^\/tranches$/, listTranches as Handler],
  [/^\/ledger$/, listLedger as Handler],
];

/** Calls the route handler for `path` as Next.js would; the body is checked against the document. */
async function call(path: string, token: string | null, headers: Record<string, string> = {}) {
  const url = `${BASE}${path}`;
  const pathname = new URL(url).pathname.replace(/^\/api\/v1/, "");
  const [re, handler] = ROUTES.find(([r]) => r.test(pathname))!;
  const id = re.exec(pathname)![1];
  const res = await handler(new Request(url, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } }), { params: Promise.resolve<Record<string, string>>(id ? { id } : {}) });
  return { res, body: await checkedBody(res, url) };
}

const items = (body: Record<string, unknown>) => body.data as Array<Record<string, unknown>>;

describe("API tokens", () => {
  it("are shown once, stored as their SHA-256 only, listed without a secret, and audited", async () => {
    const w = await apiWorld();
    const { id, token } = await createApiToken(w.adminA, { funderId: w.a.funder.id, name: "Finance system", scopes: ["grants:read"], expiresOn: inDays(90) });
    expect(token).toMatch(/^most_[A-Za-z0-9_-]{43}$/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.secretHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(12));
    const listed = await listApiTokens(w.adminA, w.a.funder.id);
    expect(listed.find((t) => t.id === id)).toMatchObject({ name: "Finance system", scopes: ["grants:read"], state: "active", prefix: token.slice(0, 12) });
    expect(JSON.stringify(listed)).not.toContain(token.slice(12));
    expect(await db.auditEvent.count({ where: { action: "apiToken.created", entityId: id, actorId: w.adminA.userId } })).toBe(1);
  });

  it("last through the chosen day on the admin's own clock", async () => {
    const w = await apiWorld();
    const prague = { ...w.adminA, timeZone: "Europe/Prague" };
    const day = inDays(60);
    const { id } = await createApiToken(prague, { funderId: w.a.funder.id, name: "Prague", scopes: ["grants:read"], expiresOn: day });
    const { expiresAt } = await db.apiToken.findUniqueOrThrow({ where: { id } });
    // The last millisecond of that day in Prague (an hour or two before midnight UTC), not of the UTC day.
    expect(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Prague", dateStyle: "short" }).format(expiresAt)).toBe(day);
    expect(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Prague", dateStyle: "short" }).format(new Date(expiresAt.getTime() + 1))).not.toBe(day);
  });

  it("are created and revoked only by a funder admin of the funder; the database refuses anyone else", async () => {
    const w = await apiWorld();
    const input = { funderId: w.a.funder.id, name: "X", scopes: ["grants:read" as const], expiresOn: inDays(10) };
    for (const actor of [w.a.officer, w.a.finance, w.adminB]) await expect(createApiToken(actor, input)).rejects.toMatchObject({ code: "notFound" });
    await expect(createApiToken(w.adminA, { ...input, expiresOn: inDays(400) })).rejects.toMatchObject({ code: "validation", fields: { expiresOn: "api.tokens.expiryTooFar" } });
    await expect(createApiToken(w.adminA, { ...input, expiresOn: inDays(-1) })).rejects.toMatchObject({ code: "validation", fields: { expiresOn: "api.tokens.expiryPast" } });
    // Straight into the table as the portal's login: the guard still asks for a funder admin.
    await expect(db.apiToken.create({ data: { funderId: w.a.funder.id, name: "sneaky", secretHash: sha256("x"), prefix: "most_x", scopes: ["GRANTS_READ"], expiresAt: new Date(Date.now() + 86_400_000), createdById: w.a.finance.userId } })).rejects.toThrow(/funder admin/);
    const { id } = await createApiToken(w.adminA, input);
    await expect(db.apiToken.update({ where: { id }, data: { scopes: ["GRANTS_READ", "PAYMENTS_READ"] } })).rejects.toThrow(/never changes/);
    await expect(revokeApiToken(w.adminB, id)).rejects.toMatchObject({ code: "notFound" });
    await revokeApiToken(w.adminA, id);
    await expect(revokeApiToken(w.adminA, id)).rejects.toMatchObject({ code: "alreadyDone" });
    await expect(db.apiToken.update({ where: { id }, data: { revokedAt: null, revokedById: null } })).rejects.toThrow(/stays revoked/);
  });

  it("stop opening the API when revoked, expired, or when their creator is no longer a funder admin", async () => {
    const w = await apiWorld();
    const revoked = await w.token();
    const expired = await w.token();
    const orphaned = await w.token();
    await revokeApiToken(w.adminA, (await db.apiToken.findUniqueOrThrow({ where: { secretHash: sha256(revoked) } })).id);
    // Expiry is checked at each call; the row's expiry stays as created, so time moves instead.
    vi.useFakeTimers({ now: Date.now() + 31 * 86_400_000, toFake: ["Date"] });
    const afterExpiry = await call("/grants", expired);
    vi.useRealTimers();
    await db.staffRole.deleteMany({ where: { userId: w.adminA.userId, funderId: w.a.funder.id, role: "FUNDER_ADMIN" } });
    const answers = [await call("/grants", revoked), afterExpiry, await call("/grants", orphaned), await call("/grants", null), await call("/grants", "most_not-a-real-token-at-all")];
    for (const { res, body } of answers) {
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(body).toMatchObject({ type: "/api-reference#problem-unauthenticated", status: 401 });
    }
  });
});

describe("GET /api/v1/grants and /grants/{id}", () => {
  it("lists the token's funder's grants, a protected organisation by codename only", async () => {
    const w = await apiWorld();
    const { res, body } = await call("/grants", await w.token(["grants:read"]));
    expect(res.status).toBe(200);
    expect(items(body).map((g) => g.id)).toEqual([w.a.grant.id]);
    const [g] = items(body);
    expect(g).toMatchObject({ number: w.a.grant.number, amount: "60000.00", currency: "EUR", organisation: w.a.org.codename, balances: { committed: "60000.00", disbursed: "30000.00", remaining: "30000.00" } });
    const text = JSON.stringify(body);
    for (const secret of ["Hidden Lawyers Collective", "OOO Skrytye Yuristy"]) expect(text).not.toContain(secret);
    const one = await call(`/grants/${w.a.grant.id}`, await w.token(["grants:read"]));
    expect(one.res.status).toBe(200);
    expect((one.body.tranches as unknown[]).length).toBe(2);
    expect(JSON.stringify(one.body)).not.toContain("Hidden Lawyers");
  });

  it("a token of funder B sees nothing of funder A: the same 404 as a grant that does not exist", async () => {
    const w = await apiWorld();
    const tokenB = await w.token(["grants:read", "payments:read"], "b");
    expect(items((await call("/grants", tokenB)).body).map((g) => g.id)).toEqual([w.b.grant.id]);
    const foreign = await call(`/grants/${w.a.grant.id}`, tokenB);
    const missing = await call("/grants/00000000-0000-7000-8000-000000000000", tokenB);
    const malformed = await call("/grants/not-an-id", tokenB);
    for (const r of [foreign, missing, malformed]) expect(r.res.status).toBe(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
    expect(strip(foreign.body)).toEqual(strip(missing.body));
    expect(strip(malformed.body)).toEqual(strip(missing.body));
    for (const path of ["/tranches", "/ledger", `/tranches?grantId=${w.a.grant.id}`, `/ledger?grantId=${w.a.grant.id}`]) {
      const ids = items((await call(path, tokenB)).body).map((x) => x.grantId);
      expect(ids.every((id) => id === w.b.grant.id), path).toBe(true);
    }
  });

  it("pages with a cursor through every grant exactly once; a forged cursor is a 400 problem", async () => {
    const w = await apiWorld();
    // Two more grants, made through the approval path at other funders, handed to funder A.
    const { grantWorld } = await import("../../factories/grant-world");
    const more = await Promise.all([grantWorld(), grantWorld()]);
    await db.grant.updateMany({ where: { id: { in: more.map((m) => m.grant.id) } }, data: { funderId: w.a.funder.id } });
    const all = await db.grant.findMany({ where: { funderId: w.a.funder.id }, select: { id: true } });
    expect(all).toHaveLength(3);
    const token = await w.token(["grants:read"]);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { body }: { body: Record<string, unknown> } = await call(`/grants?limit=1${cursor ? `&cursor=${cursor}` : ""}`, token);
      seen.push(...items(body).map((g) => g.id as string));
      cursor = body.nextCursor as string | null;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(all.map((g) => g.id).sort());
    expect(new Set(seen).size).toBe(seen.length);
    const forged = await call(`/grants?cursor=${Buffer.from('{"u":"x"}').toString("base64url")}`, token);
    expect(forged.res.status).toBe(400);
    expect(forged.body.errors).toEqual([{ parameter: "cursor", detail: "cursor: not a cursor this API issued." }]);
    const bad = await call("/grants?limit=0&updatedSince=yesterday", token);
    expect(bad.res.status).toBe(400);
    expect((bad.body.errors as Array<{ parameter: string }>).map((e) => e.parameter).sort()).toEqual(["limit", "updatedSince"]);
  });
});

describe("incremental sync", () => {
  it("updatedSince returns what changed since, kept by the database's own update time", async () => {
    const w = await apiWorld();
    const token = await w.token();
    const before = await db.grant.findUniqueOrThrow({ where: { id: w.a.grant.id } });
    const since = new Date(Date.now() + 1).toISOString();
    await new Promise((r) => setTimeout(r, 5));
    expect(items((await call(`/grants?updatedSince=${since}`, token)).body)).toEqual([]);
    expect(items((await call(`/tranches?updatedSince=${since}`, token)).body)).toEqual([]);
    await setGrantStatus(w.a.officer, w.a.grant.id, "SUSPENDED", "Audit pending");
    await requestPayment(w.a.officer, w.a.tranches[1]!.id).catch(() => undefined);
    const grants = items((await call(`/grants?updatedSince=${since}`, token)).body);
    expect(grants.map((g) => [g.id, g.status])).toEqual([[w.a.grant.id, "SUSPENDED"]]);
    expect(new Date(grants[0]!.updatedAt as string).getTime()).toBeGreaterThan(before.updatedAt.getTime());
    // Even a write that names no update time moves it (the trigger, not the application).
    const t2 = w.a.tranches[1]!;
    await db.$executeRaw`UPDATE "Tranche" SET "plannedDate" = "plannedDate" WHERE id = ${t2.id}::uuid`;
    expect(items((await call(`/tranches?updatedSince=${since}`, token)).body).map((t) => t.id)).toContain(t2.id);
    // Payments due: approved tranches only.
    expect(items((await call("/tranches?status=APPROVED", token)).body)).toEqual([]);
    expect(items((await call("/tranches?status=PAID", token)).body).map((t) => t.id)).toEqual([w.a.tranches[0]!.id]);
  });

  it("the ledger comes in entry order, page by page, with its own cursor", async () => {
    const w = await apiWorld();
    const token = await w.token(["payments:read"]);
    const entries = await db.ledgerEntry.findMany({ where: { grantId: w.a.grant.id }, orderBy: { id: "asc" } });
    expect(entries.length).toBeGreaterThanOrEqual(2);
    const first = await call("/ledger?limit=1", token);
    expect(items(first.body).map((e) => e.id)).toEqual([entries[0]!.id.toString()]);
    const rest = await call(`/ledger?cursor=${first.body.nextCursor as string}`, token);
    expect(items(rest.body).map((e) => e.id)).toEqual(entries.slice(1).map((e) => e.id.toString()));
    expect(items(rest.body).find((e) => e.kind === "DISBURSEMENT")).toMatchObject({ amount: "30000.00", bankReference: "BANK-REF-1", trancheId: w.a.tranches[0]!.id });
    expect(rest.body.nextCursor).toBeNull();
  });
});

describe("scopes, problems, limits and audit", () => {
  it("a token without the scope gets 403 for that route, and it is written to the trail with the token's id", async () => {
    const w = await apiWorld();
    const grantsOnly = await w.token(["grants:read"]);
    const paymentsOnly = await w.token(["payments:read"]);
    expect((await call("/tranches", grantsOnly)).res.status).toBe(403);
    expect((await call("/ledger", grantsOnly)).res.status).toBe(403);
    expect((await call("/grants", paymentsOnly)).res.status).toBe(403);
    expect((await call(`/grants/${w.a.grant.id}`, paymentsOnly)).res.status).toBe(403);
    expect((await call("/tranches", paymentsOnly)).res.status).toBe(200);
    const id = (await db.apiToken.findUniqueOrThrow({ where: { secretHash: sha256(grantsOnly) } })).id;
    const events = await db.auditEvent.findMany({ where: { action: "api.called", entityId: id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.actorId, e.actorRole, e.funderId, (e.after as { path: string; status: number }).path, (e.after as { status: number }).status])).toEqual([
      [id, "API_TOKEN", w.a.funder.id, "/api/v1/tranches", 403],
      [id, "API_TOKEN", w.a.funder.id, "/api/v1/ledger", 403],
    ]);
  });

  it("problem details speak the language of Accept-Language", async () => {
    const w = await apiWorld();
    const token = await w.token(["grants:read"]);
    for (const [header, locale] of [["ru-RU,ru;q=0.9", "ru"], ["cs", "cs"], ["uk;q=0.9, en;q=0.1", "uk"], ["de-DE", "en"]] as const) {
      const { res, body } = await call("/tranches", token, { "accept-language": header });
      expect(res.headers.get("content-language")).toBe(locale);
      expect(body.detail).toBe(translatorFor(locale)("api.problem.forbidden"));
      expect(body.title).toBe("Forbidden");
    }
    const details = new Set(["en", "ru", "cs", "uk"].map((l) => translatorFor(l as "en")("api.problem.notFound")));
    expect(details.size).toBe(4);
  });

  it(`allows ${API_RATE_LIMIT} calls a minute per token, then answers 429 with Retry-After`, async () => {
    const w = await apiWorld();
    const token = await w.token(["grants:read"]);
    const other = await w.token(["grants:read"]);
    const id = (await db.apiToken.findUniqueOrThrow({ where: { secretHash: sha256(token) } })).id;
    // The window as 599 calls would leave it (counting 599 real calls adds nothing but time).
    await db.loginThrottle.create({ data: { key: `api:${id}`, failures: API_RATE_LIMIT - 1, windowStartedAt: new Date() } });
    expect((await call("/grants", token)).res.status).toBe(200);
    const refused = await call("/grants", token, { "accept-language": "cs" });
    expect(refused.res.status).toBe(429);
    expect(Number(refused.res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.body.detail).toMatch(/Zkuste to znovu za \d+ s/);
    // Another token of the same funder is not affected.
    expect((await call("/grants", other)).res.status).toBe(200);
    // Parallel calls are counted exactly: no lost updates at the limit.
    await db.loginThrottle.update({ where: { key: `api:${id}` }, data: { failures: API_RATE_LIMIT - 10, windowStartedAt: new Date() } });
    const burst = await Promise.all(Array.from({ length: 20 }, () => call("/grants", token)));
    expect(burst.filter((r) => r.res.status === 200).length).toBe(10);
  });
});

describe("input fuzzing", () => {
  it("any query to any route gets a declared answer (200 or a 400/404 problem), never a crash", async () => {
    const w = await apiWorld();
    const token = await w.token();
    const value = fc.oneof(fc.string(), fc.constantFrom("", "0", "-1", "201", "1e3", "NaN", "2026-13-40T25:00:00Z", "2026-01-01T00:00:00Z", "APPROVED", "paid", w.a.grant.id, "eyJ1IjoiMjAyNiJ9", Buffer.from(JSON.stringify({ u: "+275760-09-13T00:00:00.000Z", i: w.a.grant.id })).toString("base64url"), "\u0000", "%", "../.."), fc.string({ unit: "binary", maxLength: 300 }));
    const param = fc.constantFrom("cursor", "limit", "updatedSince", "status", "grantId", "unknown");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("/grants", "/tranches", "/ledger", "/grants/"), fc.array(fc.tuple(param, value), { maxLength: 4 }), fc.string({ maxLength: 40 }), async (route, params, tail) => {
        const qs = new URLSearchParams(params).toString();
        const path = route === "/grants/" ? `/grants/${encodeURIComponent(tail || "x")}` : `${route}?${qs}`;
        const { res } = await call(path, token); // checkedBody throws on any undeclared answer
        expect([200, 400, 404]).toContain(res.status);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe("the OpenAPI document", () => {
  it("is served without a token, is OpenAPI 3.1, and names every route of app/api/v1", async () => {
    const res = await openapi();
    expect(res.status).toBe(200);
    const body = (await res.json()) as typeof doc;
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths).sort()).toEqual(["/grants", "/grants/{id}", "/ledger", "/tranches"]);
    const { readdirSync } = await import("node:fs");
    const routes = (readdirSync("app/api/v1", { recursive: true }) as string[]).filter((f) => f.endsWith("route.ts") && !f.startsWith("openapi.json")).map((f) => `/${f.replace(/\/?route\.ts$/, "").replace(/\[(\w+)\]/g, "{$1}")}`);
    expect(routes.sort()).toEqual(Object.keys(body.paths).sort());
    expect(Object.keys(body.components.schemas)).toEqual(expect.arrayContaining(["Grant", "GrantPage", "GrantDetail", "Tranche", "TranchePage", "LedgerEntry", "LedgerPage", "Problem", "Balances"]));
  });
});
