
-- AlterEnum
ALTER TYPE "LedgerNote" ADD VALUE 'BANK_RETURN';

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'PAYMENT_RETURNED';

-- CreateEnum
CREATE TYPE "BankLineOutcome" AS ENUM ('BOOKED', 'RETURNED', 'UNMATCHED', 'REPEATED', 'IGNORED');

-- CreateEnum
CREATE TYPE "BankLineIssue" AS ENUM ('NO_REFERENCE', 'UNKNOWN_REFERENCE', 'OTHER_ACCOUNT', 'NOT_RELEASED', 'AMOUNT_MISMATCH', 'ALREADY_BOOKED', 'RETURN_WITHOUT_PAYMENT', 'NOT_OPEN', 'DISMISSED');

-- CreateTable
CREATE TABLE "BankStatement" (
    "id" UUID NOT NULL,
    "funderId" UUID NOT NULL,
    "debtorAccountId" UUID NOT NULL,
    "format" VARCHAR(20) NOT NULL,
    "messageId" VARCHAR(35) NOT NULL,
    "statementRef" VARCHAR(35) NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "lineCount" INTEGER NOT NULL,
    "importedById" UUID NOT NULL,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankStatementLine" (
    "id" UUID NOT NULL,
    "statementId" UUID NOT NULL,
    "funderId" UUID NOT NULL,
    "debtorAccountId" UUID NOT NULL,
    "lineKey" VARCHAR(80) NOT NULL,
    "entryIndex" INTEGER NOT NULL,
    "txIndex" INTEGER NOT NULL,
    "creditDebit" CHAR(4) NOT NULL,
    "reversal" BOOLEAN NOT NULL,
    "entryStatus" VARCHAR(8) NOT NULL,
    "amount" DECIMAL(18,3) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "bookingDate" DATE,
    "valueDate" DATE,
    "endToEndId" VARCHAR(35),
    "bankReference" VARCHAR(35),
    "returnReason" VARCHAR(35),
    "counterpartyMasked" VARCHAR(24),
    "outcome" "BankLineOutcome" NOT NULL,
    "issue" "BankLineIssue",
    "batchItemId" UUID,
    "suggestedItemId" UUID,
    "ledgerEntryId" BIGINT,
    "resolvedById" UUID,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "BankStatementLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BankStatement_funderId_importedAt_idx" ON "BankStatement"("funderId", "importedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BankStatement_debtorAccountId_sha256_statementRef_key" ON "BankStatement"("debtorAccountId", "sha256", "statementRef");

-- CreateIndex
CREATE UNIQUE INDEX "BankStatementLine_ledgerEntryId_key" ON "BankStatementLine"("ledgerEntryId");

-- CreateIndex
CREATE INDEX "BankStatementLine_statementId_entryIndex_txIndex_idx" ON "BankStatementLine"("statementId", "entryIndex", "txIndex");

-- CreateIndex
CREATE INDEX "BankStatementLine_funderId_outcome_idx" ON "BankStatementLine"("funderId", "outcome");

-- CreateIndex
CREATE INDEX "BankStatementLine_batchItemId_idx" ON "BankStatementLine"("batchItemId");

-- CreateIndex
CREATE UNIQUE INDEX "BankStatementLine_debtorAccountId_lineKey_key" ON "BankStatementLine"("debtorAccountId", "lineKey");

-- AddForeignKey
ALTER TABLE "BankStatement" ADD CONSTRAINT "BankStatement_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Funder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankStatement" ADD CONSTRAINT "BankStatement_debtorAccountId_fkey" FOREIGN KEY ("debtorAccountId") REFERENCES "FunderBankAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankStatementLine" ADD CONSTRAINT "BankStatementLine_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "BankStatement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankStatementLine" ADD CONSTRAINT "BankStatementLine_batchItemId_fkey" FOREIGN KEY ("batchItemId") REFERENCES "PaymentBatchItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankStatementLine" ADD CONSTRAINT "BankStatementLine_suggestedItemId_fkey" FOREIGN KEY ("suggestedItemId") REFERENCES "PaymentBatchItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankStatementLine" ADD CONSTRAINT "BankStatementLine_ledgerEntryId_fkey" FOREIGN KEY ("ledgerEntryId") REFERENCES "LedgerEntry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------------------
-- Guards. A statement is a fact (append-only); a line changes only by finance's decision on
-- an unmatched line and by the link to the ledger entry it wrote, once.
ALTER TABLE "BankStatementLine" ADD CONSTRAINT "BankStatementLine_credit_debit" CHECK ("creditDebit" IN ('CRDT', 'DBIT'));
ALTER TABLE "BankStatementLine" ADD CONSTRAINT "BankStatementLine_amount" CHECK ("amount" > 0);
ALTER TABLE "BankStatementLine" ADD CONSTRAINT "BankStatementLine_outcome_shape" CHECK (
  ("outcome" IN ('BOOKED', 'RETURNED', 'REPEATED') AND "batchItemId" IS NOT NULL AND ("suggestedItemId" IS NULL OR "suggestedItemId" = "batchItemId"))
  OR ("outcome" = 'UNMATCHED' AND "batchItemId" IS NULL AND "issue" IS NOT NULL AND "ledgerEntryId" IS NULL)
  OR ("outcome" = 'IGNORED' AND "batchItemId" IS NULL AND "ledgerEntryId" IS NULL)
);
ALTER TABLE "BankStatementLine" ADD CONSTRAINT "BankStatementLine_booked_debit" CHECK ("outcome" <> 'BOOKED' OR "creditDebit" = 'DBIT');
ALTER TABLE "BankStatementLine" ADD CONSTRAINT "BankStatementLine_returned_credit" CHECK ("outcome" <> 'RETURNED' OR "creditDebit" = 'CRDT');

CREATE TRIGGER "BankStatement_append_only" BEFORE UPDATE OR DELETE ON "BankStatement"
  FOR EACH ROW EXECUTE FUNCTION most_reject_change();
CREATE TRIGGER "BankStatement_no_truncate" BEFORE TRUNCATE ON "BankStatement"
  FOR EACH STATEMENT EXECUTE FUNCTION most_reject_change();
CREATE TRIGGER "BankStatementLine_no_delete" BEFORE DELETE ON "BankStatementLine"
  FOR EACH ROW EXECUTE FUNCTION most_reject_change();
CREATE TRIGGER "BankStatementLine_no_truncate" BEFORE TRUNCATE ON "BankStatementLine"
  FOR EACH STATEMENT EXECUTE FUNCTION most_reject_change();

-- The statement is imported by the funder's finance, for the funder's own account.
CREATE FUNCTION most_bank_statement_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT most_holds_role(NEW."importedById", NEW."funderId", 'FINANCE') THEN
    RAISE EXCEPTION 'only the funder''s finance imports a bank statement' USING ERRCODE = 'check_violation';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM "FunderBankAccount" d WHERE d.id = NEW."debtorAccountId" AND d."funderId" = NEW."funderId") THEN
    RAISE EXCEPTION 'a statement is of the funder''s own account' USING ERRCODE = 'check_violation';
  END IF;
  NEW."importedAt" := now();
  RETURN NEW;
END;
$$;
CREATE TRIGGER "BankStatement_guard" BEFORE INSERT ON "BankStatement"
  FOR EACH ROW EXECUTE FUNCTION most_bank_statement_guard();

-- A line names a payment of a released batch of the same funder and account, at its amount
-- and currency when it books or returns it. Later, only: an unmatched line is confirmed
-- (booked) or dismissed by finance, once; the ledger entry it wrote is linked, once.
CREATE FUNCTION most_bank_line_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE item record; entry record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM "BankStatement" s WHERE s.id = NEW."statementId" AND s."funderId" = NEW."funderId" AND s."debtorAccountId" = NEW."debtorAccountId") THEN
      RAISE EXCEPTION 'a line belongs to its statement''s funder and account' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW."ledgerEntryId" IS NOT NULL OR NEW."resolvedById" IS NOT NULL OR NEW."resolvedAt" IS NOT NULL THEN
      RAISE EXCEPTION 'a line starts undecided and unlinked' USING ERRCODE = 'check_violation';
    END IF;
  ELSE
    IF NEW.id <> OLD.id OR NEW."statementId" <> OLD."statementId" OR NEW."funderId" <> OLD."funderId" OR NEW."debtorAccountId" <> OLD."debtorAccountId"
       OR NEW."lineKey" <> OLD."lineKey" OR NEW."entryIndex" <> OLD."entryIndex" OR NEW."txIndex" <> OLD."txIndex" OR NEW."creditDebit" <> OLD."creditDebit"
       OR NEW.reversal <> OLD.reversal OR NEW."entryStatus" <> OLD."entryStatus" OR NEW.amount <> OLD.amount OR NEW.currency <> OLD.currency
       OR NEW."bookingDate" IS DISTINCT FROM OLD."bookingDate" OR NEW."valueDate" IS DISTINCT FROM OLD."valueDate"
       OR NEW."endToEndId" IS DISTINCT FROM OLD."endToEndId" OR NEW."bankReference" IS DISTINCT FROM OLD."bankReference"
       OR NEW."returnReason" IS DISTINCT FROM OLD."returnReason" OR NEW."counterpartyMasked" IS DISTINCT FROM OLD."counterpartyMasked"
       OR NEW."suggestedItemId" IS DISTINCT FROM OLD."suggestedItemId"
       OR (OLD."ledgerEntryId" IS NOT NULL AND NEW."ledgerEntryId" IS DISTINCT FROM OLD."ledgerEntryId") THEN
      RAISE EXCEPTION 'what a bank statement says cannot change' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.outcome <> OLD.outcome OR NEW."batchItemId" IS DISTINCT FROM OLD."batchItemId" OR NEW.issue IS DISTINCT FROM OLD.issue
       OR NEW."resolvedById" IS DISTINCT FROM OLD."resolvedById" OR NEW."resolvedAt" IS DISTINCT FROM OLD."resolvedAt" THEN
      -- Finance's one decision on an unmatched line: book it to a payment, or dismiss it.
      IF OLD.outcome <> 'UNMATCHED' OR NEW.outcome NOT IN ('BOOKED', 'IGNORED') OR NEW."resolvedById" IS NULL
         OR NOT most_holds_role(NEW."resolvedById", NEW."funderId", 'FINANCE')
         OR (NEW.outcome = 'IGNORED' AND NEW.issue IS DISTINCT FROM 'DISMISSED') THEN
        RAISE EXCEPTION 'an unmatched line is decided once, by the funder''s finance' USING ERRCODE = 'check_violation';
      END IF;
      NEW."resolvedAt" := now();
    END IF;
  END IF;
  IF NEW.outcome IN ('BOOKED', 'RETURNED') AND (TG_OP = 'INSERT' OR NEW."batchItemId" IS DISTINCT FROM OLD."batchItemId") THEN
    SELECT i.amount, i.currency, b."funderId", b."debtorAccountId", b.status INTO item
      FROM "PaymentBatchItem" i JOIN "PaymentBatch" b ON b.id = i."batchId" WHERE i.id = NEW."batchItemId";
    IF item.status IS DISTINCT FROM 'RELEASED' OR item."funderId" <> NEW."funderId" OR item."debtorAccountId" <> NEW."debtorAccountId"
       OR item.amount <> NEW.amount OR item.currency <> NEW.currency THEN
      RAISE EXCEPTION 'most_bank_line_mismatch: a line books or returns a released payment of its account, at its amount' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF NEW."ledgerEntryId" IS NOT NULL AND (TG_OP = 'INSERT' OR OLD."ledgerEntryId" IS NULL) THEN
    SELECT e.kind, e."idempotencyKey" INTO entry FROM "LedgerEntry" e WHERE e.id = NEW."ledgerEntryId";
    IF entry."idempotencyKey" IS DISTINCT FROM 'bank:' || NEW.id::text
       OR (NEW.outcome = 'BOOKED' AND entry.kind <> 'DISBURSEMENT') OR (NEW.outcome = 'RETURNED' AND entry.kind <> 'REVERSAL')
       OR NEW.outcome NOT IN ('BOOKED', 'RETURNED') THEN
      RAISE EXCEPTION 'a line links the ledger entry it wrote' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "BankStatementLine_guard" BEFORE INSERT OR UPDATE ON "BankStatementLine"
  FOR EACH ROW EXECUTE FUNCTION most_bank_line_guard();

