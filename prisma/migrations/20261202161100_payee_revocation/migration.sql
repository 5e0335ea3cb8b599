-- A confirmed verification can be withdrawn (issue 15: an account found compromised, closed or
-- wrong): the account then receives nothing (most_payee_check wants a CONFIRMED one) until a new
-- verification is recorded and confirmed. Its confirmation and cooling-off stay as history.
ALTER TABLE "PayeeVerification"
  DROP CONSTRAINT "PayeeVerification_usable_from",
  ADD CONSTRAINT "PayeeVerification_usable_from" CHECK ((status IN ('CONFIRMED', 'REVOKED')) = ("usableFrom" IS NOT NULL)),
  ADD CONSTRAINT "PayeeVerification_revocation" CHECK (
    (status = 'REVOKED') = ("revokedById" IS NOT NULL) AND ("revokedById" IS NULL) = ("revokedAt" IS NULL) AND ("revokedById" IS NULL) = ("revokedReason" IS NULL));

-- One verification in play per account and funder: a rejected or withdrawn one may be followed by another.
DROP INDEX "PayeeVerification_one_open";
CREATE UNIQUE INDEX "PayeeVerification_one_open" ON "PayeeVerification" ("accountId", "funderId") WHERE status NOT IN ('REJECTED', 'REVOKED');

-- Recorded by the funder's finance, decided once by one of its approvers (not the recorder);
-- a confirmation withdrawn once by its finance or approver.
CREATE OR REPLACE FUNCTION most_payee_verification_guard() RETURNS trigger LANGUAGE plpgsql
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
    IF NEW."decidedById" IS DISTINCT FROM OLD."decidedById" OR NEW."decidedAt" IS DISTINCT FROM OLD."decidedAt"
       OR NEW."usableFrom" IS DISTINCT FROM OLD."usableFrom" THEN
      RAISE EXCEPTION 'a decided verification stays decided' USING ERRCODE = 'check_violation';
    END IF;
    -- A confirmation may be withdrawn, once, by the funder's finance or approver (one person:
    -- stopping money needs no second pair of eyes); nothing else of a decided one changes.
    IF OLD.status = 'CONFIRMED' AND NEW.status = 'REVOKED' THEN
      IF NOT (most_holds_role(NEW."revokedById", NEW."funderId", 'FINANCE') OR most_holds_role(NEW."revokedById", NEW."funderId", 'APPROVER')) THEN
        RAISE EXCEPTION 'only the funder''s finance or approver withdraws a verification' USING ERRCODE = 'check_violation';
      END IF;
      NEW."revokedAt" := now();
      RETURN NEW;
    END IF;
    IF NEW.status <> OLD.status OR NEW."revokedById" IS DISTINCT FROM OLD."revokedById" OR NEW."revokedAt" IS DISTINCT FROM OLD."revokedAt"
       OR NEW."revokedReason" IS DISTINCT FROM OLD."revokedReason" THEN
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
