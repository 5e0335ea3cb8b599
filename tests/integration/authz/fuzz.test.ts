// Property-based fuzzing (fast-check, 1,000 runs each):
//  1. every exported zod input schema in lib/: arbitrary values and objects with the right
//     keys but wrong values never make safeParse throw, and every catalogue-style message
//     ("errors.…") exists in the catalogue;
//  2. the action pipeline's FormData decoding never pollutes Object.prototype;
//  3. every server action (found on disk), called by an allowed actor with malformed input
//     built from a valid one: never a 500 (a throw other than a navigation signal, or the
//     "errors.unexpected" message), always its documented return type, and no write to the
//     database when it refuses (a surely-invalid input is always refused).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../../setup/next-mocks")).nextHeaders);
vi.mock("next/cache", async () => (await import("../../setup/next-mocks")).nextCache);
vi.mock("next/navigation", async () => (await import("../../setup/next-mocks")).nextNavigation);
vi.mock("next-intl/server", async () => (await import("../../setup/next-mocks")).nextIntlServer);

import { formValues } from "@/lib/action";
import { catalogueHas, isNavigationSignal, request } from "../../setup/next-mocks";
import { auditActionsSince, changedTables, installChangeCounter, lastAuditId, snapshot } from "./db-changes";
import { discoverActions, ROOT, type AnyFn } from "./discover";
import { classifyReturn, classifyThrow, type Outcome } from "./outcome";
import { beginRequest, toFormData } from "./runner";
import { ACTION_SCENARIOS, IDLE, type FieldValue, type Fields, type Input, type Scenario } from "./scenarios";
import { ACTORS, buildWorld, PDF, type ActorKey, type World } from "./world";
import { ACTION_POLICY } from "./policy";

// 250 runs an action keep the suite within its time on 2 cores (each run passes the real session
// check and two table snapshots); AUTHZ_FUZZ_RUNS=1000 explores further.
const RUNS = Number(process.env.AUTHZ_FUZZ_RUNS ?? 250);
// A fixed seed keeps CI reproducible; AUTHZ_FUZZ_SEED=random explores new inputs locally.
const SEED_ENV = process.env.AUTHZ_FUZZ_SEED ?? "20261127";
const SEED = SEED_ENV === "random" ? undefined : Number(SEED_ENV);
const fcParams = { numRuns: RUNS, seed: SEED } as const;

// ---------------------------------------------------------------------------------------
// Values that break things: control characters (NUL is not storable in PostgreSQL text),
// lone surrogates, numbers that overflow, dates that do not exist, huge strings.

const NASTY = [
  "", " ", "\t\n", "\u0000", "a\u0000b", "\uD800", "\uDFFFx", "\uFEFF", "\u202Eevil", "👩‍👩‍👧‍👦", "Ж", "١٢٣", "２０２６",
  "null", "undefined", "NaN", "Infinity", "-Infinity", "true", "false", "on", "yes", "[]", "{}", "[object Object]",
  "0", "-0", "-1", "1.5", "1e309", "0x10", "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999",
  "9007199254740993", "0.000000001", "1,5", "1 000 000,00", "999999999999.99", "1000000000000.00", "0.00", "-50000.00",
  "2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "275760-09-13", "2026-01-01T25:61", "2026-01-01T00:00",
  "<script>alert(1)</script>", "'; DROP TABLE \"User\"; --", "../../etc/passwd", "%00", "${7*7}", "{{7*7}}",
  "constructor", "prototype", "toString", "hasOwnProperty",
];
const HUGE = ["x".repeat(100_001), "é".repeat(40_000), "\u0000".repeat(1000)];

const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
);

const fileArb: fc.Arbitrary<File> = fc.constantFrom("pdf", "empty", "exe", "text", "bytes").chain((kind) =>
  kind === "bytes"
    ? fc.uint8Array({ maxLength: 64 }).map((b) => new File([b], "random.bin"))
    : fc.constant(
        kind === "pdf" ? new File([PDF], "ok.pdf") : kind === "empty" ? new File([], "empty.pdf") : kind === "exe" ? new File(["MZ\x90\x00\x03"], "x.pdf.exe") : new File(["Date,XTS\n"], "rates.csv"),
      ),
);

