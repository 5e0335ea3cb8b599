// Authorisation matrix: every server action and route handler in app/ (found on disk),
// called directly as anonymous and as every role, each with an input that would succeed
// for an allowed actor. Denied actors run first, on an unmodified world, and must change
// nothing in the database; allowed actors run on fresh objects and must not be denied.
// Applicant actions also get IDOR cases: the other organisation's admin sends its own
// ids with one of the world's ids swapped in, for every organisation-owned id.
// The expectations (who may do what, one line per action) are in ./policy.ts.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../../setup/next-mocks")).nextHeaders);
vi.mock("next/cache", async () => (await import("../../setup/next-mocks")).nextCache);
vi.mock("next/navigation", async () => (await import("../../setup/next-mocks")).nextNavigation);
vi.mock("next-intl/server", async () => (await import("../../setup/next-mocks")).nextIntlServer);

import { newRequest, request } from "../../setup/next-mocks";
import { effectProblem, installChangeCounter, measure, type Probe } from "./db-changes";
import { discoverActions, discoverHandlers, type AnyFn, type Discovered } from "./discover";
import { outcomeOf, responseOutcome, type Outcome } from "./outcome";
import { beginRequest, callHandler, invoke, tokensOf } from "./runner";
import { ACTION_SCENARIOS, ACTION_VARIANTS, HANDLER_SCENARIOS, HANDLER_VARIANTS, rememberWorld, type HandlerScenario, type Input, type Scenario } from "./scenarios";
import { ACTION_POLICY, API_LISTS_FOR_OTHER_FUNDER, API_TOKEN_POLICY, HANDLER_POLICY, TOKEN_KINDS, type Allowed } from "./policy";
import { ACTORS, buildWorld, type ActorKey, type World } from "./world";

// ---------------------------------------------------------------------------------------

const actions = await discoverActions();
const handlers = await discoverHandlers();

let w: World;
const stats = { calls: 0, deniedAsExpected: 0, allowedAsExpected: 0, unexpectedAllows: 0, unexpectedDenials: 0, idorCases: 0 };

beforeAll(async () => {
  await installChangeCounter();
  w = await buildWorld();
  rememberWorld(w);
}, 120_000);

afterAll(() => {
  console.log(
    `authz matrix: ${actions.length} actions, ${handlers.length} route handlers, ${ACTORS.length} actors, ` +
      `${stats.calls} calls (${stats.idorCases} IDOR), ${stats.deniedAsExpected} denied and ${stats.allowedAsExpected} allowed as expected, ` +
      `${stats.unexpectedAllows} unexpected allows, ${stats.unexpectedDenials} unexpected denials`,
  );
});

type Problem = { actor: ActorKey; case: string; problem: string; outcome: string; changes?: Record<string, number>; audit?: string[] };
/** Calls once and records what happened and what it wrote (rows per table, audit events). */
async function probe(actor: ActorKey, call: () => Promise<Outcome>, freshSession = false): Promise<Probe> {
  await beginRequest(w, actor, { freshSession });
  stats.calls++;
  return measure(call);
}

const VERBOSE = process.env.AUTHZ_VERBOSE === "1";

function judge(problems: Problem[], label: string, actor: ActorKey, expectAllowed: boolean, r: Probe, effect?: Scenario["effect"], extra?: string | null) {
  const { outcome, changes, audit } = r;
  if (VERBOSE) console.log(`  ${currentCase} | ${label} | ${actor} | expected ${expectAllowed ? "allow" : "deny"} | ${outcome.kind} ${outcome.detail} | ${JSON.stringify(changes)} | ${audit.join(",")}`);
  if (outcome.kind === "crashed") return problems.push({ actor, case: label, problem: "crashed", outcome: outcome.detail });
  if (!expectAllowed) {
    if (outcome.kind !== "denied") {
      stats.unexpectedAllows++;
      return problems.push({ actor, case: label, problem: "UNEXPECTED ALLOW", outcome: outcome.detail, changes });
    }
    if (Object.keys(changes).length > 0) return problems.push({ actor, case: label, problem: "denied, but wrote to the database", outcome: outcome.detail, changes });
    stats.deniedAsExpected++;
  } else {
    if (outcome.kind === "denied") {
      stats.unexpectedDenials++;
      return problems.push({ actor, case: label, problem: "unexpected denial", outcome: outcome.detail });
    }
    // Not being denied is not enough: a validation error or a business refusal would hide a broken action.
    if (!outcome.success) return problems.push({ actor, case: label, problem: "allowed, but did not succeed", outcome: outcome.detail, changes });
    const missing = effectProblem(effect, actor, r);
    if (missing) return problems.push({ actor, case: label, problem: missing, outcome: outcome.detail, changes, audit });
    if (extra) return problems.push({ actor, case: label, problem: extra, outcome: outcome.detail });
    stats.allowedAsExpected++;
  }
}

