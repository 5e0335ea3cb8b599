-- Candidates are searched in memory (lib/sanctions/name-index.ts): the GIN indexes only cost writes.
DROP INDEX "SanctionsName_key_trgm";
DROP INDEX "SanctionsName_tokens_idx";

-- The candidate search is complete for review thresholds of 0.85 and more (name-index.ts):
-- a funder may be stricter, never looser than what is searched.
ALTER TABLE "Funder" DROP CONSTRAINT "Funder_screeningThreshold_range";
ALTER TABLE "Funder" ADD CONSTRAINT "Funder_screeningThreshold_range" CHECK ("screeningThreshold" >= 0.85 AND "screeningThreshold" <= 1);
