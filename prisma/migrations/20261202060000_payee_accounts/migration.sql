-- CreateEnum
CREATE TYPE "PayeeAccountKind" AS ENUM ('SEPA', 'OTHER');

-- CreateEnum
CREATE TYPE "PayeeVerificationMethod" AS ENUM ('CALL_BACK', 'BANK_LETTER', 'OTHER');

-- CreateEnum
CREATE TYPE "PayeeVerificationStatus" AS ENUM ('RECORDED', 'CONFIRMED', 'REJECTED');

-- CreateEnum
CREATE TYPE "GrantPayeeChangeStatus" AS ENUM ('REQUESTED', 'CONFIRMED', 'REJECTED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'PAYEE_ACCOUNT_ADDED';
ALTER TYPE "NotificationKind" ADD VALUE 'PAYEE_ACCOUNT_RETIRED';
ALTER TYPE "NotificationKind" ADD VALUE 'GRANT_PAYEE_REQUESTED';
ALTER TYPE "NotificationKind" ADD VALUE 'GRANT_PAYEE_CHANGED';
ALTER TYPE "NotificationKind" ADD VALUE 'PAYEE_AWAITING_CONFIRMATION';

-- AlterTable
ALTER TABLE "Funder" ADD COLUMN     "payeeCoolingOffDays" INTEGER NOT NULL DEFAULT 3;

-- AlterTable
ALTER TABLE "Grant" ADD COLUMN     "payeeAccountId" UUID;

-- CreateTable
CREATE TABLE "PayeeAccount" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "kind" "PayeeAccountKind" NOT NULL,
    "masked" VARCHAR(24) NOT NULL,
    "country" CHAR(2) NOT NULL,
    "currency" CHAR(3),
    "details" BYTEA NOT NULL,
    "keyGeneration" INTEGER NOT NULL DEFAULT 1,
    "addedById" UUID NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredById" UUID,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "PayeeAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayeeVerification" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "funderId" UUID NOT NULL,
    "method" "PayeeVerificationMethod" NOT NULL,
    "note" BYTEA NOT NULL,
    "keyGeneration" INTEGER NOT NULL DEFAULT 1,
    "status" "PayeeVerificationStatus" NOT NULL DEFAULT 'RECORDED',
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "usableFrom" TIMESTAMPTZ(3),

    CONSTRAINT "PayeeVerification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrantPayeeChange" (
    "id" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "status" "GrantPayeeChangeStatus" NOT NULL DEFAULT 'REQUESTED',
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "GrantPayeeChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PayeeAccount_organisationId_idx" ON "PayeeAccount"("organisationId");

-- CreateIndex
CREATE INDEX "PayeeVerification_accountId_funderId_idx" ON "PayeeVerification"("accountId", "funderId");

-- CreateIndex
CREATE INDEX "PayeeVerification_funderId_status_idx" ON "PayeeVerification"("funderId", "status");

-- CreateIndex
CREATE INDEX "GrantPayeeChange_grantId_idx" ON "GrantPayeeChange"("grantId");

-- CreateIndex
CREATE INDEX "GrantPayeeChange_status_idx" ON "GrantPayeeChange"("status");

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_payeeAccountId_fkey" FOREIGN KEY ("payeeAccountId") REFERENCES "PayeeAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayeeAccount" ADD CONSTRAINT "PayeeAccount_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayeeVerification" ADD CONSTRAINT "PayeeVerification_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "PayeeAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayeeVerification" ADD CONSTRAINT "PayeeVerification_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Funder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantPayeeChange" ADD CONSTRAINT "GrantPayeeChange_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantPayeeChange" ADD CONSTRAINT "GrantPayeeChange_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "PayeeAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------------------
-- Hand-written: the rules of payee accounts, their verification and a grant's choice of
-- account, and the refusal of a payment to an account that may not receive money yet.
-- Timestamps that start a cooling-off period are the database's own (now()), never the
-- portal's: a portal login cannot backdate a confirmation.

ALTER TABLE "Funder" ADD CONSTRAINT "Funder_payeeCoolingOffDays_range" CHECK ("payeeCoolingOffDays" BETWEEN 1 AND 60);

ALTER TABLE "PayeeAccount"
  ADD CONSTRAINT "PayeeAccount_country_iso" CHECK (country ~ '^[A-Z]{2}$'),
  ADD CONSTRAINT "PayeeAccount_currency" CHECK ((kind = 'OTHER') = (currency IS NOT NULL) AND (currency IS NULL OR currency ~ '^[A-Z]{3}$')),
  ADD CONSTRAINT "PayeeAccount_masked" CHECK (masked LIKE country || ' •••• %'),
  ADD CONSTRAINT "PayeeAccount_retired" CHECK (("retiredAt" IS NULL) = ("retiredById" IS NULL)),
  -- iv (12) | tag (16) | ciphertext: never the account in clear.
  ADD CONSTRAINT "PayeeAccount_sealed" CHECK (octet_length(details) > 28);

ALTER TABLE "PayeeVerification"
  -- Sealed (iv 12 | tag 16 | ciphertext): never the note in clear.
  ADD CONSTRAINT "PayeeVerification_note_sealed" CHECK (octet_length(note) > 28),
  ADD CONSTRAINT "PayeeVerification_decision" CHECK ((status = 'RECORDED') = ("decidedById" IS NULL) AND ("decidedById" IS NULL) = ("decidedAt" IS NULL)),
  ADD CONSTRAINT "PayeeVerification_usable_from" CHECK ((status = 'CONFIRMED') = ("usableFrom" IS NOT NULL)),
  -- Four eyes: whoever recorded how an account was verified never confirms it.
  ADD CONSTRAINT "PayeeVerification_four_eyes" CHECK ("decidedById" IS NULL OR "decidedById" <> "recordedById");
-- One verification in play per account and funder (a rejected one may be followed by another).
CREATE UNIQUE INDEX "PayeeVerification_one_open" ON "PayeeVerification" ("accountId", "funderId") WHERE status <> 'REJECTED';

ALTER TABLE "GrantPayeeChange"
  ADD CONSTRAINT "GrantPayeeChange_decision" CHECK ((status = 'REQUESTED') = ("decidedById" IS NULL) AND ("decidedById" IS NULL) = ("decidedAt" IS NULL)),
  ADD CONSTRAINT "GrantPayeeChange_four_eyes" CHECK ("decidedById" IS NULL OR "decidedById" <> "requestedById");
CREATE UNIQUE INDEX "GrantPayeeChange_one_open" ON "GrantPayeeChange" ("grantId") WHERE status = 'REQUESTED';

CREATE FUNCTION most_holds_role(person uuid, funder uuid, wanted "StaffRoleKind") RETURNS boolean LANGUAGE sql STABLE
SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM "StaffRole" r JOIN "User" u ON u.id = r."userId"
                 WHERE r."userId" = person AND r."funderId" = funder AND r.role = wanted AND u."disabledAt" IS NULL);
$$;

-- Whoever added the account, or any member of its organisation, is on the payee's side: such a
-- person never decides its verification or a grant's change to it, even when also the funder's approver.
CREATE FUNCTION most_payee_insider(person uuid, account uuid) RETURNS boolean LANGUAGE sql STABLE
SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM "PayeeAccount" a WHERE a.id = account
                 AND (a."addedById" = person
                      OR EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = person AND m."organisationId" = a."organisationId")));