const formValue: fc.Arbitrary<string | File> = fc.oneof({ weight: 8, arbitrary: nastyString }, { weight: 1, arbitrary: fileArb });

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 2, maxKeys: 3 }) },
  { weight: 2, arbitrary: fc.constantFrom(null, undefined, Number.NaN, Infinity, -1, 0, 1.5, 2 ** 31, 2 ** 53 + 2, -0, true, [], {}, 10n ** 30n) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 3 }) },
);

/** Form keys: anything, including dotted paths and lists, but no "__proto__" segment (see the pollution test). */
const formKey = fc
  .oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom("a.b", "x[]", "a.b[]", ".", "..", "[]", "$ACTION_ID_1", "constructor", "toString", "constructor.prototype.x", "prototype.x"),
    fc.string({ maxLength: 8 }).map((s) => `${s}[]`),
    fc.tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })).map(([a, b]) => `${a}.${b}`),
  )
  .filter((k) => !k.split(".").some((p) => p.replace(/\[\]$/, "") === "__proto__"));

/** Object.prototype's own properties, to detect and undo pollution (new, changed or removed). */
type Descriptors = Map<string | symbol, PropertyDescriptor>;
function saveObjectPrototype(): Descriptors {
  return new Map(Reflect.ownKeys(Object.prototype).map((k) => [k, Reflect.getOwnPropertyDescriptor(Object.prototype, k)!]));
}
function restoreObjectPrototype(saved: Descriptors): string[] {
  const changed: string[] = [];
  for (const k of Reflect.ownKeys(Object.prototype)) {
    const was = saved.get(k);
    const now = Reflect.getOwnPropertyDescriptor(Object.prototype, k)!;
    if (!was) {
      changed.push(`+${String(k)}`);
      Reflect.deleteProperty(Object.prototype, k);
    } else if (now.value !== was.value || now.get !== was.get || now.set !== was.set) {
      changed.push(`~${String(k)}`);
      Reflect.defineProperty(Object.prototype, k, was);
    }
  }
  for (const [k, was] of saved) {
    if (!Reflect.getOwnPropertyDescriptor(Object.prototype, k)) {
      changed.push(`-${String(k)}`);
      Reflect.defineProperty(Object.prototype, k, was);
    }
  }
  return changed;
}

// ---------------------------------------------------------------------------------------
// 1. Schemas

