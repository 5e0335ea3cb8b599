
-- CreateEnum
CREATE TYPE "PaymentBatchStatus" AS ENUM ('PREPARED', 'RELEASED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "PaymentBatchKind" AS ENUM ('SEPA', 'OTHER');

-- CreateTable
CREATE TABLE "FunderBankAccount" (
    "id" UUID NOT NULL,
    "funderId" UUID NOT NULL,
    "holderName" VARCHAR(70) NOT NULL,
    "iban" VARCHAR(34) NOT NULL,
    "bic" VARCHAR(11),
    "currency" CHAR(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "FunderBankAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentBatch" (
    "id" UUID NOT NULL,
    "funderId" UUID NOT NULL,
    "debtorAccountId" UUID NOT NULL,
    "kind" "PaymentBatchKind" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "reference" VARCHAR(35) NOT NULL,
    "requestedExecutionDate" DATE NOT NULL,
    "status" "PaymentBatchStatus" NOT NULL DEFAULT 'PREPARED',
    "count" INTEGER NOT NULL,
    "total" DECIMAL(16,2) NOT NULL,
    "preparedById" UUID NOT NULL,
    "preparedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "releasedById" UUID,
    "releasedAt" TIMESTAMPTZ(3),
    "cancelledById" UUID,
    "cancelledAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "PaymentBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentBatchItem" (
    "id" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "trancheId" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "payeeAccountId" UUID NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "endToEndId" VARCHAR(35) NOT NULL,
    "open" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "PaymentBatchItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FunderBankAccount_funderId_iban_currency_key" ON "FunderBankAccount"("funderId", "iban", "currency");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentBatch_reference_key" ON "PaymentBatch"("reference");

-- CreateIndex
CREATE INDEX "PaymentBatch_funderId_status_idx" ON "PaymentBatch"("funderId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentBatchItem_endToEndId_key" ON "PaymentBatchItem"("endToEndId");

-- CreateIndex
CREATE INDEX "PaymentBatchItem_trancheId_idx" ON "PaymentBatchItem"("trancheId");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentBatchItem_batchId_trancheId_key" ON "PaymentBatchItem"("batchId", "trancheId");

-- AddForeignKey
ALTER TABLE "FunderBankAccount" ADD CONSTRAINT "FunderBankAccount_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Funder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentBatch" ADD CONSTRAINT "PaymentBatch_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Funder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentBatch" ADD CONSTRAINT "PaymentBatch_debtorAccountId_fkey" FOREIGN KEY ("debtorAccountId") REFERENCES "FunderBankAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentBatchItem" ADD CONSTRAINT "PaymentBatchItem_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "PaymentBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentBatchItem" ADD CONSTRAINT "PaymentBatchItem_trancheId_fkey" FOREIGN KEY ("trancheId") REFERENCES "Tranche"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentBatchItem" ADD CONSTRAINT "PaymentBatchItem_payeeAccountId_fkey" FOREIGN KEY ("payeeAccountId") REFERENCES "PayeeAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A tranche is in at most one open batch (a cancelled batch's items are closed).
CREATE UNIQUE INDEX "PaymentBatchItem_one_open" ON "PaymentBatchItem" ("trancheId") WHERE "open";

ALTER TABLE "PaymentBatch" ADD CONSTRAINT "PaymentBatch_four_eyes" CHECK ("releasedById" IS NULL OR "releasedById" <> "preparedById");
ALTER TABLE "PaymentBatch" ADD CONSTRAINT "PaymentBatch_count" CHECK ("count" > 0 AND "total" > 0);
ALTER TABLE "PaymentBatchItem" ADD CONSTRAINT "PaymentBatchItem_amount" CHECK ("amount" > 0);

-- A batch is prepared by the funder's finance and released by another of its finance users
-- or an approver; what it pays is fixed when prepared; it ends released or cancelled, once.
CREATE FUNCTION most_payment_batch_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE item record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'PREPARED' OR NEW."releasedById" IS NOT NULL OR NEW."cancelledById" IS NOT NULL THEN
      RAISE EXCEPTION 'a payment batch starts prepared' USING ERRCODE = 'check_violation';
    END IF;
    IF NOT most_holds_role(NEW."preparedById", NEW."funderId", 'FINANCE') THEN
      RAISE EXCEPTION 'only the funder''s finance prepares a payment batch' USING ERRCODE = 'check_violation';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM "FunderBankAccount" d WHERE d.id = NEW."debtorAccountId" AND d."funderId" = NEW."funderId"
                   AND d.currency = NEW.currency AND d."retiredAt" IS NULL) THEN
      RAISE EXCEPTION 'a payment batch leaves from the funder''s own account in its currency' USING ERRCODE = 'check_violation';
    END IF;
    NEW."preparedAt" := now();
    RETURN NEW;
  END IF;
  IF NEW.id <> OLD.id OR NEW."funderId" <> OLD."funderId" OR NEW."debtorAccountId" <> OLD."debtorAccountId" OR NEW.kind <> OLD.kind
     OR NEW.currency <> OLD.currency OR NEW.reference <> OLD.reference OR NEW."requestedExecutionDate" <> OLD."requestedExecutionDate"
     OR NEW.count <> OLD.count OR NEW.total <> OLD.total OR NEW."preparedById" <> OLD."preparedById" OR NEW."preparedAt" <> OLD."preparedAt" THEN
    RAISE EXCEPTION 'what a payment batch pays cannot change' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status <> 'PREPARED' THEN
    IF NEW.status <> OLD.status OR NEW."releasedById" IS DISTINCT FROM OLD."releasedById" OR NEW."cancelledById" IS DISTINCT FROM OLD."cancelledById"
       OR NEW."releasedAt" IS DISTINCT FROM OLD."releasedAt" OR NEW."cancelledAt" IS DISTINCT FROM OLD."cancelledAt" THEN
      RAISE EXCEPTION 'a released or cancelled payment batch stays so' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status = 'RELEASED' THEN
    IF NOT (most_holds_role(NEW."releasedById", NEW."funderId", 'FINANCE') OR most_holds_role(NEW."releasedById", NEW."funderId", 'APPROVER')) THEN
      RAISE EXCEPTION 'only the funder''s finance or approver releases a payment batch' USING ERRCODE = 'check_violation';
    END IF;
    -- Everything it pays must still be payable now: approved, to the grant's account, ready.
    FOR item IN SELECT i."trancheId", i."grantId", i."payeeAccountId" FROM "PaymentBatchItem" i WHERE i."batchId" = NEW.id LOOP
      IF NOT EXISTS (SELECT 1 FROM "Tranche" t JOIN "Grant" g ON g.id = t."grantId"
                     WHERE t.id = item."trancheId" AND t.status = 'APPROVED' AND g.status = 'ACTIVE' AND g."payeeAccountId" = item."payeeAccountId") THEN
        RAISE EXCEPTION 'most_batch_stale: a tranche of the batch is no longer payable to the account it names' USING ERRCODE = 'check_violation';
      END IF;
      PERFORM most_payee_check(item."grantId");
    END LOOP;
    NEW."releasedAt" := now();
    NEW."cancelledById" := NULL;
    NEW."cancelledAt" := NULL;
  ELSIF NEW.status = 'CANCELLED' THEN
    IF NOT most_holds_role(NEW."cancelledById", NEW."funderId", 'FINANCE') THEN
      RAISE EXCEPTION 'only the funder''s finance cancels a payment batch' USING ERRCODE = 'check_violation';
    END IF;
    NEW."cancelledAt" := now();
    NEW."releasedById" := NULL;
    NEW."releasedAt" := NULL;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "PaymentBatch_guard" BEFORE INSERT OR UPDATE ON "PaymentBatch"
  FOR EACH ROW EXECUTE FUNCTION most_payment_batch_guard();

-- Cancelling a batch frees its tranches for another.
CREATE FUNCTION most_payment_batch_close_items() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE "PaymentBatchItem" SET open = false WHERE "batchId" = NEW.id AND open;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "PaymentBatch_close_items" AFTER UPDATE OF status ON "PaymentBatch"
  FOR EACH ROW WHEN (OLD.status = 'PREPARED' AND NEW.status = 'CANCELLED') EXECUTE FUNCTION most_payment_batch_close_items();

-- An item is added to a prepared batch only, for an approved tranche of the batch's funder and
-- currency, for the tranche's planned amount, to the grant's account as it stands and ready
-- (verified and cooled off); afterwards only its open flag may fall (cancel, return).
CREATE FUNCTION most_payment_batch_item_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE b record; t record;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.id <> OLD.id OR NEW."batchId" <> OLD."batchId" OR NEW."trancheId" <> OLD."trancheId" OR NEW."grantId" <> OLD."grantId"
       OR NEW."payeeAccountId" <> OLD."payeeAccountId" OR NEW.amount <> OLD.amount OR NEW.currency <> OLD.currency
       OR NEW."endToEndId" <> OLD."endToEndId" OR (NEW.open AND NOT OLD.open) THEN
      RAISE EXCEPTION 'what a batch pays cannot change' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  SELECT pb."funderId", pb.currency, pb.status INTO b FROM "PaymentBatch" pb WHERE pb.id = NEW."batchId";
  IF b.status IS DISTINCT FROM 'PREPARED' THEN
    RAISE EXCEPTION 'payments are added to a prepared batch only' USING ERRCODE = 'check_violation';
  END IF;
  SELECT tr.status, tr."plannedAmount", g.id AS grant, g."funderId", g.currency, g."payeeAccountId", g.status AS "grantStatus" INTO t
    FROM "Tranche" tr JOIN "Grant" g ON g.id = tr."grantId" WHERE tr.id = NEW."trancheId" FOR SHARE OF tr;
  IF t.status IS DISTINCT FROM 'APPROVED' OR t."grantStatus" <> 'ACTIVE' THEN
    RAISE EXCEPTION 'most_batch_not_approved: only an approved tranche of an active grant is paid' USING ERRCODE = 'check_violation';
  END IF;
  IF t.grant <> NEW."grantId" OR t."funderId" <> b."funderId" OR t.currency <> b.currency OR NEW.currency <> b.currency OR NEW.amount <> t."plannedAmount" THEN
    RAISE EXCEPTION 'a batch pays its own funder''s tranches, in its currency, at their planned amount' USING ERRCODE = 'check_violation';
  END IF;
  IF t."payeeAccountId" IS DISTINCT FROM NEW."payeeAccountId" THEN
    RAISE EXCEPTION 'a batch pays the account the grant names' USING ERRCODE = 'check_violation';
  END IF;
  PERFORM most_payee_check(NEW."grantId");
  NEW.open := true;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "PaymentBatchItem_guard" BEFORE INSERT OR UPDATE ON "PaymentBatchItem"
  FOR EACH ROW EXECUTE FUNCTION most_payment_batch_item_guard();

-- A tranche in an open batch is paid by the bank (the statement), not recorded by hand: a
-- disbursement for it must carry the reconciliation's key ("bank:" + statement entry).
CREATE FUNCTION most_ledger_batch_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.kind = 'DISBURSEMENT' AND NEW."trancheId" IS NOT NULL
     AND EXISTS (SELECT 1 FROM "PaymentBatchItem" i WHERE i."trancheId" = NEW."trancheId" AND i.open)
     AND COALESCE(NEW."idempotencyKey", '') NOT LIKE 'bank:%' THEN
    RAISE EXCEPTION 'most_batch_in_batch: the tranche is in a payment batch; the bank statement records its payment' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "LedgerEntry_batch_guard" BEFORE INSERT ON "LedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION most_ledger_batch_guard();
