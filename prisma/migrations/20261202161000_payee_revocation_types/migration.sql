
-- CreateEnum
CREATE TYPE "PayeeRevocationReason" AS ENUM ('SUSPECTED_FRAUD', 'ACCOUNT_CLOSED', 'DETAILS_WRONG', 'OTHER');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'PAYEE_VERIFICATION_REVOKED';

-- AlterEnum
ALTER TYPE "PayeeVerificationStatus" ADD VALUE 'REVOKED';

-- AlterTable
ALTER TABLE "PayeeVerification" ADD COLUMN     "revokedAt" TIMESTAMPTZ(3),
ADD COLUMN     "revokedById" UUID,
ADD COLUMN     "revokedReason" "PayeeRevocationReason";

