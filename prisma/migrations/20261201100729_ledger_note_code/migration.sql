-- Item 20: notes the portal writes on ledger entries are stored as codes and translated when
-- shown; a person's own words (a reversal reason, a termination reason) stay in "note".
-- CreateEnum
CREATE TYPE "LedgerNote" AS ENUM ('COMMITMENT_ON_APPROVAL', 'COMMITMENT_REDUCED', 'TERMINATION');

-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN     "noteCode" "LedgerNote";
