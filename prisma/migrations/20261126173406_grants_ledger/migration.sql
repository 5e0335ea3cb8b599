-- CreateEnum
CREATE TYPE "BudgetVersionStatus" AS ENUM ('PROPOSED', 'CONFIRMED', 'REJECTED');

-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN     "paidAmount" DECIMAL(14,2),
ADD COLUMN     "paidCurrency" CHAR(3),
ADD COLUMN     "paidFxRate" DECIMAL(18,8);

-- CreateTable
CREATE TABLE "GrantBudget" (
    "id" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "BudgetVersionStatus" NOT NULL DEFAULT 'PROPOSED',
    "reason" TEXT NOT NULL,
    "proposedById" UUID NOT NULL,
    "proposedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "GrantBudget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrantBudgetLine" (
    "id" UUID NOT NULL,
    "budgetId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "category" "BudgetCategory" NOT NULL,
    "description" TEXT NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,

    CONSTRAINT "GrantBudgetLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GrantBudget_grantId_version_key" ON "GrantBudget"("grantId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "GrantBudgetLine_budgetId_position_key" ON "GrantBudgetLine"("budgetId", "position");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantBudget" ADD CONSTRAINT "GrantBudget_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantBudgetLine" ADD CONSTRAINT "GrantBudgetLine_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "GrantBudget"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Money invariants held by the database itself.
-- ---------------------------------------------------------------------------

-- Budget versions: four eyes on amendments, one proposal open at a time.
ALTER TABLE "GrantBudget"
  ADD CONSTRAINT "GrantBudget_four_eyes" CHECK ("decidedById" IS NULL OR "decidedById" <> "proposedById"),
  ADD CONSTRAINT "GrantBudget_confirmed_decided" CHECK (status <> 'CONFIRMED' OR version = 1 OR "decidedById" IS NOT NULL),
  ADD CONSTRAINT "GrantBudget_version_positive" CHECK (version >= 1);
CREATE UNIQUE INDEX "GrantBudget_one_proposal" ON "GrantBudget" ("grantId") WHERE status = 'PROPOSED';
ALTER TABLE "GrantBudgetLine" ADD CONSTRAINT "GrantBudgetLine_amount_nonneg" CHECK (amount >= 0);

-- Tranches: each step names its person; the three persons differ (checks in init).
ALTER TABLE "Tranche"
  ADD CONSTRAINT "Tranche_requested_has_requester" CHECK (status IN ('PLANNED', 'CANCELLED') OR "requestedById" IS NOT NULL),
  ADD CONSTRAINT "Tranche_approved_has_approver" CHECK (status NOT IN ('APPROVED', 'PAID') OR "approvedById" IS NOT NULL),
  ADD CONSTRAINT "Tranche_paid_has_payer" CHECK (status <> 'PAID' OR "paidById" IS NOT NULL),
  ADD CONSTRAINT "Tranche_sequence_positive" CHECK (sequence >= 1);

-- The schedule of a running grant always adds up to the grant amount (checked at commit,
-- so a schedule can be replaced inside one transaction).
CREATE FUNCTION most_tranche_schedule_sums() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE g uuid; grant_amount numeric; grant_status text; planned numeric; n int;
BEGIN
  g := COALESCE(NEW."grantId", OLD."grantId");
  SELECT amount, status INTO grant_amount, grant_status FROM "Grant" WHERE id = g;
  IF grant_status NOT IN ('ACTIVE', 'SUSPENDED') THEN RETURN NULL; END IF;
  SELECT COALESCE(sum("plannedAmount"), 0), count(*) INTO planned, n
    FROM "Tranche" WHERE "grantId" = g AND status <> 'CANCELLED';
  IF n > 0 AND planned <> grant_amount THEN
    RAISE EXCEPTION 'tranches of grant % add up to %, not the grant amount %', g, planned, grant_amount
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER "Tranche_schedule_sums" AFTER INSERT OR UPDATE OR DELETE ON "Tranche"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION most_tranche_schedule_sums();

-- Ledger rows: payment details complete or absent; a disbursement belongs to a tranche.
ALTER TABLE "LedgerEntry"
  ADD CONSTRAINT "LedgerEntry_paid_all_or_none" CHECK (
    ("paidCurrency" IS NULL) = ("paidAmount" IS NULL) AND ("paidAmount" IS NULL) = ("paidFxRate" IS NULL)),
  ADD CONSTRAINT "LedgerEntry_paid_positive" CHECK (
    "paidAmount" IS NULL OR ("paidAmount" > 0 AND "paidFxRate" > 0 AND "paidCurrency" ~ '^[A-Z]{3}$')),
  ADD CONSTRAINT "LedgerEntry_disbursement_tranche" CHECK (kind <> 'DISBURSEMENT' OR "trancheId" IS NOT NULL);

-- Every new ledger row is checked against the grant, under the grant's row lock:
-- the grant's currency; a reversal exactly undoes an original of the same grant;
-- a disbursement is recorded by the finance person registered on its approved tranche
-- and never takes the net disbursed amount above the grant amount.
CREATE FUNCTION most_ledger_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE gr record; orig record; tr record; disbursed numeric;
BEGIN
  SELECT id, amount, currency INTO gr FROM "Grant" WHERE id = NEW."grantId" FOR UPDATE;
  IF NEW.currency <> gr.currency THEN
    RAISE EXCEPTION 'ledger entry currency % differs from grant currency %', NEW.currency, gr.currency USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.kind = 'REVERSAL' THEN
    SELECT * INTO orig FROM "LedgerEntry" WHERE id = NEW."reversesId";
    IF orig IS NULL OR orig."grantId" <> NEW."grantId" OR orig.kind = 'REVERSAL' OR NEW.amount <> -orig.amount THEN
      RAISE EXCEPTION 'a reversal must undo exactly one original entry of the same grant' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF NEW.kind = 'DISBURSEMENT' THEN
    SELECT * INTO tr FROM "Tranche" WHERE id = NEW."trancheId";
    IF tr IS NULL OR tr."grantId" <> NEW."grantId" OR tr.status <> 'PAID' OR tr."approvedById" IS NULL
       OR tr."paidById" IS DISTINCT FROM NEW."createdById" THEN
      RAISE EXCEPTION 'a disbursement needs its approved tranche marked paid by the same person' USING ERRCODE = 'check_violation';
    END IF;
    SELECT COALESCE(sum(l.amount), 0) INTO disbursed FROM "LedgerEntry" l
      LEFT JOIN "LedgerEntry" o ON o.id = l."reversesId"
      WHERE l."grantId" = NEW."grantId"
        AND (l.kind = 'DISBURSEMENT' OR (l.kind = 'REVERSAL' AND o.kind = 'DISBURSEMENT'));
    IF disbursed + NEW.amount > gr.amount THEN
      RAISE EXCEPTION 'disbursements would exceed the grant amount' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "LedgerEntry_guard" BEFORE INSERT ON "LedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION most_ledger_guard();