/** Every `export const Z…` in lib/, imported and kept when it is a zod schema. */
async function discoverSchemas(): Promise<Array<{ id: string; schema: z.ZodType }>> {
  const libDir = path.join(ROOT, "lib");
  const files = (readdirSync(libDir, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).sort();
  const out: Array<{ id: string; schema: z.ZodType }> = [];
  for (const file of files) {
    const text = readFileSync(path.join(libDir, file), "utf8");
    const names = [...text.matchAll(/^export const (Z\w+)\b/gm)].map((m) => m[1]!);
    if (names.length === 0) continue;
    const mod = (await import(/* @vite-ignore */ path.join(libDir, file))) as Record<string, unknown>;
    for (const name of names) if (mod[name] instanceof z.ZodType) out.push({ id: `lib/${file}#${name}`, schema: mod[name] as z.ZodType });
  }
  return out;
}

/** Schemas that never receive input from a person. */
const NOT_INPUT: Record<string, string> = {
  "lib/organisations/identity.ts#ZIdentity": "parses an identity decrypted from the database",
};

type Def = { type: string; shape?: Record<string, unknown>; in?: { _zod: { def: Def } }; innerType?: { _zod: { def: Def } }; schema?: { _zod: { def: Def } } };
/** The keys of the object a schema expects (through pipes, transforms, defaults, refinements). */
function keysOf(schema: z.ZodType): string[] {
  let def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  for (let i = 0; i < 10; i++) {
    if (def.type === "object" && def.shape) return Object.keys(def.shape);
    const next = def.in ?? def.innerType ?? def.schema;
    if (!next) return [];
    def = next._zod.def;
  }
  return [];
}

/**
 * Valid inputs for the schemas with cross-field rules (superRefine/refine), whose rules
 * only run once every field has the right type: the third property breaks one or two
 * fields of a valid input, so those rules see malformed values too.
 */
const ID = "0190f5e2-6c1a-7cc0-8d2e-1f2a3b4c5d6e";
const VALID_SAMPLES: Record<string, Record<string, unknown>> = {
  "lib/organisations/schemas.ts#ZLostFunding": { organisationId: ID, donor: "NED", programmeName: "Media", annualAmount: "85 000", currency: "USD", startedOn: "2019-01-01", endedOn: "2025-03-01", purpose: "Salaries" },
  "lib/organisations/schemas.ts#ZOrganisationProfile": { displayName: "Memorial", legalName: "Memorial e.V.", operatingStatus: "EXILE", operatingCountry: "LV", sectors: ["HUMAN_RIGHTS"], annualBudget: "100000", annualBudgetCurrency: "EUR" },
  "lib/organisations/schemas.ts#ZUpdateOrganisation": { organisationId: ID, version: "1", displayName: "Memorial", legalName: "Memorial e.V.", operatingStatus: "EXILE", operatingCountry: "LV", sectors: ["HUMAN_RIGHTS"] },
  "lib/calls/schemas.ts#ZCallForm": {
    programmeId: ID, kind: "REGULAR", title: { en: "t", ru: "t", cs: "t" }, summary: { en: "s", ru: "s", cs: "s" }, eligibilitySummary: { en: "e", ru: "e", cs: "e" },
    languages: ["en"], opensAt: "2030-01-10T09:00", closesAt: "2030-03-10T17:00", envelope: "150000", minGrant: "5000", maxGrant: "50000", cofinancingPct: "0", overheadLimitPct: "7",
    eligibility: { en: ["a"], ru: ["a"], cs: ["a"] }, scoring: { en: ["r"], ru: ["r"], cs: ["r"], weight: ["100"] },
  },
  "lib/decisions/schemas.ts#ZRecommend": { applicationId: ID, kind: "APPROVE", amount: "5000", reasonsForApplicant: "ok" },
  "lib/reviews/schemas.ts#ZDeclareInterest": { assignmentId: ID, conflict: "yes", note: "former employer" },
  "lib/ledger/schemas.ts#ZRecordPayment": { trancheId: ID, idempotencyKey: "k".repeat(20), valueDate: "2026-01-05", bankReference: "SEPA", paidCurrency: "CZK", paidAmount: "1000" },
  "lib/ledger/schemas.ts#ZSchedule": { grantId: ID, version: "1", tranches: [{ plannedAmount: "100", plannedDate: "2027-01-01", condition: "NONE" }] },
  "lib/ledger/schemas.ts#ZReversePayment": { ledgerEntryId: "12", idempotencyKey: "k".repeat(20), reason: "wrong", valueDate: "2026-01-05" },
  "lib/reports/disbursements.ts#ZDisbursementFilters": { from: "2026-01-01", to: "2026-12-31", funderId: ID, country: "RU", currency: "EUR", status: "ACTIVE", unredacted: "1" },
  "lib/applications/schemas.ts#ZSaveDraft": { applicationId: ID, version: 1, content: { title: "t", sections: {}, requestedAmount: "100", lines: [{ category: "STAFF", description: "d", amount: "100" }] } },
};

const schemas = await discoverSchemas();
const actions = await discoverActions();
const genericMessages = new Map<string, Set<string>>();

function checkIssues(id: string, result: ReturnType<z.ZodType["safeParse"]>) {
  if (result.success) return;
  expect(result.error.issues.length).toBeGreaterThan(0);
  for (const issue of result.error.issues) {
    expect(typeof issue.message).toBe("string");
    expect(Array.isArray(issue.path)).toBe(true);
    if (issue.message.startsWith("errors.")) {
      if (!catalogueHas(issue.message)) throw new Error(`${id}: message key ${issue.message} is not in the catalogue`);
    } else if (issue.path.length > 0) {
      // zod's own wording: the action pipeline shows errors.field.invalid instead.
      const field = issue.path.map((p) => (typeof p === "string" && /^[A-Za-z]+$/.test(p) ? p : "*")).join(".");
      if (!genericMessages.has(id)) genericMessages.set(id, new Set());
      genericMessages.get(id)!.add(field);
    }
  }
}

describe("zod input schemas", () => {
  it("are all found", () => {
    expect(schemas.length).toBeGreaterThan(25);
  });

  for (const { id, schema } of schemas) {
    // Schemas that never see client input are listed with their reason in NOT_INPUT.
    if (NOT_INPUT[id]) continue;
    it(`${id}: never throws on anything; messages are catalogue keys`, () => {
      fc.assert(
        fc.property(fc.anything({ maxDepth: 3 }), (v) => {
          checkIssues(id, schema.safeParse(v));
        }),
        fcParams,
      );
      const keys = keysOf(schema);
      if (keys.length === 0) return;
      // The right keys with wrong values: wrong types, numbers as strings, huge and odd strings.
      const keyed = fc.record(Object.fromEntries(keys.map((k) => [k, anyValue])), { requiredKeys: [] });
      fc.assert(
        fc.property(keyed, (v) => {
          checkIssues(id, schema.safeParse(v));
        }),
        fcParams,
      );
      const sample = VALID_SAMPLES[id];
      if (!sample) return;
      expect(schema.safeParse(sample).success).toBe(true);
      // A valid input with one or two fields broken: the cross-field rules must cope.
      const broken = fc.array(fc.tuple(fc.constantFrom(...Object.keys(sample)), anyValue), { minLength: 1, maxLength: 2 });
      fc.assert(
        fc.property(broken, (changes) => {
          const input = { ...sample, ...Object.fromEntries(changes) };
          let result: ReturnType<z.ZodType["safeParse"]>;
          try {
            result = schema.safeParse(input);
          } catch (e) {
            throw new Error(`${id}.safeParse threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} for ${JSON.stringify(Object.fromEntries(changes.map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 40) : v])), (_k, x) => (typeof x === "bigint" ? `${x}n` : x))}`);
          }
          checkIssues(id, result);
        }),
        fcParams,
      );
    });
  }

  it("have valid samples that are still exported schemas", () => {
    const ids = new Set(schemas.map((s) => s.id));
    expect(Object.keys(VALID_SAMPLES).filter((id) => !ids.has(id))).toEqual([]);
  });

  afterAll(() => {
    if (genericMessages.size === 0) return;
    const lines = [...genericMessages].map(([id, fields]) => `  ${id}: ${[...fields].sort().join(", ")}`);
    console.log(`Fields whose errors carry zod's own wording (the form shows errors.field.invalid):\n${lines.join("\n")}`);
  });
});

// ---------------------------------------------------------------------------------------
// 2. FormData decoding

describe("FormData decoding (lib/action.ts formValues)", () => {
  it("never writes to Object.prototype, whatever the field names", () => {
    const segment = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "a", "polluted", "toString"), fc.string({ maxLength: 4 }));
    const key = fc.array(segment, { minLength: 1, maxLength: 4 }).chain((parts) => fc.constantFrom(parts.join("."), `${parts.join(".")}[]`));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, nastyString), { maxLength: 6 }), (entries) => {
        const fd = new FormData();
        for (const [k, v] of entries) fd.append(k, v);
        const saved = saveObjectPrototype();
        try {
          formValues(fd);
        } catch {
          // A refusal is fine here; what matters is the prototype.
        } finally {
          const changed = restoreObjectPrototype(saved);
          if (changed.length) throw new Error(`Object.prototype changed (${changed.join(", ")}) by fields ${JSON.stringify(entries.map(([k]) => k))}`);
        }
      }),
      fcParams,
    );
  });
});