-- Is the tranche in a released batch's open item, paid by the bank? Then its booking records
-- money already gone: sanctions and payee checks ran when the batch was released.
CREATE FUNCTION most_bank_paid(tranche uuid) RETURNS boolean LANGUAGE sql STABLE
SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM "PaymentBatchItem" i JOIN "PaymentBatch" b ON b.id = i."batchId"
                 WHERE i."trancheId" = tranche AND i.open AND b.status = 'RELEASED');
$$;

-- A ledger entry keyed 'bank:<line id>' is that line's: a disbursement of a booked line at its
-- payment's tranche and amount, or the reversal of a returned line's payment. A tranche in an
-- open batch is paid only so (replaces the prefix check of 20261202070000).
CREATE OR REPLACE FUNCTION most_ledger_batch_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE line record; lineId uuid;
BEGIN
  IF COALESCE(NEW."idempotencyKey", '') LIKE 'bank:%' THEN
    BEGIN
      lineId := substr(NEW."idempotencyKey", 6)::uuid;
    EXCEPTION WHEN invalid_text_representation THEN
      RAISE EXCEPTION 'most_bank_key: a bank key names a statement line' USING ERRCODE = 'check_violation';
    END;
    SELECT l.outcome, l.amount, l."ledgerEntryId", i."trancheId", i."grantId" INTO line
      FROM "BankStatementLine" l JOIN "PaymentBatchItem" i ON i.id = l."batchItemId" WHERE l.id = lineId;
    IF line."trancheId" IS NULL OR line."ledgerEntryId" IS NOT NULL OR NEW."trancheId" IS DISTINCT FROM line."trancheId" OR NEW."grantId" <> line."grantId"
       OR (NEW.kind = 'DISBURSEMENT' AND (line.outcome <> 'BOOKED' OR NEW.amount <> line.amount))
       OR (NEW.kind = 'REVERSAL' AND (line.outcome <> 'RETURNED' OR NEW.amount <> -line.amount))
       OR NEW.kind NOT IN ('DISBURSEMENT', 'REVERSAL') THEN
      RAISE EXCEPTION 'most_bank_key: the entry is not the one its statement line books or returns' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.kind = 'DISBURSEMENT' AND NEW."trancheId" IS NOT NULL
     AND EXISTS (SELECT 1 FROM "PaymentBatchItem" i WHERE i."trancheId" = NEW."trancheId" AND i.open) THEN
    RAISE EXCEPTION 'most_batch_in_batch: the tranche is in a payment batch; the bank statement records its payment' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

