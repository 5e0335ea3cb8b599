// The holder of each payee account is screened like a key person (issues 14 and 15): a new
// account makes the organisation's screening stale in the database, the holder is screened at
// once, and a listed holder holds the payments; a holder who is the organisation itself adds
// nothing to screen.
import { describe, expect, it } from "vitest";
import { ZPayeeAccount } from "@/lib/bank/account";
import { addPayeeAccount } from "@/lib/bank/accounts";
import { db } from "@/lib/db";
import { approvePayment, requestPayment } from "@/lib/ledger/payments";
import { importListVersion } from "@/lib/sanctions/import";
import { screenOrganisation } from "@/lib/sanctions/screen";
import { subjectsOf } from "@/lib/sanctions/subjects";
import { actorFor } from "../factories";
import { grantWorld } from "../factories/grant-world";
import { randomIban, sepaAccount } from "../factories/payee";
import { fsfXml, LISTED, memoryFile } from "../support/sanctions-files";

const account = (holderName: string) => ZPayeeAccount.parse({ ...sepaAccount(randomIban()), holderName });
const lastScreening = (organisationId: string) => db.sanctionsScreening.findFirstOrThrow({ where: { organisationId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });

describe("payee account holders", () => {
  it("are screened as soon as an account is added; a listed holder holds the payment", async () => {
    await importListVersion(null, { source: "eu-fsf", files: [memoryFile("holders.xml", fsfXml([LISTED.official, LISTED.other, LISTED.company]))] });
    const w = await grantWorld();
    const member = await actorFor(w.member.id);
    const before = await db.organisation.findUniqueOrThrow({ where: { id: w.org.id } });
    const { id } = await addPayeeAccount(member, { organisationId: w.org.id, account: account("Pyotr Ilyich Chaikovsky") });
    expect((await db.organisation.findUniqueOrThrow({ where: { id: w.org.id } })).version).toBe(before.version + 1);
    const match = await db.sanctionsMatch.findFirstOrThrow({ where: { organisationId: w.org.id, funderId: w.funder.id } });
    expect(match.subjectRef).toBe(`account-holder:${id}:person`);
    expect(match.status).toBe("OPEN");
    await requestPayment(w.officer, w.tranches[0]!.id);
    await expect(approvePayment(w.approver, w.tranches[0]!.id)).rejects.toMatchObject({ code: "sanctionsHold" });
  });

  it("a holder who is the organisation itself, or a person already screened, adds no subject", async () => {
    const w = await grantWorld();
    const member = await actorFor(w.member.id);
    await screenOrganisation(w.org.id, "CHANGE");
    const subjects = (await lastScreening(w.org.id)).subjects;
    await addPayeeAccount(member, { organisationId: w.org.id, account: account("OOO Skrytye Yuristy") });
    expect((await lastScreening(w.org.id)).subjects).toBe(subjects);
    await addPayeeAccount(member, { organisationId: w.org.id, account: account("Free Word Media GmbH") });
    // A named organisation of its own (a legal form): screened once, as an organisation.
    expect((await lastScreening(w.org.id)).subjects).toBe(subjects + 1);
  });

  it("the database makes the screening stale whoever adds an account, and a screening that cannot open it fails", async () => {
    const w = await grantWorld();
    await screenOrganisation(w.org.id, "CHANGE");
    await expect(db.$executeRaw`SELECT most_sanctions_check(${w.org.id}::uuid, ${w.funder.id}::uuid)`).resolves.toBeDefined();
    // Written past lib/ (its details not sealed with the organisation's key).
    await db.payeeAccount.create({ data: { organisationId: w.org.id, kind: "SEPA", masked: "DE •••• 0000", country: "DE", details: new Uint8Array(40), addedById: w.member.id } });
    await expect(db.$executeRaw`SELECT most_sanctions_check(${w.org.id}::uuid, ${w.funder.id}::uuid)`).rejects.toThrow(/most_sanctions_unscreened/);
    // Unreadable is an outage, never a pass: no screening is recorded.
    await expect(screenOrganisation(w.org.id, "CHANGE")).rejects.toThrow();
    await expect(db.$executeRaw`SELECT most_sanctions_check(${w.org.id}::uuid, ${w.funder.id}::uuid)`).rejects.toThrow(/most_sanctions_unscreened/);
  });

  it("screens a holder without a legal form both as a person and as an organisation", () => {
    const subjects = subjectsOf("Memorial", null, [{ accountId: "a1", name: "Ivan Petrov" }, { accountId: "a2", name: "memorial" }, { accountId: "a3", name: "Nadezhda e.V." }]);
    expect(subjects.map((s) => [s.ref, s.subject.kind])).toEqual([
      ["organisation", "organisation"],
      ["account-holder:a1", "organisation"],
      ["account-holder:a1:person", "person"],
      ["account-holder:a3", "organisation"],
    ]);
  });
});
