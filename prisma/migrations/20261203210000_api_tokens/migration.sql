-- API v1 (issue 18): tokens for one funder, and update times for incremental sync.
-- CreateEnum
CREATE TYPE "ApiScope" AS ENUM ('GRANTS_READ', 'PAYMENTS_READ');

-- AlterTable
ALTER TABLE "Grant" ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Tranche" ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "funderId" UUID NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "secretHash" CHAR(64) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "scopes" "ApiScope"[] NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),
    "revokedById" UUID,
    "lastUsedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_secretHash_key" ON "ApiToken"("secretHash");

-- CreateIndex
CREATE INDEX "ApiToken_funderId_createdAt_idx" ON "ApiToken"("funderId", "createdAt");

-- CreateIndex
CREATE INDEX "Grant_funderId_updatedAt_id_idx" ON "Grant"("funderId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Tranche_updatedAt_id_idx" ON "Tranche"("updatedAt", "id");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Funder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_scopes_check" CHECK (cardinality("scopes") >= 1);
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_expiry_check" CHECK ("expiresAt" > "createdAt" AND "expiresAt" <= "createdAt" + interval '366 days');
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_hash_check" CHECK ("secretHash" ~ '^[0-9a-f]{64}$');
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_name_check" CHECK (length(btrim("name")) > 0);

-- Every change moves the row's update time, whoever writes it (the portal, a guard, a script):
-- the API's `updatedSince` must never miss a change. clock_timestamp(), not now(): a long
-- transaction's rows are stamped when written, closer to when a client can see them.
CREATE FUNCTION most_touch_updated_at() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  NEW."updatedAt" := greatest(clock_timestamp(), OLD."updatedAt");
  RETURN NEW;
END;
$$;
CREATE TRIGGER "Grant_touch_updated_at" BEFORE UPDATE ON "Grant"
  FOR EACH ROW EXECUTE FUNCTION most_touch_updated_at();
CREATE TRIGGER "Tranche_touch_updated_at" BEFORE UPDATE ON "Tranche"
  FOR EACH ROW EXECUTE FUNCTION most_touch_updated_at();

-- A token is created by a funder admin of its funder and then only used or revoked (once,
-- by a funder admin of the funder); what it is and may do never changes.
CREATE FUNCTION most_api_token_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM "StaffRole" WHERE "userId" = NEW."createdById" AND "funderId" = NEW."funderId" AND role = 'FUNDER_ADMIN') THEN
      RAISE EXCEPTION 'only a funder admin of the funder creates its API tokens' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW."revokedAt" IS NOT NULL OR NEW."revokedById" IS NOT NULL OR NEW."lastUsedAt" IS NOT NULL THEN
      RAISE EXCEPTION 'an API token starts unused and not revoked' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF (NEW.id, NEW."funderId", NEW.name, NEW."secretHash", NEW.prefix, NEW.scopes, NEW."expiresAt", NEW."createdById", NEW."createdAt")
     IS DISTINCT FROM (OLD.id, OLD."funderId", OLD.name, OLD."secretHash", OLD.prefix, OLD.scopes, OLD."expiresAt", OLD."createdById", OLD."createdAt") THEN
    RAISE EXCEPTION 'an API token never changes; revoke it and create another' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD."revokedAt" IS NOT NULL AND (NEW."revokedAt", NEW."revokedById") IS DISTINCT FROM (OLD."revokedAt", OLD."revokedById") THEN
    RAISE EXCEPTION 'a revoked API token stays revoked' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD."revokedAt" IS NULL AND NEW."revokedAt" IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM "StaffRole" WHERE "userId" = NEW."revokedById" AND "funderId" = NEW."funderId" AND role = 'FUNDER_ADMIN') THEN
    RAISE EXCEPTION 'only a funder admin of the funder revokes its API tokens' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "ApiToken_guard" BEFORE INSERT OR UPDATE ON "ApiToken"
  FOR EACH ROW EXECUTE FUNCTION most_api_token_guard();
