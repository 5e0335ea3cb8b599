// The one action pipeline (lib/action.ts) on input it must not parse or must not rewrite:
// an anonymous caller is answered before its form is read, forms beyond the field bound
// are refused unread, an ambiguous amount and text that did not arrive as UTF-8 get a field
// error and store nothing.
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../setup/next-mocks")).nextHeaders);
vi.mock("next/cache", async () => (await import("../setup/next-mocks")).nextCache);
vi.mock("next/navigation", async () => (await import("../setup/next-mocks")).nextNavigation);
vi.mock("next-intl/server", async () => (await import("../setup/next-mocks")).nextIntlServer);

import { createOrganisationAction } from "@/app/(applicant)/my/organisations/actions";
import { screenAction } from "@/app/(staff)/staff/actions";
import { ZScreening } from "@/lib/applications/screening";
import { createSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { IDLE_FORM } from "@/lib/form-state";
import { MAX_FIELD_NAME_LENGTH, MAX_FORM_FIELDS } from "@/lib/limits";
import { ZOrganisationProfile } from "@/lib/organisations/schemas";
import { makeUser, uid } from "../factories";
import { isNavigationSignal, newRequest, signInAs } from "../setup/next-mocks";

beforeEach(() => {
  newRequest();
  vi.restoreAllMocks();
});

async function signedInApplicant() {
  const user = await makeUser();
  const session = await createSession(user.id, "applicant", { mfaVerified: true });
  await signInAs({ userId: user.id, sessionId: session.id });
  return user;
}

const organisations = (userId: string) => db.membership.count({ where: { userId } });

function profileForm(over: Record<string, string> = {}) {
  const fd = new FormData();
  const fields = {
    displayName: `Quiet Defenders ${uid()}`,
    legalName: "ANO Tikhie Zashchitniki",
    operatingStatus: "EXILE",
    operatingCountry: "LV",
    "sectors[]": "HUMAN_RIGHTS",
    contactEmail: "office@example.org",
    annualBudget: "90000",
    annualBudgetCurrency: "EUR",
    ...over,
  };
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

/** The action's answer, or "redirected" when it succeeded and navigated away. */
async function outcome(p: Promise<unknown>) {
  try {
    return await p;
  } catch (e) {
    if (isNavigationSignal(e)) return "redirected";
    throw e;
  }
}

describe("the session is checked before the input is parsed", () => {
  it("an anonymous 30,002-field post to a staff action gets the sign-in answer; the schema never runs", async () => {
    await signInAs(null);
    const parse = vi.spyOn(ZScreening, "safeParse");
    const fd = new FormData();
    fd.append("applicationId", "not-a-uuid");
    for (let i = 0; i < 30_001; i++) fd.append(`criteria.c${i}`, "x".repeat(90));
    const state = await screenAction(IDLE_FORM, fd);
    expect(state).toMatchObject({ status: "error", code: "unauthenticated", message: "errors.unauthenticated" });
    expect(state.fieldErrors).toBeUndefined();
    expect(parse).not.toHaveBeenCalled();
  });

  it("a signed-in caller's form beyond the field bound is refused unread", async () => {
    const user = await signedInApplicant();
    const parse = vi.spyOn(ZOrganisationProfile, "safeParse");
    const fd = profileForm();
    for (let i = 0; i < MAX_FORM_FIELDS; i++) fd.append(`extra${i}`, "x");
    const state = await outcome(createOrganisationAction(IDLE_FORM, fd));
    expect(state).toMatchObject({ status: "error", fieldErrors: { _form: "errors.field.tooManyFields" } });
    expect(parse).not.toHaveBeenCalled();
    expect(await organisations(user.id)).toBe(0);
  });

  it("a field name longer than the bound is refused unread", async () => {
    const user = await signedInApplicant();
    const parse = vi.spyOn(ZOrganisationProfile, "safeParse");
    const state = await outcome(createOrganisationAction(IDLE_FORM, profileForm({ ["n".repeat(MAX_FIELD_NAME_LENGTH + 1)]: "x" })));
    expect(state).toMatchObject({ status: "error", fieldErrors: { _form: "errors.field.tooManyFields" } });
    expect(parse).not.toHaveBeenCalled();
    expect(await organisations(user.id)).toBe(0);
  });

  it("a form within the bound is parsed and saved", async () => {
    const user = await signedInApplicant();
    expect(await outcome(createOrganisationAction(IDLE_FORM, profileForm({ annualBudget: "1 234,50" })))).toBe("redirected");
    const m = await db.membership.findFirstOrThrow({ where: { userId: user.id }, include: { organisation: true } });
    expect(m.organisation.annualBudget?.toFixed(2)).toBe("1234.50");
  });
});

describe("ambiguous input is refused, never rewritten", () => {
  it.each(["1,2,3", "12,34,567", "1 2 3"])("the amount %j gets the amount error and nothing is stored", async (amount) => {
    const user = await signedInApplicant();
    const state = await outcome(createOrganisationAction(IDLE_FORM, profileForm({ annualBudget: amount })));
    expect(state).toMatchObject({ status: "error", fieldErrors: { annualBudget: "errors.field.amount" } });
    expect(await organisations(user.id)).toBe(0);
  });

  it("a name sent as invalid UTF-8 gets the encoding error and nothing is stored", async () => {
    const user = await signedInApplicant();
    // A real multipart body with the bytes C3 28 (not UTF-8) in the name, decoded the way
    // the server decodes it: the broken bytes arrive as U+FFFD.
    const boundary = "----most-test";
    const part = (name: string, value: Buffer) =>
      Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`), value, Buffer.from("\r\n")]);
    const fields = [...profileForm().entries()].filter(([k]) => k !== "displayName");
    const body = Buffer.concat([
      part("displayName", Buffer.from([0x51, 0x75, 0x69, 0x65, 0x74, 0x20, 0xc3, 0x28, 0x20, 0x44])),
      ...fields.map(([k, v]) => part(k, Buffer.from(String(v)))),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const fd = await new Request("http://localhost/", { method: "POST", body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } }).formData();
    expect(String(fd.get("displayName"))).toContain("\uFFFD");
    const state = await outcome(createOrganisationAction(IDLE_FORM, fd));
    expect(state).toMatchObject({ status: "error", fieldErrors: { displayName: "errors.field.encoding" } });
    expect(await organisations(user.id)).toBe(0);
  });

  it("a lone surrogate (a broken JSON escape) gets the encoding error too", async () => {
    const user = await signedInApplicant();
    const state = await outcome(createOrganisationAction(IDLE_FORM, profileForm({ legalName: "ANO \ud800 Zashchitniki" })));
    expect(state).toMatchObject({ status: "error", fieldErrors: { legalName: "errors.field.encoding" } });
    expect(await organisations(user.id)).toBe(0);
  });
});
