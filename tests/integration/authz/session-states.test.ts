// The authorisation matrix's session rows: every server action and route handler that an
// anonymous caller may not use, called by an actor it allows, through a real Session row in
// a state that must carry no rights: revoked, idle, past its absolute limit, past its expiry,
// of a disabled user, second factor not yet passed (only the second-factor step itself is
// open), and a stale step-up for the
// acts that need one. Each must be refused and write nothing (the session check may end the
// presented session). Acts that need no step-up must still succeed with a stale one, so the
// step-up list (STEP_UP_CASES in ./policy.ts) cannot drift from the code.
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../../setup/next-mocks")).nextHeaders);
vi.mock("next/cache", async () => (await import("../../setup/next-mocks")).nextCache);
vi.mock("next/navigation", async () => (await import("../../setup/next-mocks")).nextNavigation);
vi.mock("next-intl/server", async () => (await import("../../setup/next-mocks")).nextIntlServer);

import { effectProblem, installChangeCounter, measure } from "./db-changes";
import { discoverActions, discoverHandlers } from "./discover";
import { outcomeOf, responseOutcome, type Outcome } from "./outcome";
import { callHandler, invoke } from "./runner";
import { ACTION_SCENARIOS, ACTION_VARIANTS, HANDLER_SCENARIOS, HANDLER_VARIANTS, rememberWorld, type Scenario } from "./scenarios";
import { ACTION_POLICY, BEFORE_SECOND_FACTOR_CASES, HANDLER_POLICY, STEP_UP_CASES, type Allowed } from "./policy";
import { beginRequestIn, onlyEndedItself, SESSION_STATES, type SessionState } from "./session-states";
import { ACTORS, buildWorld, type SignedInKey, type World } from "./world";

const actions = await discoverActions();
const handlers = await discoverHandlers();

let w: World;
beforeAll(async () => {
  await installChangeCounter();
  w = await buildWorld();
  rememberWorld(w);
}, 120_000);

/** One case of the matrix: who may, and how to call it (fixture, then a call as an actor). */
type Case = {
  id: string;
  allowed: Allowed;
  effect: Scenario["effect"];
  prepare: () => Promise<(actor: SignedInKey) => Promise<() => Promise<Outcome>>>;
};

function actionCases(): Case[] {
  const out: Case[] = [];
  for (const a of actions) {
    const variants = [
      { label: null, allowed: ACTION_POLICY[a.file]?.[a.name], sc: ACTION_SCENARIOS[a.file]?.[a.name] },
      ...ACTION_VARIANTS.filter((v) => v.file === a.file && v.name === a.name).map((v) => ({ label: v.label, allowed: v.allowed, sc: v.scenario })),
    ];
    for (const { label, allowed, sc } of variants) {
      // matrix.test.ts fails for an action without policy or scenario.
      if (!allowed || !sc) continue;
      out.push({
        id: label ? `${a.id} / ${label}` : a.id,
        allowed,
        effect: sc.effect,
        prepare: async () => {
          const fx = await sc.fixture(w, "world");
          return async (actor) => {
            const input = await sc.input(fx, w, actor);
            return () => outcomeOf(() => invoke(a.fn, input));
          };
        },
      });
    }
  }
  return out;
}

function handlerCases(): Case[] {
  const out: Case[] = [];
  for (const h of handlers) {
    const policy = HANDLER_POLICY[h.file]?.[h.name];
    if (!Array.isArray(policy)) continue; // next-auth's own endpoints, excluded with a reason
    const variants = [
      { label: null, allowed: policy as Allowed, sc: HANDLER_SCENARIOS[h.file]?.[h.name] },
      ...HANDLER_VARIANTS.filter((v) => v.file === h.file && v.method === h.name).map((v) => ({ label: v.label, allowed: v.allowed, sc: v.scenario })),
    ];
    for (const { label, allowed, sc } of variants) {
      if (!sc) continue;
      out.push({
        id: label ? `${h.id} / ${label}` : h.id,
        allowed,
        effect: sc.effect,
        prepare: async () => {
          const req = sc.request(await sc.fixture(w), w);
          return async () => () => responseOutcome(() => callHandler(h.fn, req));
        },
      });
    }
  }
  return out;
}