$$;

-- An account is never edited: it is retired once, and re-sealed only by a renewal of its
-- organisation's data key (to that key's generation). DELETE is not granted to the portal.
CREATE FUNCTION most_payee_account_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE current_generation int;
BEGIN
  SELECT k.generation INTO current_generation FROM "OrganisationKey" k
   WHERE k."organisationId" = NEW."organisationId" AND k."destroyedAt" IS NULL;
  IF TG_OP = 'INSERT' THEN
    IF NEW."retiredAt" IS NOT NULL THEN
      RAISE EXCEPTION 'a payee account starts in use' USING ERRCODE = 'check_violation';
    END IF;
    IF current_generation IS NULL THEN
      RAISE EXCEPTION 'a payee account needs its organisation''s data key' USING ERRCODE = 'check_violation';
    END IF;
    NEW."keyGeneration" := current_generation;
    NEW."addedAt" := now();
    RETURN NEW;
  END IF;
  IF NEW.id <> OLD.id OR NEW."organisationId" <> OLD."organisationId" OR NEW.kind <> OLD.kind OR NEW.masked <> OLD.masked
     OR NEW.country <> OLD.country OR NEW.currency IS DISTINCT FROM OLD.currency
     OR NEW."addedById" <> OLD."addedById" OR NEW."addedAt" <> OLD."addedAt" THEN
    RAISE EXCEPTION 'a payee account is never edited: a change is a new account' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD."retiredAt" IS NOT NULL THEN
    IF NEW."retiredAt" IS DISTINCT FROM OLD."retiredAt" OR NEW."retiredById" IS DISTINCT FROM OLD."retiredById" THEN
      RAISE EXCEPTION 'a retired payee account stays retired' USING ERRCODE = 'check_violation';
    END IF;
  ELSIF NEW."retiredAt" IS NOT NULL THEN
    NEW."retiredAt" := now();
  END IF;
  IF NEW.details <> OLD.details OR NEW."keyGeneration" <> OLD."keyGeneration" THEN
    IF current_generation IS NULL OR NEW."keyGeneration" <> current_generation OR NEW."keyGeneration" <= OLD."keyGeneration" THEN
      RAISE EXCEPTION 'a payee account is re-sealed only by a renewal of its organisation''s key' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "PayeeAccount_guard" BEFORE INSERT OR UPDATE ON "PayeeAccount"
  FOR EACH ROW EXECUTE FUNCTION most_payee_account_guard();