// ---------------------------------------------------------------------------------------
// 3. Server actions

let w: World;
beforeAll(async () => {
  await installChangeCounter();
  w = await buildWorld();
}, 120_000);

const DELETE = "\u0000__delete__";
type Mutation = { index: number; value: unknown; asList: boolean };
type Plan =
  | { mode: "random-form"; entries: Array<[string, string | File]> }
  | { mode: "random-argument"; value: unknown }
  | { mode: "corrupt"; which: number; choice: number; mutations: Mutation[]; extras: Array<[string, unknown]> }
  | { mode: "semi-valid"; mutations: Mutation[]; extras: Array<[string, unknown]> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A value that surely fails for a field, given the valid one (choice picks among them). */
function surelyInvalid(valid: unknown, choice: number, opts: { object: boolean; acceptsUnknownIds?: boolean }): unknown {
  const options: unknown[] = [DELETE];
  if (typeof valid === "string" && UUID.test(valid)) {
    options.push("", "not-a-uuid", valid.slice(0, -1), `${valid}0`, valid.replace(/-/g, ""), HUGE[0], "\u0000");
    if (!opts.acceptsUnknownIds) options.push(randomUUID());
    if (opts.object) options.push(42, null, {}, [valid], true);
  } else if (valid instanceof File) {
    options.push("a string, not a file", "");
  } else if (Array.isArray(valid)) {
    options.push([], [HUGE[0]], ["\u0000"]);
  } else {
    options.push("", "   ", HUGE[0]);
    if (opts.object) options.push(null, {}, []);
  }
  return options[choice % options.length];
}

function leafPaths(value: unknown, prefix: string[] = [], depth = 0): string[][] {
  if (depth < 3 && value && typeof value === "object" && !Array.isArray(value) && !(value instanceof File)) {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? entries.flatMap(([k, v]) => [[...prefix, k], ...leafPaths(v, [...prefix, k], depth + 1).filter((p) => p.length > prefix.length + 1)]) : [prefix];
  }
  return [prefix];
}

function setPath(target: Record<string, unknown>, p: string[], value: unknown) {
  let node = target;
  for (const part of p.slice(0, -1)) {
    const next = node[part];
    node[part] = next && typeof next === "object" ? (Array.isArray(next) ? [...next] : { ...(next as object) }) : {};
    node = node[part] as Record<string, unknown>;
  }
  if (value === DELETE) delete node[p.at(-1)!];
  else node[p.at(-1)!] = value;
}

/** Builds the call's arguments from a plan and the current valid input. */
function apply(plan: Plan, base: Input, sc: Scenario, fn: AnyFn): { args: unknown[]; surelyInvalid: boolean } {
  const formArgs = (fd: FormData) => (fn.length >= 2 ? [IDLE, fd] : [fd]);
  if (plan.mode === "random-form") {
    const fd = new FormData();
    for (const [k, v] of plan.entries) fd.append(k, v);
    return { args: formArgs(fd), surelyInvalid: false };
  }
  if (plan.mode === "random-argument") return { args: [plan.value], surelyInvalid: false };
  if (base.kind === "form") {
    const fields: Record<string, FieldValue | typeof DELETE> = { ...base.fields };
    const keys = Object.keys(base.fields);
    for (const m of plan.mutations) {
      const key = keys[m.index % keys.length]!;
      fields[key] = m.value === DELETE ? DELETE : Array.isArray(base.fields[key]) || m.asList ? [m.value as string] : (m.value as string);
    }
    for (const [k, v] of plan.extras) fields[k] = v as string;
    let surely = false;
    if (plan.mode === "corrupt" && sc.corrupt?.length) {
      const key = sc.corrupt[plan.which % sc.corrupt.length]!;
      fields[key] = surelyInvalid(base.fields[key], plan.choice, { object: false, acceptsUnknownIds: sc.acceptsUnknownIds }) as FieldValue;
      surely = true;
    }
    const kept = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== DELETE)) as Fields;
    return { args: formArgs(toFormData(kept)), surelyInvalid: surely };
  }
  if (base.kind === "object") {
    const value = structuredClone(base.value);
    const paths = leafPaths(base.value);
    for (const m of plan.mutations) setPath(value, paths[m.index % paths.length]!, m.value);
    for (const [k, v] of plan.extras) value[k] = v;
    let surely = false;
    if (plan.mode === "corrupt" && sc.corrupt?.length) {
      const key = sc.corrupt[plan.which % sc.corrupt.length]!;
      setPath(value, [key], surelyInvalid(base.value[key], plan.choice, { object: true, acceptsUnknownIds: sc.acceptsUnknownIds }));
      surely = true;
    }
    return { args: [value], surelyInvalid: surely };
  }
  return { args: [IDLE], surelyInvalid: false };
}