let currentCase = "";

async function runActionCase(fn: AnyFn, label: string, allowed: Allowed, sc: Scenario, problems: Problem[]) {
  const denied = ACTORS.filter((a) => !allowed.includes(a));
  const shared = await sc.fixture(w, "world");
  for (const actor of denied) {
    const input = await sc.input(shared, w, actor);
    judge(problems, label, actor, false, await probe(actor, () => outcomeOf(() => invoke(fn, input)), sc.freshSession));
  }
  for (const actor of allowed) {
    const fx = await sc.fixture(w, "world");
    const input = await sc.input(fx, w, actor);
    judge(problems, label, actor, true, await probe(actor, () => outcomeOf(() => invoke(fn, input)), sc.freshSession), sc.effect);
  }
}

function swapField(into: Input, from: Input, field: string): Input {
  if (into.kind === "form" && from.kind === "form") return { kind: "form", fields: { ...into.fields, [field]: from.fields[field]! } };
  if (into.kind === "object" && from.kind === "object") return { kind: "object", value: { ...into.value, [field]: from.value[field] } };
  throw new Error("inputs of different kinds");
}

/** OTHER_APPLICANT sends its own ids, with one id of the world's organisation swapped in. */
async function runIdorCases(fn: AnyFn, sc: Scenario, problems: Problem[]) {
  for (const field of sc.ownedIds ?? []) {
    const mine = await sc.input(await sc.fixture(w, "other"), w, "OTHER_APPLICANT");
    const theirs = await sc.input(await sc.fixture(w, "world"), w, "OTHER_APPLICANT");
    const input = swapField(mine, theirs, field);
    stats.idorCases++;
    judge(problems, `IDOR: own ids, the world's ${field}`, "OTHER_APPLICANT", false, await probe("OTHER_APPLICANT", () => outcomeOf(() => invoke(fn, input))));
  }
  if (sc.ownedIds?.length) {
    // The same call with only its own ids works: the refusals above are about the swapped id.
    const mine = await sc.input(await sc.fixture(w, "other"), w, "OTHER_APPLICANT");
    judge(problems, "IDOR control: only own ids", "OTHER_APPLICANT", true, await probe("OTHER_APPLICANT", () => outcomeOf(() => invoke(fn, mine))), sc.effect);
  }
}

const isAllowedList = (v: Allowed | { excluded: string } | undefined): v is Allowed => Array.isArray(v);

describe("the policy table matches the code", () => {
  it("names every discovered action and route handler, and nothing else", () => {
    const found = new Set([...actions, ...handlers].map((d) => d.id));
    const listed = new Set([
      ...Object.entries(ACTION_POLICY).flatMap(([file, names]) => Object.keys(names).map((n) => `${file}#${n}`)),
      ...Object.entries(HANDLER_POLICY).flatMap(([file, methods]) => Object.keys(methods).map((m) => `${m} ${file}`)),
    ]);
    expect({ withoutPolicy: [...found].filter((id) => !listed.has(id)), listedButGone: [...listed].filter((id) => !found.has(id)) }).toEqual({ withoutPolicy: [], listedButGone: [] });
    const scenarios = new Set([
      ...Object.entries(ACTION_SCENARIOS).flatMap(([file, names]) => Object.keys(names).map((n) => `${file}#${n}`)),
      ...Object.entries(HANDLER_SCENARIOS).flatMap(([file, methods]) => Object.keys(methods).map((m) => `${m} ${file}`)),
    ]);
    const needScenario = [...listed].filter((id) => {
      const [method, file] = id.split(" ");
      return !(file && HANDLER_POLICY[file]?.[method!] && !isAllowedList(HANDLER_POLICY[file]![method!]));
    });
    expect({ withoutScenario: needScenario.filter((id) => !scenarios.has(id)) }).toEqual({ withoutScenario: [] });
  });

  it("gives every action that members may take an IDOR case for each organisation-owned id (or says why it has none)", () => {
    const missing = actions.filter((a) => {
      const allowed = ACTION_POLICY[a.file]?.[a.name] ?? [];
      const sc = ACTION_SCENARIOS[a.file]?.[a.name];
      const applicantOnly = allowed.length > 0 && allowed.every((x) => x === "APPLICANT" || x === "APPLICANT_MEMBER");
      return applicantOnly && !sc?.ownedIds?.length && !sc?.idorNote;
    });
    expect(missing.map((a) => a.id)).toEqual([]);
  });
});

describe("server actions", () => {
  for (const action of actions) {
    const allowed = ACTION_POLICY[action.file]?.[action.name];
    const sc = ACTION_SCENARIOS[action.file]?.[action.name];
    it(action.id, async () => {
      currentCase = action.id;
      expect(Boolean(allowed && sc), `${action.id} needs a policy and a scenario`).toBe(true);
      const problems: Problem[] = [];
      await runActionCase(action.fn, "default", allowed!, sc!, problems);
      for (const v of ACTION_VARIANTS.filter((v) => v.file === action.file && v.name === action.name)) {
        await runActionCase(action.fn, v.label, v.allowed, v.scenario, problems);
      }
      await runIdorCases(action.fn, sc!, problems);
      expect(problems).toEqual([]);
    }, 180_000);
  }
});

