-- Sanctions screening (issue 14): lists and their versions, screenings, potential matches and
-- the database guard that refuses an award or a payment to an organisation with an
-- unresolved or confirmed match, or one not screened against the lists in force.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TYPE "NotificationKind" ADD VALUE 'SANCTIONS_MATCH';
ALTER TYPE "NotificationKind" ADD VALUE 'SANCTIONS_CONFIRMED';

-- CreateEnum
CREATE TYPE "SanctionsTrigger" AS ENUM ('SUBMISSION', 'DECISION', 'PAYMENT', 'CHANGE', 'LIST_UPDATE', 'MANUAL');

-- CreateEnum
CREATE TYPE "MatchStatus" AS ENUM ('OPEN', 'CLEAR_PROPOSED', 'MATCH_PROPOSED', 'CLEARED', 'CONFIRMED', 'LAPSED');

-- AlterTable
ALTER TABLE "Funder" ADD COLUMN     "screeningThreshold" DECIMAL(3,2) NOT NULL DEFAULT 0.85;

-- CreateTable
CREATE TABLE "SanctionsListVersion" (
    "id" UUID NOT NULL,
    "list" VARCHAR(32) NOT NULL,
    "source" VARCHAR(32) NOT NULL,
    "publicationDate" DATE,
    "fileNames" TEXT[],
    "sha256" CHAR(64) NOT NULL,
    "entries" INTEGER NOT NULL,
    "persons" INTEGER NOT NULL,
    "organisations" INTEGER NOT NULL,
    "names" INTEGER NOT NULL,
    "added" INTEGER NOT NULL,
    "removed" INTEGER NOT NULL,
    "changed" INTEGER NOT NULL,
    "previousId" UUID,
    "importedById" UUID,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SanctionsListVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SanctionsEntry" (
    "id" UUID NOT NULL,
    "list" VARCHAR(32) NOT NULL,
    "sourceId" TEXT NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "contentHash" CHAR(64) NOT NULL,
    "primaryName" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "fromVersionId" UUID NOT NULL,
    "toVersionId" UUID,

    CONSTRAINT "SanctionsEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SanctionsName" (
    "id" BIGSERIAL NOT NULL,
    "entryId" UUID NOT NULL,
    "full" TEXT NOT NULL,
    "script" VARCHAR(8) NOT NULL,
    "lang" VARCHAR(8),
    "weak" BOOLEAN NOT NULL DEFAULT false,
    "primary" BOOLEAN NOT NULL DEFAULT false,
    "key" TEXT NOT NULL,
    "tokens" TEXT[],
    "current" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "SanctionsName_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SanctionsScreening" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "organisationVersion" INTEGER NOT NULL,
    "trigger" "SanctionsTrigger" NOT NULL,
    "versionIds" UUID[],
    "subjects" INTEGER NOT NULL,
    "candidates" INTEGER NOT NULL,
    "hits" INTEGER NOT NULL,
    "maxScore" DECIMAL(4,3) NOT NULL,
    "actorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SanctionsScreening_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SanctionsMatch" (
    "id" UUID NOT NULL,
    "funderId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "entryId" UUID NOT NULL,
    "subjectRef" VARCHAR(64) NOT NULL,
    "score" DECIMAL(4,3) NOT NULL,
    "risk" BOOLEAN NOT NULL DEFAULT false,
    "explanation" BYTEA NOT NULL,
    "status" "MatchStatus" NOT NULL DEFAULT 'OPEN',
    "firstScreeningId" UUID NOT NULL,
    "lastScreeningId" UUID NOT NULL,
    "proposedById" UUID,
    "proposedAt" TIMESTAMPTZ(3),
    "reason" TEXT,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SanctionsMatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SanctionsListVersion_list_importedAt_idx" ON "SanctionsListVersion"("list", "importedAt");

-- CreateIndex
CREATE INDEX "SanctionsEntry_list_sourceId_idx" ON "SanctionsEntry"("list", "sourceId");

-- CreateIndex
CREATE INDEX "SanctionsName_entryId_idx" ON "SanctionsName"("entryId");

-- CreateIndex
CREATE INDEX "SanctionsName_key_trgm" ON "SanctionsName" USING GIN ("key" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "SanctionsName_tokens_idx" ON "SanctionsName" USING GIN ("tokens");

-- CreateIndex
CREATE INDEX "SanctionsScreening_organisationId_createdAt_idx" ON "SanctionsScreening"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "SanctionsMatch_funderId_status_idx" ON "SanctionsMatch"("funderId", "status");

-- CreateIndex
CREATE INDEX "SanctionsMatch_organisationId_status_idx" ON "SanctionsMatch"("organisationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SanctionsMatch_funderId_organisationId_subjectRef_entryId_key" ON "SanctionsMatch"("funderId", "organisationId", "subjectRef", "entryId");

-- AddForeignKey
ALTER TABLE "SanctionsEntry" ADD CONSTRAINT "SanctionsEntry_fromVersionId_fkey" FOREIGN KEY ("fromVersionId") REFERENCES "SanctionsListVersion"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "SanctionsEntry" ADD CONSTRAINT "SanctionsEntry_toVersionId_fkey" FOREIGN KEY ("toVersionId") REFERENCES "SanctionsListVersion"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "SanctionsName" ADD CONSTRAINT "SanctionsName_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "SanctionsEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SanctionsScreening" ADD CONSTRAINT "SanctionsScreening_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "SanctionsMatch" ADD CONSTRAINT "SanctionsMatch_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "SanctionsEntry"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "SanctionsMatch" ADD CONSTRAINT "SanctionsMatch_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Funder"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "SanctionsMatch" ADD CONSTRAINT "SanctionsMatch_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

ALTER TABLE "Funder" ADD CONSTRAINT "Funder_screeningThreshold_range" CHECK ("screeningThreshold" > 0 AND "screeningThreshold" <= 1);

ALTER TABLE "SanctionsListVersion"
  ADD CONSTRAINT "SanctionsListVersion_list" CHECK (list IN ('eu', 'un', 'ofac', 'uk', 'ru-undesirable', 'ru-foreign-agents')),
  ADD CONSTRAINT "SanctionsListVersion_counts" CHECK (entries >= 0 AND persons >= 0 AND organisations >= 0 AND names >= 0 AND added >= 0 AND removed >= 0 AND changed >= 0);
-- An import writes its version row last, when the counts are known (the table is append-only).
ALTER TABLE "SanctionsEntry" ALTER CONSTRAINT "SanctionsEntry_fromVersionId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "SanctionsEntry" ALTER CONSTRAINT "SanctionsEntry_toVersionId_fkey" DEFERRABLE INITIALLY DEFERRED;
-- One row in force per listed entry.
CREATE UNIQUE INDEX "SanctionsEntry_one_current" ON "SanctionsEntry" (list, "sourceId") WHERE "toVersionId" IS NULL;

ALTER TABLE "SanctionsMatch"
  ADD CONSTRAINT "SanctionsMatch_score_range" CHECK (score >= 0 AND score <= 1),
  ADD CONSTRAINT "SanctionsMatch_proposal" CHECK (status IN ('OPEN', 'LAPSED') OR ("proposedById" IS NOT NULL AND reason IS NOT NULL AND length(btrim(reason)) > 0)),
  ADD CONSTRAINT "SanctionsMatch_decision" CHECK ((status IN ('CLEARED', 'CONFIRMED')) = ("decidedById" IS NOT NULL)),
  -- Four eyes: whoever proposed a clearance or a match never decides it.
  ADD CONSTRAINT "SanctionsMatch_four_eyes" CHECK ("decidedById" IS NULL OR "decidedById" <> "proposedById");

-- What was screened when, and each list version, are facts.
CREATE TRIGGER "SanctionsScreening_append_only" BEFORE UPDATE OR DELETE ON "SanctionsScreening"
  FOR EACH ROW EXECUTE FUNCTION most_reject_change();
CREATE TRIGGER "SanctionsScreening_no_truncate" BEFORE TRUNCATE ON "SanctionsScreening"
  FOR EACH STATEMENT EXECUTE FUNCTION most_reject_change();
CREATE TRIGGER "SanctionsListVersion_append_only" BEFORE UPDATE OR DELETE ON "SanctionsListVersion"
  FOR EACH ROW EXECUTE FUNCTION most_reject_change();
CREATE TRIGGER "SanctionsListVersion_no_truncate" BEFORE TRUNCATE ON "SanctionsListVersion"
  FOR EACH STATEMENT EXECUTE FUNCTION most_reject_change();

-- The newest version of each list.
CREATE FUNCTION most_sanctions_versions_in_force() RETURNS SETOF uuid LANGUAGE sql STABLE
SET search_path = public, pg_temp AS $$
  SELECT DISTINCT ON (list) id FROM "SanctionsListVersion" ORDER BY list, "importedAt" DESC, id DESC;
$$;

-- Refuses money or an award to an organisation that a funder may not pay: a potential match
-- not cleared by two people (risk-context matches never block), or no screening of the
-- organisation as it is now against every list version in force.
CREATE FUNCTION most_sanctions_check(org uuid, funder uuid) RETURNS void LANGUAGE plpgsql STABLE
SET search_path = public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "SanctionsMatch" m WHERE m."organisationId" = org AND m."funderId" = funder
             AND NOT m.risk AND m.status NOT IN ('CLEARED', 'LAPSED')) THEN
    RAISE EXCEPTION 'most_sanctions_hold: the organisation has an unresolved or confirmed sanctions match'
      USING ERRCODE = 'check_violation';
  END IF;
  -- A screening that screened no name (the identity could not be opened) counts for nothing.
  IF NOT EXISTS (
    SELECT 1 FROM "SanctionsScreening" s JOIN "Organisation" o ON o.id = s."organisationId"
    WHERE s."organisationId" = org AND s."organisationVersion" = o.version AND s.subjects > 0
      AND NOT EXISTS (SELECT 1 FROM most_sanctions_versions_in_force() v WHERE v <> ALL (s."versionIds"))
  ) THEN
    RAISE EXCEPTION 'most_sanctions_unscreened: the organisation is not screened against the lists in force'
      USING ERRCODE = 'check_violation';
  END IF;
END;
$$;

CREATE FUNCTION most_sanctions_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE org uuid; funder uuid;
BEGIN
  IF TG_TABLE_NAME = 'Decision' THEN
    -- An approval, however it is written: confirmed on insert, confirmed later, or a confirmed
    -- rejection turned into an approval.
    IF NEW.kind <> 'APPROVE' OR NEW.status <> 'CONFIRMED'
       OR (TG_OP = 'UPDATE' AND OLD.status = 'CONFIRMED' AND OLD.kind = 'APPROVE') THEN RETURN NEW; END IF;
    SELECT a."organisationId", a."funderId" INTO org, funder FROM "Application" a WHERE a.id = NEW."applicationId";
  ELSIF TG_TABLE_NAME = 'Grant' THEN
    org := NEW."organisationId";
    funder := NEW."funderId";
  ELSIF TG_TABLE_NAME = 'Tranche' THEN
    -- Approving and paying; a reversal (PAID back to APPROVED) returns money and is never held.
    IF NOT ((NEW.status = 'APPROVED' AND OLD.status NOT IN ('APPROVED', 'PAID')) OR (NEW.status = 'PAID' AND OLD.status <> 'PAID')) THEN RETURN NEW; END IF;
    SELECT g."organisationId", g."funderId" INTO org, funder FROM "Grant" g WHERE g.id = NEW."grantId";
  ELSE
    IF NEW.kind <> 'DISBURSEMENT' THEN RETURN NEW; END IF;
    SELECT g."organisationId", g."funderId" INTO org, funder FROM "Grant" g WHERE g.id = NEW."grantId";
  END IF;
  PERFORM most_sanctions_check(org, funder);
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Decision_sanctions_guard" BEFORE INSERT OR UPDATE ON "Decision"
  FOR EACH ROW EXECUTE FUNCTION most_sanctions_guard();
CREATE TRIGGER "Grant_sanctions_guard" BEFORE INSERT ON "Grant"
  FOR EACH ROW EXECUTE FUNCTION most_sanctions_guard();
CREATE TRIGGER "Tranche_sanctions_guard" BEFORE UPDATE ON "Tranche"
  FOR EACH ROW EXECUTE FUNCTION most_sanctions_guard();
CREATE TRIGGER "LedgerEntry_sanctions_guard" BEFORE INSERT ON "LedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION most_sanctions_guard();

-- A match moves only along the review's paths, and what it is about never changes: the
-- portal's login cannot clear a hold by editing or deleting the row (DELETE is not granted).
CREATE FUNCTION most_sanctions_match_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'OPEN' THEN
      RAISE EXCEPTION 'a sanctions match starts open' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW."funderId" <> OLD."funderId" OR NEW."organisationId" <> OLD."organisationId" OR NEW."entryId" <> OLD."entryId"
     OR NEW."subjectRef" <> OLD."subjectRef" OR NEW.risk <> OLD.risk OR NEW."firstScreeningId" <> OLD."firstScreeningId" THEN
    RAISE EXCEPTION 'what a sanctions match is about cannot change' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status <> OLD.status AND NOT (
       (OLD.status = 'OPEN' AND NEW.status IN ('CLEAR_PROPOSED', 'MATCH_PROPOSED', 'LAPSED'))
    OR (OLD.status IN ('CLEAR_PROPOSED', 'MATCH_PROPOSED') AND NEW.status = 'OPEN')
    OR (OLD.status = 'CLEAR_PROPOSED' AND NEW.status = 'CLEARED')
    OR (OLD.status = 'MATCH_PROPOSED' AND NEW.status = 'CONFIRMED')
    OR (OLD.status = 'LAPSED' AND NEW.status = 'OPEN')
    -- A cleared match is reopened when the facts it was cleared on change (a higher score).
    OR (OLD.status = 'CLEARED' AND NEW.status = 'OPEN')) THEN
    RAISE EXCEPTION 'a sanctions match cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = 'LAPSED' AND OLD.status <> 'LAPSED'
     AND NOT EXISTS (SELECT 1 FROM "SanctionsEntry" e WHERE e.id = NEW."entryId" AND e."toVersionId" IS NOT NULL) THEN
    RAISE EXCEPTION 'a sanctions match lapses only when its entry leaves the list' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "SanctionsMatch_transitions" BEFORE INSERT OR UPDATE ON "SanctionsMatch"
  FOR EACH ROW EXECUTE FUNCTION most_sanctions_match_guard();