function planArbitrary(base: Input): fc.Arbitrary<Plan> {
  const isObject = base.kind === "object";
  const mutation = fc.record({ index: fc.nat(), value: isObject ? anyValue : fc.oneof({ weight: 9, arbitrary: formValue }, { weight: 1, arbitrary: fc.constant(DELETE) }), asList: fc.boolean() }) as fc.Arbitrary<Mutation>;
  const extras = fc.array(fc.tuple(formKey, isObject ? anyValue : formValue), { maxLength: 2 }) as fc.Arbitrary<Array<[string, unknown]>>;
  const randomForm = fc.record({ mode: fc.constant("random-form" as const), entries: fc.array(fc.tuple(formKey, formValue), { maxLength: 6 }) });
  const randomArgument = fc.record({ mode: fc.constant("random-argument" as const), value: fc.anything({ maxDepth: 2 }) });
  if (base.kind === "none") return randomArgument;
  const corrupt = fc.record({ mode: fc.constant("corrupt" as const), which: fc.nat(), choice: fc.nat(), mutations: fc.array(mutation, { maxLength: 2 }), extras });
  const semiValid = fc.record({ mode: fc.constant("semi-valid" as const), mutations: fc.array(mutation, { minLength: 1, maxLength: 2 }), extras });
  return fc.oneof(
    { weight: 1, arbitrary: base.kind === "form" ? randomForm : randomArgument },
    { weight: 5, arbitrary: corrupt },
    { weight: 2, arbitrary: semiValid },
  ) as fc.Arbitrary<Plan>;
}