describe("route handlers", () => {
  async function runHandlerCase(h: Discovered, label: string, allowed: Allowed, sc: HandlerScenario, problems: Problem[]) {
    const fx = await sc.fixture(w);
    const req = sc.request(fx, w);
    // Handlers only read (exports write an audit event): one object serves every actor.
    for (const actor of [...ACTORS.filter((a) => !allowed.includes(a)), ...allowed]) {
      let body: string | undefined;
      const r = await probe(actor, async () => {
        const o = await responseOutcome(() => callHandler(h.fn, req));
        body = o.body;
        return o;
      });
      const expectAllowed = allowed.includes(actor);
      const bodyProblem = expectAllowed && body !== undefined && sc.body ? sc.body(fx, actor, body) : null;
      judge(problems, label, actor, expectAllowed, r, sc.effect, bodyProblem);
    }
  }

  for (const h of handlers) {
    const policy = HANDLER_POLICY[h.file]?.[h.name];
    const sc = HANDLER_SCENARIOS[h.file]?.[h.name];
    // Excluded handlers (next-auth's own) carry their reason in the policy table.
    if (policy && !isAllowedList(policy)) continue;
    it(h.id, async () => {
      currentCase = h.id;
      expect(Boolean(policy && sc), `${h.id} needs a policy and a scenario`).toBe(true);
      const problems: Problem[] = [];
      await runHandlerCase(h, "default", policy as Allowed, sc!, problems);
      for (const v of HANDLER_VARIANTS.filter((v) => v.file === h.file && v.method === h.name)) {
        await runHandlerCase(h, v.label, v.allowed, v.scenario, problems);
      }
      expect(problems).toEqual([]);
    }, 180_000);
  }
});

describe("API routes by token", () => {
  const apiHandlers = handlers.filter((h) => h.file.startsWith("app/api/v1/") && h.file !== "app/api/v1/openapi.json/route.ts");

  it("every API route has a token policy", () => {
    expect(apiHandlers.filter((h) => !API_TOKEN_POLICY[h.file]?.[h.name]).map((h) => h.id)).toEqual([]);
  });

  // A denied token call may count against its rate limit and is audited; nothing else.
  const DENIAL_WRITES = new Set(["AuditEvent", "AuditHead", "LoginThrottle"]);
  for (const h of apiHandlers) {
    it(`${h.id} by token`, async () => {
      const allowed = API_TOKEN_POLICY[h.file]![h.name]!;
      const sc = HANDLER_SCENARIOS[h.file]![h.name]!;
      const fx = (await sc.fixture(w)) as { grant: { id: string; number: string } };
      const req = sc.request(fx, w);
      const tokens = await tokensOf(w);
      const problems: Array<Record<string, unknown>> = [];
      for (const kind of TOKEN_KINDS) {
        newRequest();
        let status = 0;
        let body = "";
        const r = await measure(async () => {
          const o = await responseOutcome(() => callHandler(h.fn, req, tokens[kind]));
          status = o.status ?? 0;
          body = o.body ?? "";
          return o;
        });
        stats.calls++;
        // By number: a refusal may name the requested path (its id), never the grant itself.
        const seesWorld = body.includes(fx.grant.number);
        const writes = Object.keys(r.changes);
        if (r.outcome.kind === "crashed") problems.push({ kind, problem: "crashed", status });
        else if (allowed.includes(kind)) {
          if (status !== 200 || !seesWorld) problems.push({ kind, problem: "allowed token did not get the world's grant", status });
          else stats.allowedAsExpected++;
        } else if (kind === "OTHER_FUNDER" && API_LISTS_FOR_OTHER_FUNDER.has(h.file) && status === 200) {
          if (seesWorld) problems.push({ kind, problem: "another funder's token sees the world's grant", status });
          else stats.deniedAsExpected++;
        } else if (r.outcome.kind !== "denied" || seesWorld) {
          stats.unexpectedAllows++;
          problems.push({ kind, problem: "UNEXPECTED ALLOW", status });
        } else if (writes.some((t) => !DENIAL_WRITES.has(t)) || r.audit.some((a) => a !== "api.called") || (status === 401 && writes.length > 0)) {
          problems.push({ kind, problem: "denied, but wrote", status, writes, audit: r.audit });
        } else stats.deniedAsExpected++;
      }
      expect(problems).toEqual([]);
    }, 180_000);
  }
});

describe("messages", () => {
  it("every message key the actions used exists in the catalogue", () => {
    expect([...request.missingKeys]).toEqual([]);
  });
});
