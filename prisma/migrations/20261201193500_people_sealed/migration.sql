-- Members of protected organisations are protected people (issue 13): a person's name and
-- e-mail are sealed with a key of their own; sign-in finds them by a keyed blind index.
--
-- Shape: sealing needs the master key and the key shares, which SQL never sees, so this
-- migration only adds the sealed columns and makes the clear ones nullable; the start-up
-- backfill (lib/users/personal-data.ts sealLegacyPeople, run by db:prepare and the run
-- command) seals each clear row and sets its clear copy to NULL. A later migration drops the
-- legacy columns once every installation has run it. The CHECK keeps a sealed row from
-- carrying a clear copy and every row from having neither (an erased person keeps an
-- empty `personal` and no index).

ALTER TABLE "User" ADD COLUMN "emailIndex" CHAR(64),
  ADD COLUMN "personal" BYTEA,
  ALTER COLUMN "email" DROP NOT NULL,
  ALTER COLUMN "name" DROP NOT NULL;
CREATE UNIQUE INDEX "User_emailIndex_key" ON "User"("emailIndex");
ALTER TABLE "User" ADD CONSTRAINT "User_personal_sealed_check" CHECK (
  ("personal" IS NULL AND "email" IS NOT NULL AND "name" IS NOT NULL)
  OR ("personal" IS NOT NULL AND "email" IS NULL AND "name" IS NULL)
);

CREATE TABLE "PersonKey" (
    "userId" UUID NOT NULL,
    "wrappedKey" BYTEA,
    "masterKeyId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rotatedAt" TIMESTAMPTZ(3),
    "destroyedAt" TIMESTAMPTZ(3),
    CONSTRAINT "PersonKey_pkey" PRIMARY KEY ("userId")
);
ALTER TABLE "PersonKey" ADD CONSTRAINT "PersonKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Pending sign-ups live 24 hours and pending invitations a few days: they are dropped rather
-- than carried over in clear (the person signs up again; the organisation invites again).
DELETE FROM "SignUpRequest";
DROP INDEX "SignUpRequest_email_idx";
ALTER TABLE "SignUpRequest" DROP COLUMN "email", DROP COLUMN "name",
  ADD COLUMN "emailIndex" CHAR(64) NOT NULL,
  ADD COLUMN "personal" BYTEA NOT NULL,
  ADD COLUMN "masterKeyId" TEXT NOT NULL;
CREATE INDEX "SignUpRequest_emailIndex_idx" ON "SignUpRequest"("emailIndex");

DELETE FROM "Invitation";
ALTER TABLE "Invitation" DROP COLUMN "email",
  ADD COLUMN "email" BYTEA NOT NULL,
  ADD COLUMN "emailIndex" CHAR(64) NOT NULL;