/** The documented return types. */
function shapeProblem(returns: Scenario["returns"], value: unknown, threw: boolean): string | null {
  if (threw) return null; // navigation signals are checked by the caller
  if (returns === "voidOrRedirect") return value === undefined ? null : `returned ${JSON.stringify(value)}`;
  if (returns === "passkeyOptions") {
    const v = value as { options?: unknown; challengeId?: unknown } | null;
    return v && typeof v.options === "object" && typeof v.challengeId === "string" ? null : "not passkey options";
  }
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v !== "object") return `returned ${String(value)}`;
  const okStatuses = returns === "saveResult" ? ["saved", "error"] : ["ok", "error"];
  if (!okStatuses.includes(v.status as string)) return `status ${String(v.status)}`;
  if (v.status === "error") {
    if (v.message !== undefined && typeof v.message !== "string") return "message is not a string";
    if (v.code !== undefined && typeof v.code !== "string") return "code is not a string";
    const fe = v.fieldErrors as Record<string, unknown> | undefined;
    if (fe !== undefined) {
      if (typeof fe !== "object" || fe === null) return "fieldErrors is not an object";
      for (const [k, m] of Object.entries(fe)) if (typeof m !== "string" || !catalogueHas(m)) return `fieldErrors.${k} is ${String(m)}`;
    }
  }
  return null;
}

/** The actor the fuzzing runs as: an allowed one (signed in when any signed-in actor is allowed). */
function fuzzActor(allowed: readonly ActorKey[]): ActorKey {
  return ACTORS.find((a) => a !== "ANONYMOUS" && allowed.includes(a)) ?? "ANONYMOUS";
}

/** A short, readable form of what was sent (for failure messages). */
function describeArgs(args: unknown[]): string {
  const show = (v: unknown): string => {
    if (v instanceof File) return `File(${JSON.stringify(v.name)}, ${v.size} B)`;
    if (typeof v === "string") return v.length > 60 ? `${JSON.stringify(v.slice(0, 40))}…(${v.length} chars)` : JSON.stringify(v);
    const text = JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : typeof x === "string" && x.length > 60 ? `${x.slice(0, 40)}…(${x.length} chars)` : x));
    return text === undefined ? String(v) : text;
  };
  const last = args.at(-1);
  if (last instanceof FormData) return `FormData{ ${[...last.entries()].map(([k, v]) => `${JSON.stringify(k)}: ${show(v)}`).join(", ")} }`;
  if (last && typeof last === "object") return `{ ${Object.entries(last).map(([k, v]) => `${JSON.stringify(k)}: ${show(v)}`).join(", ")} }`;
  return show(last);
}

const inputKinds = new Map<string, Input["kind"]>();
const fuzzStats = { actions: 0, runs: 0, refused: 0, succeeded: 0 };
afterAll(() => {
  console.log(`authz fuzz: ${schemas.length} schemas, ${fuzzStats.actions} actions, ${fuzzStats.runs} action calls (${fuzzStats.refused} refused, ${fuzzStats.succeeded} accepted)`);
});

