-- When an erase's database work (blanking, untying, memberships, plain files) was done:
-- organisations erased by earlier versions have none and are finished by the worker.
ALTER TABLE "OrganisationKey" ADD COLUMN "scrubbedAt" TIMESTAMPTZ(3);
