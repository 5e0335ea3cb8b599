-- Files and their names sealed with the organisation's data key (issue 13). Rows stored
-- before keep their clear name and digest until the worker's backfill seals them; a row is
-- either one or the other, never both.
ALTER TABLE "Attachment" ALTER COLUMN "fileName" DROP NOT NULL;
ALTER TABLE "Attachment" ALTER COLUMN "sha256" DROP NOT NULL;
ALTER TABLE "Attachment" ADD COLUMN "meta" BYTEA;
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_sealed_or_legacy"
  CHECK (("meta" IS NULL AND "fileName" IS NOT NULL AND "sha256" IS NOT NULL)
      OR ("meta" IS NOT NULL AND "fileName" IS NULL AND "sha256" IS NULL));
CREATE INDEX "Attachment_legacy_idx" ON "Attachment" ("id") WHERE "meta" IS NULL;

-- Key renewal (keys:rotate --renew) re-seals an organisation's data under a new data key.
ALTER TABLE "OrganisationKey" ADD COLUMN "generation" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "OrganisationKey" ADD COLUMN "renewedAt" TIMESTAMPTZ(3);