describe("server actions with malformed input", () => {
  for (const action of actions) {
    const allowed = ACTION_POLICY[action.file]?.[action.name];
    const sc = ACTION_SCENARIOS[action.file]?.[action.name];
    it(`${action.id}`, async () => {
      expect(Boolean(allowed && sc), `${action.id} needs a policy and a scenario`).toBe(true);
      const actor = fuzzActor(allowed!);
      const fn: AnyFn = action.fn;
      let fx = await sc!.fixture(w, "world");
      let base = await sc!.input(fx, w, actor);
      inputKinds.set(action.id, base.kind);
      let rebuilds = 0;
      fuzzStats.actions++;

      await fc.assert(
        fc.asyncProperty(planArbitrary(base), async (plan) => {
          const { args, surelyInvalid: surely } = apply(plan, base, sc!, fn);
          const fail = (message: string) => new Error(`${message}\n    input: ${describeArgs(args)}`);
          await beginRequest(w, actor, { freshSession: sc!.freshSession });
          // Taken after beginRequest, which keeps the actor's session live (a write of its own).
          const before = await snapshot();
          const auditBefore = sc!.failureWrites?.auditActions ? await lastAuditId() : 0n;
          const protoBefore = saveObjectPrototype();
          let value: unknown;
          let threw = false;
          let thrown: unknown;
          try {
            value = await fn(...args);
          } catch (e) {
            threw = true;
            thrown = e;
          }
          const polluted = restoreObjectPrototype(protoBefore);
          fuzzStats.runs++;
          if (polluted.length) throw fail(`Object.prototype changed: ${polluted.join(", ")}`);
          if (threw && !isNavigationSignal(thrown)) throw fail(`threw ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}`.slice(0, 500));
          const outcome: Outcome = threw ? classifyThrow(thrown) : classifyReturn(value);
          if (outcome.kind === "crashed") throw fail(`500: ${outcome.detail}`);
          const shape = shapeProblem(sc!.returns, value, threw);
          if (shape) throw fail(`unexpected return: ${shape}`);
          const success = outcome.kind === "allowed" && outcome.success && (sc!.returns !== "voidOrRedirect" || threw);
          if (success) {
            fuzzStats.succeeded++;
            if (surely) throw fail(`accepted a surely invalid input (${outcome.detail})`);
            // The valid input was used up (state changed): start again from fresh objects.
            if (rebuilds < 10) {
              rebuilds++;
              fx = await sc!.fixture(w, "world");
              base = await sc!.input(fx, w, actor);
            }
            return;
          }
          fuzzStats.refused++;
          const now = await snapshot();
          const writes = changedTables(before, now, sc!.failureWrites?.tables ?? []);
          if (Object.keys(writes).length > 0) throw fail(`refused (${outcome.detail}) but wrote ${JSON.stringify(writes)}`);
          if (sc!.failureWrites?.auditActions) {
            const extra = (await auditActionsSince(auditBefore)).filter((a) => !sc!.failureWrites!.auditActions!.includes(a));
            if (extra.length) throw fail(`refused (${outcome.detail}) but audited ${extra.join(", ")}`);
          }
        }),
        fcParams,
      );
    }, 600_000);
  }
});

