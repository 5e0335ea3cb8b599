-- Applications carry their funder (copied from the call's programme) so staff queues are
-- scoped and sorted by one index; grant numbers come from a counter per funder and year.

DROP INDEX "Application_status_submittedAt_idx";

ALTER TABLE "Application" ADD COLUMN "funderId" UUID;
UPDATE "Application" a SET "funderId" = p."funderId"
  FROM "Call" c JOIN "Programme" p ON p.id = c."programmeId"
  WHERE c.id = a."callId";
ALTER TABLE "Application" ALTER COLUMN "funderId" SET NOT NULL;

-- The copy can never disagree with the call.
CREATE FUNCTION most_application_funder() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE expected uuid;
BEGIN
  SELECT p."funderId" INTO expected FROM "Call" c JOIN "Programme" p ON p.id = c."programmeId" WHERE c.id = NEW."callId";
  IF NEW."funderId" IS DISTINCT FROM expected THEN
    RAISE EXCEPTION 'Application.funderId must be the funder of its call' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "Application_funder_matches_call" BEFORE INSERT OR UPDATE OF "funderId", "callId" ON "Application"
  FOR EACH ROW EXECUTE FUNCTION most_application_funder();

CREATE TABLE "GrantCounter" (
    "funderId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "GrantCounter_pkey" PRIMARY KEY ("funderId","year")
);

CREATE INDEX "Application_funderId_status_submittedAt_id_idx" ON "Application"("funderId", "status", "submittedAt", "id");
CREATE INDEX "Application_funderId_requestedAmount_id_idx" ON "Application"("funderId", "requestedAmount", "id");
CREATE INDEX "Application_funderId_scoreAvg_id_idx" ON "Application"("funderId", "scoreAvg", "id");

ALTER TABLE "Application" ADD CONSTRAINT "Application_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Funder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "GrantCounter" ADD CONSTRAINT "GrantCounter_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Funder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