CREATE TRIGGER "PayeeAccount_no_truncate" BEFORE TRUNCATE ON "PayeeAccount"
  FOR EACH STATEMENT EXECUTE FUNCTION most_reject_change();

-- Recorded by the funder's finance, decided once by one of its approvers (not the recorder).
CREATE FUNCTION most_payee_verification_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE current_generation int;
BEGIN
  SELECT k.generation INTO current_generation FROM "OrganisationKey" k JOIN "PayeeAccount" a ON a."organisationId" = k."organisationId"
   WHERE a.id = NEW."accountId" AND k."destroyedAt" IS NULL;
  IF TG_OP = 'INSERT' THEN
    IF current_generation IS NULL THEN
      RAISE EXCEPTION 'a verification needs its organisation''s data key' USING ERRCODE = 'check_violation';
    END IF;
    NEW."keyGeneration" := current_generation;
    NEW."usableFrom" := NULL;
    IF NEW.status <> 'RECORDED' THEN
      RAISE EXCEPTION 'a verification starts recorded' USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM "PayeeAccount" a WHERE a.id = NEW."accountId" AND a."retiredAt" IS NOT NULL) THEN
      RAISE EXCEPTION 'a retired payee account is not verified' USING ERRCODE = 'check_violation';
    END IF;
    IF NOT most_holds_role(NEW."recordedById", NEW."funderId", 'FINANCE') THEN
      RAISE EXCEPTION 'only the funder''s finance records a verification' USING ERRCODE = 'check_violation';
    END IF;
    NEW."recordedAt" := now();
    RETURN NEW;
  END IF;
  IF NEW.id <> OLD.id OR NEW."accountId" <> OLD."accountId" OR NEW."funderId" <> OLD."funderId" OR NEW.method <> OLD.method
     OR NEW."recordedById" <> OLD."recordedById" OR NEW."recordedAt" <> OLD."recordedAt" THEN
    RAISE EXCEPTION 'what a verification recorded cannot change' USING ERRCODE = 'check_violation';
  END IF;
  -- The note is re-sealed only by a renewal of the organisation's data key, to its new generation.
  IF NEW.note <> OLD.note OR NEW."keyGeneration" <> OLD."keyGeneration" THEN
    IF current_generation IS NULL OR NEW."keyGeneration" <> current_generation OR NEW."keyGeneration" <= OLD."keyGeneration" THEN
      RAISE EXCEPTION 'a verification''s note is re-sealed only by a renewal of its organisation''s key' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF OLD.status <> 'RECORDED' THEN
    IF NEW.status <> OLD.status OR NEW."decidedById" IS DISTINCT FROM OLD."decidedById" OR NEW."decidedAt" IS DISTINCT FROM OLD."decidedAt"
       OR NEW."usableFrom" IS DISTINCT FROM OLD."usableFrom" THEN
      RAISE EXCEPTION 'a decided verification stays decided' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status <> 'RECORDED' THEN
    IF NOT most_holds_role(NEW."decidedById", NEW."funderId", 'APPROVER') THEN
      RAISE EXCEPTION 'only the funder''s approver decides a verification' USING ERRCODE = 'check_violation';
    END IF;
    IF most_payee_insider(NEW."decidedById", NEW."accountId") THEN
      RAISE EXCEPTION 'whoever added the account or belongs to its organisation does not decide its verification' USING ERRCODE = 'check_violation';
    END IF;
    NEW."decidedAt" := now();
    -- The period as it is now: a later change of Funder.payeeCoolingOffDays moves no account already cooling off.
    IF NEW.status = 'CONFIRMED' THEN
      SELECT now() + make_interval(hours => 24 * f."payeeCoolingOffDays") INTO NEW."usableFrom" FROM "Funder" f WHERE f.id = NEW."funderId";
    ELSE
      NEW."usableFrom" := NULL;
    END IF;
  ELSIF NEW."usableFrom" IS NOT NULL THEN
    RAISE EXCEPTION 'a verification is usable only once confirmed' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "PayeeVerification_guard" BEFORE INSERT OR UPDATE ON "PayeeVerification"
  FOR EACH ROW EXECUTE FUNCTION most_payee_verification_guard();