describe("malformed inputs found by reading the code", () => {
  // Each is refused with an error (never a 500, never accepted) and writes nothing.
  const CASES: Array<{ file: string; name: string; actor: ActorKey; patch: Fields; why: string }> = [
    { file: "app/(applicant)/my/organisations/actions.ts", name: "updateOrganisationAction", actor: "APPLICANT", patch: { version: "2147483648" }, why: "version beyond a PostgreSQL integer" },
    { file: "app/(staff)/staff/actions.ts", name: "updateCallAction", actor: "OFFICER", patch: { version: "2147483648" }, why: "version beyond a PostgreSQL integer" },
    { file: "app/(staff)/staff/grants/actions.ts", name: "recordPaymentAction", actor: "FINANCE", patch: { paidCurrency: "CZK", paidAmount: "0" }, why: "paid amount zero: division by zero for the FX rate" },
    { file: "app/(staff)/staff/grants/actions.ts", name: "reversePaymentAction", actor: "FINANCE", patch: { ledgerEntryId: "9223372036854775808" }, why: "ledger entry id beyond a PostgreSQL bigint" },
    { file: "app/(staff)/staff/actions.ts", name: "askAction", actor: "OFFICER", patch: { body: "a\u0000b" }, why: "NUL character (PostgreSQL text cannot hold it)" },
    { file: "app/(applicant)/my/organisations/actions.ts", name: "addLostFundingAction", actor: "APPLICANT", patch: { annualAmount: "lots" }, why: "cross-field rule run on an invalid amount" },
    { file: "app/(applicant)/my/organisations/actions.ts", name: "addLostFundingAction", actor: "APPLICANT", patch: { endedOn: "2025-02-30" }, why: "a date that does not exist" },
    { file: "app/(staff)/staff/actions.ts", name: "createCallAction", actor: "OFFICER", patch: { envelope: "lots" }, why: "cross-field rule run on an invalid amount" },
    { file: "app/(staff)/staff/actions.ts", name: "createCallAction", actor: "OFFICER", patch: { opensAt: "2030-02-30T09:00" }, why: "a date that does not exist" },
  ];
  for (const c of CASES) {
    it(`${c.file}#${c.name}: ${c.why} ${JSON.stringify(c.patch)}`, async () => {
      const sc = ACTION_SCENARIOS[c.file]![c.name]!;
      const action = actions.find((a) => a.file === c.file && a.name === c.name)!;
      const input = await sc.input(await sc.fixture(w, "world"), w, c.actor);
      if (input.kind !== "form") throw new Error("form actions only");
      await beginRequest(w, c.actor);
      const before = await snapshot();
      let outcome: Outcome;
      try {
        outcome = classifyReturn(await action.fn(IDLE, toFormData({ ...input.fields, ...c.patch })));
      } catch (e) {
        outcome = classifyThrow(e);
      }
      const writes = changedTables(before, await snapshot());
      expect({ outcome: outcome.kind === "allowed" && outcome.success ? "accepted" : outcome.kind === "crashed" ? `500 (${outcome.detail})` : "refused", writes }).toEqual({ outcome: "refused", writes: {} });
    });
  }
});

describe("form actions called with something other than FormData", () => {
  // A server action is a public endpoint: its arguments are whatever the client encodes,
  // not necessarily the FormData the page's form sends.
  it("answer with a refusal, never a 500", async () => {
    const crashes = new Map<string, Set<string>>(); // error → actions
    const record = (error: string, action: string) => {
      if (!crashes.has(error)) crashes.set(error, new Set());
      crashes.get(error)!.add(action);
    };
    for (const a of actions) {
      const sc = ACTION_SCENARIOS[a.file]?.[a.name];
      const allowed = ACTION_POLICY[a.file]?.[a.name];
      if (sc && allowed && !inputKinds.has(a.id)) inputKinds.set(a.id, (await sc.input(await sc.fixture(w, "world"), w, fuzzActor(allowed))).kind);
    }
    const formActions = actions.filter((a) => inputKinds.get(a.id) === "form");
    expect(formActions.length).toBeGreaterThan(0);
    for (const a of formActions) {
      const actor = fuzzActor(ACTION_POLICY[a.file]![a.name]!);
      for (const arg of ["text", 42, null, {}, [["applicationId", "x"]], { get: () => "x" }]) {
        await beginRequest(w, actor);
        const before = await snapshot();
        try {
          await (a.fn.length >= 2 ? a.fn(IDLE, arg) : a.fn(arg));
        } catch (e) {
          if (!isNavigationSignal(e)) record(`${describeArgs([arg])} → ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, a.name);
        }
        const writes = changedTables(before, await snapshot());
        if (Object.keys(writes).length) record(`${describeArgs([arg])} → wrote ${JSON.stringify(writes)}`, a.name);
      }
    }
    const who = (names: Set<string>) => {
      const missing = formActions.filter((a) => !names.has(a.name)).map((a) => a.name);
      return missing.length === 0 ? `all ${names.size} form actions` : missing.length <= 3 ? `all form actions but ${missing.join(", ")}` : [...names].join(", ");
    };
    const report = [...crashes].map(([error, names]) => `${error}: ${who(names)}`);
    expect(report).toEqual([]);
  }, 120_000);
});

describe("messages", () => {
  it("every message key the actions used exists in the catalogue", () => {
    expect([...request.missingKeys]).toEqual([]);
  });
});