-- Sanctions: as in 20261201230000, except that a tranche the bank paid from a released batch
-- is recorded (the money is gone; refusing would only hide it).
CREATE OR REPLACE FUNCTION most_sanctions_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE org uuid; funder uuid;
BEGIN
  IF TG_TABLE_NAME = 'Decision' THEN
    IF NEW.kind <> 'APPROVE' OR NEW.status <> 'CONFIRMED'
       OR (TG_OP = 'UPDATE' AND OLD.status = 'CONFIRMED' AND OLD.kind = 'APPROVE') THEN RETURN NEW; END IF;
    SELECT a."organisationId", a."funderId" INTO org, funder FROM "Application" a WHERE a.id = NEW."applicationId";
  ELSIF TG_TABLE_NAME = 'Grant' THEN
    org := NEW."organisationId";
    funder := NEW."funderId";
  ELSIF TG_TABLE_NAME = 'Tranche' THEN
    IF NOT ((NEW.status = 'APPROVED' AND OLD.status NOT IN ('APPROVED', 'PAID')) OR (NEW.status = 'PAID' AND OLD.status <> 'PAID')) THEN RETURN NEW; END IF;
    IF NEW.status = 'PAID' AND most_bank_paid(NEW.id) THEN RETURN NEW; END IF;
    SELECT g."organisationId", g."funderId" INTO org, funder FROM "Grant" g WHERE g.id = NEW."grantId";
  ELSE
    IF NEW.kind <> 'DISBURSEMENT' THEN RETURN NEW; END IF;
    IF NEW."trancheId" IS NOT NULL AND COALESCE(NEW."idempotencyKey", '') LIKE 'bank:%' AND most_bank_paid(NEW."trancheId") THEN RETURN NEW; END IF;
    SELECT g."organisationId", g."funderId" INTO org, funder FROM "Grant" g WHERE g.id = NEW."grantId";
  END IF;
  PERFORM most_sanctions_check(org, funder);
  RETURN NEW;
END;
$$;

-- Payee: as in 20261202060000, with the same exception for the bank's own bookings.
CREATE OR REPLACE FUNCTION most_payee_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_TABLE_NAME = 'Tranche' THEN
    IF NOT (NEW.status = 'PAID' AND OLD.status <> 'PAID') THEN RETURN NEW; END IF;
    IF most_bank_paid(NEW.id) THEN RETURN NEW; END IF;
  ELSE
    IF NEW.kind <> 'DISBURSEMENT' THEN RETURN NEW; END IF;
    IF NEW."trancheId" IS NOT NULL AND COALESCE(NEW."idempotencyKey", '') LIKE 'bank:%' AND most_bank_paid(NEW."trancheId") THEN RETURN NEW; END IF;
  END IF;
  PERFORM most_payee_check(NEW."grantId");
  RETURN NEW;
END;
$$;