-- A grant's account is requested (by an admin of its organisation or the funder's finance)
-- and confirmed by the funder's approver (not the requester); the confirmation applies it.
CREATE FUNCTION most_grant_payee_change_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE g record;
BEGIN
  SELECT gr."organisationId", gr."funderId" INTO g FROM "Grant" gr WHERE gr.id = NEW."grantId";
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'REQUESTED' THEN
      RAISE EXCEPTION 'a change of payee account starts requested' USING ERRCODE = 'check_violation';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM "PayeeAccount" a WHERE a.id = NEW."accountId" AND a."organisationId" = g."organisationId" AND a."retiredAt" IS NULL) THEN
      RAISE EXCEPTION 'a grant is paid only to an account of its organisation in use' USING ERRCODE = 'check_violation';
    END IF;
    IF NOT (EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = NEW."requestedById" AND m."organisationId" = g."organisationId" AND m.role = 'ADMIN')
            OR most_holds_role(NEW."requestedById", g."funderId", 'FINANCE')) THEN
      RAISE EXCEPTION 'only an admin of the organisation or the funder''s finance requests a payee account' USING ERRCODE = 'check_violation';
    END IF;
    NEW."requestedAt" := now();
    RETURN NEW;
  END IF;
  IF NEW.id <> OLD.id OR NEW."grantId" <> OLD."grantId" OR NEW."accountId" <> OLD."accountId"
     OR NEW."requestedById" <> OLD."requestedById" OR NEW."requestedAt" <> OLD."requestedAt" THEN
    RAISE EXCEPTION 'what a change of payee account requested cannot change' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status <> 'REQUESTED' THEN
    IF NEW.status <> OLD.status OR NEW."decidedById" IS DISTINCT FROM OLD."decidedById" OR NEW."decidedAt" IS DISTINCT FROM OLD."decidedAt" THEN
      RAISE EXCEPTION 'a decided change of payee account stays decided' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status <> 'REQUESTED' THEN
    IF NOT most_holds_role(NEW."decidedById", g."funderId", 'APPROVER') THEN
      RAISE EXCEPTION 'only the funder''s approver decides a change of payee account' USING ERRCODE = 'check_violation';
    END IF;
    IF most_payee_insider(NEW."decidedById", NEW."accountId") THEN
      RAISE EXCEPTION 'whoever added the account or belongs to its organisation does not decide a change to it' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.status = 'CONFIRMED' AND EXISTS (SELECT 1 FROM "PayeeAccount" a WHERE a.id = NEW."accountId" AND a."retiredAt" IS NOT NULL) THEN
      RAISE EXCEPTION 'a retired payee account is not chosen' USING ERRCODE = 'check_violation';
    END IF;
    NEW."decidedAt" := now();
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "GrantPayeeChange_guard" BEFORE INSERT OR UPDATE ON "GrantPayeeChange"
  FOR EACH ROW EXECUTE FUNCTION most_grant_payee_change_guard();

