import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importEcbRates, parseEcbCsv } from "@/lib/ledger/fx-import";
import { rateForValueDate } from "@/lib/ledger/fx";
import { decideBudgetAmendment, proposeBudgetAmendment } from "@/lib/grants/budget";
import { getGrantForMember } from "@/lib/grants/queries";
import { getApplicationForMember } from "@/lib/applications/member-view";
import { getReportForMember, reviewReport, submitReport } from "@/lib/reports/commands";
import { approvePayment, recordPayment, requestPayment } from "@/lib/ledger/payments";
import { actorFor, makeStaff, makeUser } from "../factories";
import { grantWorld } from "../factories/grant-world";

const DAILY = `Date, USD, JPY, BGN, CZK, DKK, GBP,
25 November 2026, 1.0842, 162.11, 1.9558, 25.187, 7.4589, 0.84710,
`;
const HISTORY = `Date,USD,JPY,CZK,RUB,
2026-11-25,1.0842,162.11,25.187,N/A,
2026-11-24,1.0801,161.02,25.210,N/A,
2026-11-20,1.0790,160.55,25.300,N/A,
`;

describe("ECB reference rates", () => {
  it("parse both the daily and the history file", () => {
    const daily = parseEcbCsv(DAILY);
    expect(daily.find((r) => r.currency === "CZK")).toEqual({ currency: "CZK", date: new Date("2026-11-25T00:00:00Z"), perEur: "25.187" });
    const hist = parseEcbCsv(HISTORY);
    expect(hist).toHaveLength(9);
    expect(hist.some((r) => r.currency === "RUB")).toBe(false);
  });

  it("refuse a file that is not ECB CSV, naming the bad line", () => {
    expect(() => parseEcbCsv("hello,world\n1,2")).toThrow();
    let error: unknown = null;
    try {
      parseEcbCsv("Date,USD\n2026-11-25,abc\n");
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ fields: { file: "errors.fx.line" }, values: { line: 2 } });
  });

  it("import idempotently, and a value date takes its own or the last earlier rate", async () => {
    const admin = await actorFor((await makeUser({ admin: true })).id);
    expect(await importEcbRates(admin, HISTORY)).toBe(9);
    expect(await importEcbRates(admin, HISTORY)).toBe(9);
    expect(await db.fxRate.count({ where: { currency: "CZK" } })).toBe(3);
    const sunday = await db.$transaction((tx) => rateForValueDate(tx, "CZK", new Date("2026-11-23T00:00:00Z")));
    expect(sunday.perEur.toFixed(3)).toBe("25.300");
    const monday = await db.$transaction((tx) => rateForValueDate(tx, "CZK", new Date("2026-11-24T00:00:00Z")));
    expect(monday.perEur.toFixed(3)).toBe("25.210");
    const officer = await makeStaff((await db.funder.create({ data: { code: "FXT", name: "x", country: "CZ" } })).id, "OFFICER");
    await expect(importEcbRates(officer, HISTORY)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("budget amendments", () => {
  it("need an approver other than the proposing officer, and keep every version", async () => {
    const w = await grantWorld();
    const lines = [{ category: "STAFF" as const, description: "Lawyers", amount: "50000.00" }, { category: "TRAVEL" as const, description: "Courts", amount: "10000.00" }];
    await expect(proposeBudgetAmendment(w.officer, { grantId: w.grant.id, reason: "x", lines: [{ ...lines[0]!, amount: "1.00" }] })).rejects.toMatchObject({ fields: { lines: "errors.budget.grantTotal" } });
    const v2 = await proposeBudgetAmendment(w.officer, { grantId: w.grant.id, reason: "Travel added", lines });
    const both = await makeStaff(w.funder.id, "OFFICER", "APPROVER");
    const v3 = await db.grantBudget.findUniqueOrThrow({ where: { id: v2 } });
    await expect(decideBudgetAmendment(w.officer, v2, true)).rejects.toMatchObject({ code: "notFound" });
    await decideBudgetAmendment(w.approver, v2, true);
    const v4 = await proposeBudgetAmendment(both, { grantId: w.grant.id, reason: "again", lines });
    await expect(decideBudgetAmendment(both, v4, true)).rejects.toMatchObject({ code: "fourEyes" });
    const versions = await db.grantBudget.findMany({ where: { grantId: w.grant.id }, orderBy: { version: "asc" } });
    expect(versions.map((b) => [b.version, b.status])).toEqual([[1, "CONFIRMED"], [2, "CONFIRMED"], [3, "PROPOSED"]]);
    expect(v3.version).toBe(2);
  });
});

describe("grantee reports and payments view", () => {
  it("lets a member report spending per budget line and see payments without internal details", async () => {
    const w = await grantWorld({ conditions: ["NONE", "INTERIM_REPORT_ACCEPTED"] });
    const member = await actorFor(w.member.id);
    const t = w.tranches[0]!;
    await requestPayment(w.officer, t.id);
    await approvePayment(w.approver, t.id);
    await recordPayment(w.finance, { trancheId: t.id, idempotencyKey: "k".repeat(20), valueDate: new Date().toISOString().slice(0, 10), bankReference: "SECRET-BANK-REF" });
    // The approved application leads its members to the grant.
    expect((await getApplicationForMember(member, w.app.id, "en"))?.grant).toEqual({ id: w.grant.id, number: w.grant.number });
    const view = await getGrantForMember(member, w.grant.id);
    expect(view?.received).toBe("30000.00");
    expect(JSON.stringify(view)).not.toContain("SECRET-BANK-REF");
    const interim = view!.reports.find((r) => r.kind === "INTERIM")!;
    await expect(submitReport(member, { reportId: interim.id, narrative: "Done", spent: [], files: [] })).rejects.toMatchObject({ fields: { spent: "errors.report.spentLines" } });
    await submitReport(member, { reportId: interim.id, narrative: "Six months of legal aid.", spent: ["29000.00"], files: [new File([Buffer.from("%PDF-1.4\n%%EOF")], "statement.pdf")] });
    const report = await getReportForMember(member, interim.id);
    expect(report?.financial).toEqual([{ category: "STAFF", description: "Lawyers", approved: "60000.00", spent: "29000.00" }]);
    expect(report?.attachments.map((a) => a.fileName)).toEqual(["statement.pdf"]);
    await expect(reviewReport(w.officer, interim.id, false)).rejects.toMatchObject({ fields: { note: "errors.field.required" } });
    await reviewReport(w.officer, interim.id, true);
    await requestPayment(w.officer, w.tranches[1]!.id);
    // Another organisation's member sees nothing.
    const stranger = await actorFor((await makeUser()).id);
    expect(await getGrantForMember(stranger, w.grant.id)).toBeNull();
    expect(await getReportForMember(stranger, interim.id)).toBeNull();
    await expect(submitReport(stranger, { reportId: interim.id, narrative: "x", spent: ["1.00"], files: [] })).rejects.toMatchObject({ code: "notFound" });
  });
});
