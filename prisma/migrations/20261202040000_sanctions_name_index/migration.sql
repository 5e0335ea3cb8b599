-- Candidates are searched in memory (lib/sanctions/name-index.ts): the GIN indexes only cost writes.
DROP INDEX "SanctionsName_key_trgm";
DROP INDEX "SanctionsName_tokens_idx";