const STAFF: readonly SignedInKey[] = ACTORS.filter((a): a is SignedInKey => !["ANONYMOUS", "APPLICANT", "APPLICANT_MEMBER", "OTHER_APPLICANT"].includes(a));

/** The states a case is checked in, with the allowed actor who tries. */
function statesFor(c: Case): Array<{ state: SessionState; actor: SignedInKey }> {
  const allowed = c.allowed.filter((a): a is SignedInKey => a !== "ANONYMOUS");
  const first = allowed[0]!;
  const rows: Array<{ state: SessionState; actor: SignedInKey }> = (["revoked", "idle", "absolute", "expired", "disabled"] as const).map((state) => ({ state, actor: first }));
  // Before the second factor the password opens only the second-factor step itself.
  if (!BEFORE_SECOND_FACTOR_CASES.has(c.id)) rows.push({ state: "passwordOnly", actor: allowed.find((a) => STAFF.includes(a)) ?? first });
  rows.push({ state: "staleStepUp", actor: first });
  return rows;
}

const isStepUpRefusal = (o: Outcome) => /stepUpRequired|HTTP 403/.test(o.detail);

describe("a session that is not valid now carries no rights", () => {
  // Cases no session may use (the API's routes: tokens only, with their own revoked, expired and
  // orphaned rows in matrix.test.ts) have no session to spoil.
  const cases = [...actionCases(), ...handlerCases()].filter((c) => c.allowed.length > 0 && !c.allowed.includes("ANONYMOUS"));

  it("covers every case the matrix allows to someone, and the step-up list names only real cases", () => {
    expect(cases.length).toBeGreaterThan(50);
    const ids = new Set([...actionCases(), ...handlerCases()].map((c) => c.id));
    expect([...STEP_UP_CASES, ...BEFORE_SECOND_FACTOR_CASES].filter((id) => !ids.has(id))).toEqual([]);
  });

  for (const c of cases) {
    it(c.id, async () => {
      const problems: Array<{ state: string; actor: string; problem: string; outcome?: string; changes?: Record<string, number> }> = [];
      const callAs = await c.prepare();
      for (const { state, actor } of statesFor(c)) {
        const mustRefuse = state !== "staleStepUp" || STEP_UP_CASES.has(c.id);
        // A call expected to succeed changes its objects: it gets its own.
        const prepared = mustRefuse ? callAs : await c.prepare();
        const call = await prepared(actor);
        const { sessionId, after } = await beginRequestIn(state, w.users[actor].id);
        const r = await measure(call);
        await after();
        const label = SESSION_STATES[state];
        if (!mustRefuse) {
          const problem = r.outcome.kind === "allowed" && r.outcome.success ? effectProblem(c.effect, actor, r) : "refused, though it needs no step-up";
          if (problem) problems.push({ state: label, actor, problem, outcome: r.outcome.detail, changes: r.changes });
          continue;
        }
        // Without a valid session: denied. With a stale (or no) second factor: denied, or asked to step up.
        const refused = r.outcome.kind === "denied" || (["passwordOnly", "staleStepUp"].includes(state) && isStepUpRefusal(r.outcome));
        if (!refused) problems.push({ state: label, actor, problem: "NOT REFUSED", outcome: r.outcome.detail, changes: r.changes });
        else if (!(await onlyEndedItself(sessionId, r.changes))) problems.push({ state: label, actor, problem: "refused, but wrote to the database", outcome: r.outcome.detail, changes: r.changes });
      }
      expect(problems).toEqual([]);
    }, 180_000);
  }
});