CREATE FUNCTION most_grant_payee_change_apply() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE "Grant" SET "payeeAccountId" = NEW."accountId" WHERE id = NEW."grantId";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "GrantPayeeChange_apply" AFTER UPDATE OF status ON "GrantPayeeChange"
  FOR EACH ROW WHEN (OLD.status = 'REQUESTED' AND NEW.status = 'CONFIRMED') EXECUTE FUNCTION most_grant_payee_change_apply();

-- Grant."payeeAccountId" changes only through a change confirmed in this transaction.
CREATE FUNCTION most_grant_payee_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."payeeAccountId" IS NOT DISTINCT FROM OLD."payeeAccountId" THEN RETURN NEW; END IF;
  IF TG_OP = 'INSERT' AND NEW."payeeAccountId" IS NULL THEN RETURN NEW; END IF;
  IF NOT EXISTS (SELECT 1 FROM "GrantPayeeChange" c WHERE c."grantId" = NEW.id AND c."accountId" = NEW."payeeAccountId"
                 AND c.status = 'CONFIRMED' AND c."decidedAt" = now()::timestamptz(3)) THEN
    RAISE EXCEPTION 'a grant''s payee account changes only by a confirmed request' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "Grant_payee_guard" BEFORE INSERT OR UPDATE OF "payeeAccountId" ON "Grant"
  FOR EACH ROW EXECUTE FUNCTION most_grant_payee_guard();

-- Refuses a payment to a grant whose account may not receive money: a choice or change
-- awaiting confirmation, none chosen, retired, not verified for the grant's funder, or still cooling off.
-- Locks what it read (FOR SHARE) so a retirement or a new choice waits for the payment.
CREATE FUNCTION most_payee_check(grant_id uuid) RETURNS void LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE g record; retired timestamptz; confirmed boolean; usable timestamptz;
BEGIN
  SELECT gr."payeeAccountId" AS account, gr."funderId" AS funder INTO g
    FROM "Grant" gr WHERE gr.id = grant_id FOR SHARE OF gr;
  IF EXISTS (SELECT 1 FROM "GrantPayeeChange" c WHERE c."grantId" = grant_id AND c.status = 'REQUESTED') THEN
    RAISE EXCEPTION 'most_payee_change_pending: a change of the grant''s payee account awaits confirmation' USING ERRCODE = 'check_violation';
  END IF;
  IF g.account IS NULL THEN
    RAISE EXCEPTION 'most_payee_missing: the grant names no payee account' USING ERRCODE = 'check_violation';
  END IF;
  SELECT a."retiredAt" INTO retired FROM "PayeeAccount" a WHERE a.id = g.account FOR SHARE;
  IF retired IS NOT NULL THEN
    RAISE EXCEPTION 'most_payee_retired: the grant''s payee account is retired' USING ERRCODE = 'check_violation';
  END IF;
  SELECT true, v."usableFrom" INTO confirmed, usable FROM "PayeeVerification" v
   WHERE v."accountId" = g.account AND v."funderId" = g.funder AND v.status = 'CONFIRMED' FOR SHARE;
  IF confirmed IS NULL THEN
    RAISE EXCEPTION 'most_payee_unverified: the grant''s payee account is not verified for its funder' USING ERRCODE = 'check_violation';
  END IF;
  IF usable > now() THEN
    RAISE EXCEPTION 'most_payee_cooling_off: the grant''s payee account is still in its cooling-off period' USING ERRCODE = 'check_violation';
  END IF;
END;
$$;

CREATE FUNCTION most_payee_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_TABLE_NAME = 'Tranche' THEN
    IF NOT (NEW.status = 'PAID' AND OLD.status <> 'PAID') THEN RETURN NEW; END IF;
  ELSIF NEW.kind <> 'DISBURSEMENT' THEN
    RETURN NEW;
  END IF;
  PERFORM most_payee_check(NEW."grantId");
  RETURN NEW;
END;
$$;
CREATE TRIGGER "LedgerEntry_payee_guard" BEFORE INSERT ON "LedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION most_payee_guard();
CREATE TRIGGER "Tranche_payee_guard" BEFORE UPDATE OF status ON "Tranche"
  FOR EACH ROW EXECUTE FUNCTION most_payee_guard();
